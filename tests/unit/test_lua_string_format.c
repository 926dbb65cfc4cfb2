/* string.format's plain conversions written without Lua's str_format
 * (lua/lua_string_format.h): the same bytes as Lua's, or left to it. */
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "lua/lua_string_format.h"
#include "test_support.h"

/* plain(fmt, ...): the fast path's string, or nil where it declines. */
static int plain(lua_State *L)
{
    if (!assay_string_format_plain(L))
        lua_pushnil(L);
    return 1;
}

static lua_State *state(void)
{
    lua_State *L = luaL_newstate();
    ck_assert_ptr_nonnull(L);
    luaL_openlibs(L);
    lua_register(L, "plain", plain);
    return L;
}

/* Runs chunk, which returns a string or nil; NULL for nil. The text is
 * kept (static) until the next call. */
static const char *run(lua_State *L, const char *chunk, size_t *len)
{
    static char kept[1024];
    lua_settop(L, 0);
    if (luaL_dostring(L, chunk) != LUA_OK)
        ck_abort_msg("%s: %s", chunk, lua_tostring(L, -1));
    if (lua_isnil(L, -1))
        return NULL;
    size_t n;
    const char *s = lua_tolstring(L, -1, &n);
    ck_assert_uint_lt(n, sizeof kept);
    memcpy(kept, s, n);
    kept[n] = '\0';
    if (len)
        *len = n;
    return kept;
}

#define ck_plain(L, call, want) \
    ck_assert_str_eq(run(L, "return " call, NULL), want)
#define ck_declines(L, call) \
    ck_assert_ptr_null(run(L, "return " call, NULL))

START_TEST(plain_conversions_are_written_as_lua_writes_them)
{
    lua_State *L = state();
    ck_plain(L, "plain('SAE level %g backed by an HD map', 3)",
             "SAE level 3 backed by an HD map");
    ck_plain(L, "plain('%d PhDs in a team of %d', 2, 7.0)",
             "2 PhDs in a team of 7");
    ck_plain(L, "plain('%g ms', 35.25)", "35.25 ms");
    ck_plain(L, "plain('%g', 0.1)", "0.1");
    ck_plain(L, "plain('%g', -0.0)", "-0");
    ck_plain(L, "plain('%g', 999999)", "999999");
    ck_plain(L, "plain('%g', 1e6)", "1e+06");
    ck_plain(L, "plain('%g', 1234567)", "1.23457e+06");
    ck_plain(L, "plain('%g', 1/0)", "inf");
    ck_plain(L, "plain('%.0f sim km', 2.5)", "2 sim km");
    ck_plain(L, "plain('%.0f', 3.5)", "4");
    ck_plain(L, "plain('%.0f', -0.3)", "-0");
    ck_plain(L, "plain('%.0f', 1e20)", "100000000000000000000");
    ck_plain(L, "plain('%d', math.mininteger)", "-9223372036854775808");
    ck_plain(L, "plain('%s in a team of %d', 'pre-seed', 4)",
             "pre-seed in a team of 4");
    ck_plain(L, "plain('%s', 12)", "12");
    ck_plain(L, "plain('100%% of %s%%', 'it')", "100% of it%");
    ck_plain(L, "plain('no conversions')", "no conversions");
    ck_plain(L, "plain('')", "");
    size_t n;
    ck_assert_ptr_nonnull(run(L, "return plain('%s|', 'a\\0b')", &n));
    ck_assert_uint_eq(n, 4);
    lua_close(L);
}
END_TEST

START_TEST(everything_else_is_left_to_lua)
{
    lua_State *L = state();
    ck_declines(L, "plain('%5d', 1)");
    ck_declines(L, "plain('%-s', 'a')");
    ck_declines(L, "plain('%.2f', 1)");
    ck_declines(L, "plain('%x', 255)");
    ck_declines(L, "plain('%q', 'a')");
    ck_declines(L, "plain('%i', 1)");
    ck_declines(L, "plain('%d', 3.5)");      /* Lua's error: no integer */
    ck_declines(L, "plain('%d', '3')");      /* Lua converts the string */
    ck_declines(L, "plain('%g', '3')");
    ck_declines(L, "plain('%s', 1.5)");      /* Lua's %.14g */
    ck_declines(L, "plain('%s', true)");
    ck_declines(L, "plain('%s and %s', 'a')"); /* Lua's error: no value */
    ck_declines(L, "plain('ends in %')");
    ck_declines(L, "plain(string.rep('x', 600))");
    ck_declines(L, "plain('%s', string.rep('x', 600))");
    ck_declines(L, "plain('%s', setmetatable({}, {__tostring = "
                   "function() return 'x' end}))");
    /* A __tostring on strings themselves is Lua's to call. */
    ck_declines(L, "(function() "
                   "getmetatable('').__tostring = function() return 'x' end "
                   "return plain('%s', 'a') end)()");
    lua_close(L);
}
END_TEST

/* Every value and format the fast path takes gives string.format's bytes:
 * whole and fractional numbers of every size, both zeros, ties, the
 * infinities and NaN. */
START_TEST(the_fast_path_agrees_with_string_format)
{
    lua_State *L = state();
    const char *check =
        "math.randomseed(13)\n"
        "local values = { 0, -0.0, 0.5, 1.5, 2.5, -2.5, 1/0, -1/0, 0/0,\n"
        "  999999, 999999.5, 1e6, 1e15, 2^52, 2^52 + 1, 2^53, 2^63, -2^63,\n"
        "  math.maxinteger, math.mininteger, 1e-5, 123.456, 35.2, 0.1 }\n"
        "for i = 1, 20000 do\n"
        "  local e = math.random(-8, 22)\n"
        "  local x = (math.random() - 0.5) * 10.0 ^ e\n"
        "  values[#values + 1] = x\n"
        "  values[#values + 1] = math.floor(x)\n"
        "  values[#values + 1] = math.floor(x) + 0.5\n"
        "  values[#values + 1] = math.random(-1000000, 1000000)\n"
        "  -- six significant digits and their halves (%g's ties), and few\n"
        "  -- decimals, as rules measure: 53.2, 0.48\n"
        "  local k = math.random(0, 10)\n"
        "  local m = math.random(100000, 999999)\n"
        "  values[#values + 1] = m / 10.0 ^ k\n"
        "  values[#values + 1] = (m + 0.5) / 10.0 ^ k\n"
        "  values[#values + 1] = -(m + 0.5) / 10.0 ^ k\n"
        "  values[#values + 1] = math.random(0, 9999) / 10.0 ^ math.random(1, 4)\n"
        "end\n"
        "for _, x in ipairs({ 1e-4, 0.0001234565, 9.999995, 99999.95,\n"
        "    999999.4, 999999.6, 0.00099999951, 0.1, 0.3, 2/3, -1e-4 }) do\n"
        "  values[#values + 1] = x\n"
        "end\n"
        "local formats = { '%g', '%d', '%.0f', '%s', 'a %g b %d c %s %%' }\n"
        "local taken = 0\n"
        "for _, v in ipairs(values) do\n"
        "  for _, f in ipairs(formats) do\n"
        "    local got = plain(f, v, v, v)\n"
        "    if got ~= nil then\n"
        "      local want = string.format(f, v, v, v)\n"
        "      if got ~= want then\n"
        "        error(string.format('%s of %.17g: %q, Lua %q', f, v, got, want))\n"
        "      end\n"
        "      taken = taken + 1\n"
        "    end\n"
        "  end\n"
        "end\n"
        "return tostring(taken)";
    const char *taken = run(L, check, NULL);
    /* Each of the 160,035 values is taken by %g and %.0f at least; %d
     * and %s take the whole ones. */
    ck_assert_int_ge(atoi(taken), 2 * 160035);
    lua_close(L);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("lua_string_format");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, plain_conversions_are_written_as_lua_writes_them);
    tcase_add_test(tc, everything_else_is_left_to_lua);
    tcase_add_test(tc, the_fast_path_agrees_with_string_format);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
