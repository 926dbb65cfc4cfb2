/* The Lua sandbox: every escape refused, every limit contained, and the
 * state usable after each. */
#include <string.h>

#include <lauxlib.h>

#include "lua/sandbox.h"
#include "test_support.h"

static assay_sandbox *sb;
static lua_State *L;
static char err[512];

static void setup(void)
{
    assay_sandbox_limits limits = {8u << 20, 200000, 0};
    sb = assay_sandbox_new(&limits, err, sizeof err);
    ck_assert_msg(sb != NULL, "%s", err);
    L = assay_sandbox_state(sb);
}

static void teardown(void)
{
    assay_sandbox_free(sb);
}

/* Runs code in a fresh environment; returns the call status and leaves
 * one result on the stack when it succeeds. */
static int run_in(int env, const char *code)
{
    err[0] = '\0';
    if (assay_sandbox_load_string(sb, code, strlen(code), "=rule.lua", env,
                                  err, sizeof err))
        return 1;
    return assay_sandbox_call(sb, 0, 1, err, sizeof err);
}

static int run(const char *code)
{
    assay_sandbox_new_env(sb);
    int rc = run_in(-1, code);
    if (rc == 0)
        lua_remove(L, -2); /* the env; keep the result */
    else
        lua_pop(L, 1);
    return rc;
}

/* The code returns a string; check it. */
static void expect_result(const char *code, const char *expected)
{
    ck_assert_msg(run(code) == 0, "failed: %s", err);
    ck_assert_str_eq(lua_tostring(L, -1), expected);
    lua_pop(L, 1);
}

START_TEST(safe_libraries_work)
{
    expect_result("return string.format('%d-%s', math.floor(2.7), "
                  "table.concat({'a','b'}, ','))",
                  "2-a,b");
    expect_result("return ('abc'):upper() .. utf8.char(228)", "ABC\xc3\xa4");
}
END_TEST

START_TEST(os_is_absent)
{
    ck_assert_int_ne(run("return os.execute('true')"), 0);
    ck_assert_str_eq(err,
                     "rule.lua:1: attempt to index a nil value (global 'os')");
}
END_TEST

START_TEST(io_is_absent)
{
    ck_assert_int_ne(run("return io.open('/etc/passwd')"), 0);
    ck_assert_str_eq(err,
                     "rule.lua:1: attempt to index a nil value (global 'io')");
}
END_TEST

START_TEST(require_is_absent)
{
    ck_assert_int_ne(run("return require('os')"), 0);
    ck_assert_str_eq(
        err, "rule.lua:1: attempt to call a nil value (global 'require')");
}
END_TEST

START_TEST(debug_dofile_loadfile_collectgarbage_absent)
{
    expect_result("return tostring(debug) .. tostring(dofile) .. "
                  "tostring(loadfile) .. tostring(collectgarbage) .. "
                  "tostring(pcall) .. tostring(print) .. tostring(package)",
                  "nilnilnilnilnilnilnil");
}
END_TEST

START_TEST(binary_chunk_refused)
{
    /* A binary chunk starts with "\27Lua". */
    ck_assert_int_ne(run("return load('\\27LuaT', 'x', 'b')"), 0);
    ck_assert_str_eq(err,
                     "rule.lua:1: load accepts only text chunks (mode \"t\")");
    expect_result("local f, e = load('\\27LuaT') return e",
                  "attempt to load a binary chunk (mode is 't')");
}
END_TEST

START_TEST(text_load_runs_in_callers_environment)
{
    expect_result("secret = 'mine' return load('return secret')()", "mine");
    expect_result("return tostring(load('return os')())", "nil");
}
END_TEST

START_TEST(string_dump_absent_everywhere)
{
    expect_result("return tostring(string.dump) .. tostring(('').dump)",
                  "nilnil");
}
END_TEST

START_TEST(string_metatable_unreachable)
{
    ck_assert_int_ne(run("return getmetatable('')"), 0);
    ck_assert_str_eq(err, "rule.lua:1: getmetatable is not available for "
                          "strings in rules");
}
END_TEST

START_TEST(random_absent_for_reproducibility)
{
    expect_result("return tostring(math.random) .. tostring(math.randomseed)",
                  "nilnil");
}
END_TEST

START_TEST(endless_loop_stopped_with_line)
{
    ck_assert_int_ne(run("local n = 0\nwhile true do n = n + 1 end"), 0);
    ck_assert_str_eq(err, "rule.lua:2: instruction budget of 200000 exceeded "
                          "(an endless loop?)");
    expect_result("return 'still usable'", "still usable");
}
END_TEST

START_TEST(huge_string_refused_by_memory_cap)
{
    ck_assert_int_ne(run("local s = 'x' for _ = 1, 40 do s = s .. s end return s"), 0);
    ck_assert_str_eq(err, "Lua memory cap of 8388608 bytes exceeded (a huge "
                          "string or an ever-growing table?)");
    expect_result("return 'still usable'", "still usable");
}
END_TEST

START_TEST(growing_table_refused_by_memory_cap)
{
    ck_assert_int_ne(run("local t = {} for i = 1, 1e9 do t[i] = i end"), 0);
    ck_assert(strstr(err, "Lua memory cap of 8388608 bytes exceeded") ||
              strstr(err, "instruction budget"));
    ck_assert_uint_le(assay_sandbox_memory_peak(sb), 8u << 20);
    expect_result("return 'still usable'", "still usable");
}
END_TEST

START_TEST(memory_is_returned_after_a_bomb)
{
    size_t before = assay_sandbox_memory_used(sb);
    ck_assert_int_ne(run("local s = 'x' for _ = 1, 40 do s = s .. s end return s"), 0);
    /* Within a few KiB of where it was: the bomb's attempt was not kept. */
    ck_assert_uint_lt(assay_sandbox_memory_used(sb), before + 16384);
}
END_TEST

START_TEST(globals_do_not_cross_environments)
{
    assay_sandbox_new_env(sb);
    int a = lua_gettop(L);
    assay_sandbox_new_env(sb);
    int b = lua_gettop(L);
    ck_assert_int_eq(run_in(a, "shared = 'from a' string.upper = nil "
                               "return 'x'"),
                     0);
    lua_pop(L, 1);
    ck_assert_int_eq(run_in(b, "return tostring(shared) .. "
                               "string.upper('b')"),
                     0);
    ck_assert_str_eq(lua_tostring(L, -1), "nilB");
    lua_pop(L, 3);
}
END_TEST

START_TEST(runtime_error_names_file_and_line)
{
    ck_assert_int_ne(run("local x = nil\n\nreturn x.field"), 0);
    ck_assert_str_eq(err,
                     "rule.lua:3: attempt to index a nil value (local 'x')");
}
END_TEST

START_TEST(syntax_error_names_file_and_line)
{
    assay_sandbox_new_env(sb);
    const char *code = "return 1 +";
    ck_assert_int_ne(assay_sandbox_load_string(sb, code, strlen(code),
                                               "=rule.lua", -1, err,
                                               sizeof err),
                     0);
    ck_assert_str_eq(err, "rule.lua:1: unexpected symbol near <eof>");
    lua_pop(L, 1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sandbox");
    TCase *tc = tcase_create("sandbox");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, safe_libraries_work);
    tcase_add_test(tc, os_is_absent);
    tcase_add_test(tc, io_is_absent);
    tcase_add_test(tc, require_is_absent);
    tcase_add_test(tc, debug_dofile_loadfile_collectgarbage_absent);
    tcase_add_test(tc, binary_chunk_refused);
    tcase_add_test(tc, text_load_runs_in_callers_environment);
    tcase_add_test(tc, string_dump_absent_everywhere);
    tcase_add_test(tc, string_metatable_unreachable);
    tcase_add_test(tc, random_absent_for_reproducibility);
    tcase_add_test(tc, endless_loop_stopped_with_line);
    tcase_add_test(tc, huge_string_refused_by_memory_cap);
    tcase_add_test(tc, growing_table_refused_by_memory_cap);
    tcase_add_test(tc, memory_is_returned_after_a_bomb);
    tcase_add_test(tc, globals_do_not_cross_environments);
    tcase_add_test(tc, runtime_error_names_file_and_line);
    tcase_add_test(tc, syntax_error_names_file_and_line);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
