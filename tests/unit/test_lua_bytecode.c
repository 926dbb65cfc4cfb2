/* The reader of binary chunks behind the skipped upvalue check: it must
 * find every assignment to an upvalue, nested or not, and call nothing
 * else one. */
#include <lauxlib.h>
#include <lualib.h>

#include "lua/lua_bytecode.h"
#include "test_support.h"

/* The answer for the function that chunk returns. */
static int answer(const char *chunk)
{
    lua_State *L = luaL_newstate();
    ck_assert_ptr_nonnull(L);
    ck_assert_int_eq(luaL_loadstring(L, chunk), LUA_OK);
    ck_assert_int_eq(lua_pcall(L, 0, 1, 0), LUA_OK);
    int top = lua_gettop(L);
    int got = assay_lua_may_set_upvalues(L, -1);
    ck_assert_int_eq(lua_gettop(L), top);
    lua_close(L);
    return got;
}

START_TEST(an_assignment_to_an_upvalue_is_found)
{
    ck_assert_int_eq(answer("local n = 0 return function() n = n + 1 end"),
                     1);
    ck_assert_int_eq(answer("local t = {} return function(r) t = r end"), 1);
}
END_TEST

START_TEST(one_in_a_nested_function_is_found)
{
    ck_assert_int_eq(answer("local n = 0 return function(r) "
                            "local f = function() return function() "
                            "n = 1 end end return f end"),
                     1);
    /* Its own local, captured by a closure: still an upvalue write. */
    ck_assert_int_eq(answer("return function(r) local sum = 0 "
                            "for _, x in ipairs(r) do "
                            "(function() sum = sum + x end)() end "
                            "return sum end"),
                     1);
}
END_TEST

START_TEST(reading_upvalues_and_writing_globals_is_not_one)
{
    ck_assert_int_eq(answer("local n, s = 3, 'a short string' "
                            "return function(r) return n + #s end"),
                     0);
    /* Globals are fields of _ENV (frozen in the sandbox), not upvalues. */
    ck_assert_int_eq(answer("return function(r) total = r end"), 0);
    /* Every kind of constant, a long string, nested functions and locals. */
    ck_assert_int_eq(
        answer("local limit = 0.75 return function(r) "
               "local big = 9007199254740993 local f = 1.5e300 "
               "local t = {true, false, nil, 'x', "
               "'a string longer than forty characters, so stored long'} "
               "local g = function(a, b, ...) return a or b, limit end "
               "return g(big, f), #t end"),
        0);
}
END_TEST

START_TEST(long_code_has_sizes_of_several_bytes)
{
    /* 300 statements: code, constant and line counts above 127. */
    char chunk[20000] = "local up = 1 return function(r) local x = 0 ";
    for (int i = 0; i < 300; i++)
        snprintf(chunk + strlen(chunk), sizeof chunk - strlen(chunk),
                 "x = x + up * %d.5 ", i);
    char setting[sizeof chunk];
    snprintf(setting, sizeof setting, "%s up = x end", chunk);
    strcat(chunk, "return x end");
    ck_assert_int_eq(answer(chunk), 0);
    ck_assert_int_eq(answer(setting), 1);
}
END_TEST

START_TEST(what_it_cannot_read_counts_as_an_assignment)
{
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    lua_getglobal(L, "print"); /* a C function has no code to read */
    ck_assert_int_eq(assay_lua_may_set_upvalues(L, -1), 1);
    lua_pushinteger(L, 5);
    ck_assert_int_eq(assay_lua_may_set_upvalues(L, -1), 1);
    lua_close(L);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("lua_bytecode");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, an_assignment_to_an_upvalue_is_found);
    tcase_add_test(tc, one_in_a_nested_function_is_found);
    tcase_add_test(tc, reading_upvalues_and_writing_globals_is_not_one);
    tcase_add_test(tc, long_code_has_sizes_of_several_bytes);
    tcase_add_test(tc, what_it_cannot_read_counts_as_an_assignment);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
