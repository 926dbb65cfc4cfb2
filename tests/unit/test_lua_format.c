/* The canonical layout of rule files and policies (assay fmt): exact
 * layouts, long strings kept, errors, and idempotence and unchanged
 * bytecode over every shipped rule file and policy. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "lua/lua_format.h"
#include "util/file_text.h"
#include "test_support.h"

static char err[256];

/* The layout of text (static storage). */
static const char *laid_out(const char *text)
{
    static char copy[4096];
    assay_buffer out;
    assay_buffer_init(&out);
    err[0] = '\0';
    int rc = assay_lua_format(text, strlen(text), &out, err, sizeof err);
    ck_assert_msg(rc == 0, "format failed: %s", err);
    ck_assert_uint_lt(out.len, sizeof copy);
    memcpy(copy, assay_buffer_cstr(&out), out.len + 1);
    assay_buffer_free(&out);
    return copy;
}

static const char *refused(const char *text)
{
    assay_buffer out;
    assay_buffer_init(&out);
    err[0] = '\0';
    int rc = assay_lua_format(text, strlen(text), &out, err, sizeof err);
    assay_buffer_free(&out);
    ck_assert_int_eq(rc, 1);
    return err;
}

START_TEST(rule_file_is_indented_two_spaces_a_block)
{
    ck_assert_str_eq(
        laid_out("\n\nrule {\n"
                 "      id = \"x.a\",   \n"
                 "\tscore = function(app)\n"
                 "  local v = get(app, \"a\")\n"
                 "if v == nil then return nil end\n"
                 "    if v > 1 then\n"
                 "return 1, \"big\"\n"
                 "      elseif v > 0 then\n"
                 "return v, \"some\"\n"
                 " else\n"
                 "   return 0, \"none\"\n"
                 "end\n"
                 "        end,\n"
                 "}\n\n\n"),
        "rule {\n"
        "  id = \"x.a\",\n"
        "  score = function(app)\n"
        "    local v = get(app, \"a\")\n"
        "    if v == nil then return nil end\n"
        "    if v > 1 then\n"
        "      return 1, \"big\"\n"
        "    elseif v > 0 then\n"
        "      return v, \"some\"\n"
        "    else\n"
        "      return 0, \"none\"\n"
        "    end\n"
        "  end,\n"
        "}\n");
}
END_TEST

START_TEST(several_openers_on_a_line_indent_once)
{
    ck_assert_str_eq(laid_out("strategy(function(scores)\n"
                              "        local low = 1\n"
                              "   for _, s in pairs(scores) do\n"
                              "low = math.min(low, s)\n"
                              "end\n"
                              "            return low\n"
                              "    end)\n"),
                     "strategy(function(scores)\n"
                     "  local low = 1\n"
                     "  for _, s in pairs(scores) do\n"
                     "    low = math.min(low, s)\n"
                     "  end\n"
                     "  return low\n"
                     "end)\n");
    /* After a bracket with more on its line, the contents align. */
    ck_assert_str_eq(laid_out("  tier { name = \"t\", min_score = 0.5,\n"
                              "requires = { \"a\",\n\"b\" } }\n"
                              "x = string.format(\"%d\", -- why\n"
                              "n)\n"),
                     "tier { name = \"t\", min_score = 0.5,\n"
                     "       requires = { \"a\",\n"
                     "                    \"b\" } }\n"
                     "x = string.format(\"%d\", -- why\n"
                     "                  n)\n");
    ck_assert_str_eq(laid_out("t = { a = {\nb = 1,\n} }\nu = {\n}, {\n"
                              "c = 2 }\n"),
                     "t = { a = {\n  b = 1,\n} }\nu = {\n}, {\n  c = 2 }\n");
}
END_TEST

START_TEST(comments_follow_the_code_blocks_and_blank_runs_shrink)
{
    ck_assert_str_eq(laid_out("do\n-- why\n\n\n\n   x = 1 -- trailing   \n"
                              "end"),
                     "do\n  -- why\n\n  x = 1 -- trailing\nend\n");
    ck_assert_str_eq(laid_out("a = 1\r\nb = 2\r\n"), "a = 1\nb = 2\n");
    ck_assert_str_eq(laid_out(""), "");
    ck_assert_str_eq(laid_out("\n \n\t\n"), "");
}
END_TEST

START_TEST(long_strings_and_comments_are_kept_byte_for_byte)
{
    ck_assert_str_eq(laid_out("do\n"
                              "      s = [==[\n"
                              "   keep  \n"
                              "\tthis ]] ]=]  \n"
                              "]==]   \n"
                              "--[[ a\n"
                              "     b   ]] x = 1\n"
                              "end\n"),
                     "do\n"
                     "  s = [==[\n"
                     "   keep  \n"
                     "\tthis ]] ]=]  \n"
                     "]==]\n"
                     "  --[[ a\n"
                     "     b   ]] x = 1\n"
                     "end\n");
    /* A backslash-newline string, and brackets inside strings. */
    ck_assert_str_eq(laid_out("do\n  s = \"a\\\n   b(\"\n  t = '{'\nend\n"),
                     "do\n  s = \"a\\\n   b(\"\n  t = '{'\nend\n");
}
END_TEST

START_TEST(unbalanced_blocks_are_refused_with_the_line)
{
    ck_assert_str_eq(refused("x = 1\n\nend\n"), "line 3: `end` closes nothing");
    ck_assert_str_eq(refused("rule {\n  id = 1,\n"),
                     "line 1: `{` is never closed");
    ck_assert_str_eq(refused("s = [[\nopen\n"),
                     "line 1: a long string or comment is never closed");
    ck_assert_str_eq(refused("s = \"open\nx = 1\n"),
                     "line 1: a string is not closed on its line");
}
END_TEST

START_TEST(same_code_compares_stripped_bytecode)
{
    const char *a = "local x = 1\nreturn x\n";
    const char *b = "local x = 1\n\n\n   return x   \n";
    const char *c = "local x = 2\nreturn x\n";
    ck_assert_int_eq(assay_lua_same_code(a, strlen(a), b, strlen(b), "=a",
                                         err, sizeof err),
                     1);
    ck_assert_int_eq(assay_lua_same_code(a, strlen(a), c, strlen(c), "=a",
                                         err, sizeof err),
                     0);
    const char *bad = "return (\n";
    ck_assert_int_eq(assay_lua_same_code(bad, strlen(bad), a, strlen(a),
                                         "=bad.lua", err, sizeof err),
                     -1);
    ck_assert_str_eq(err, "bad.lua:2: unexpected symbol near <eof>");
}
END_TEST

/* A stripped dump keeps each function's first and last line; the layout
 * joins blank lines, which moves functions without changing them. */
START_TEST(same_code_ignores_the_lines_functions_start_on)
{
    const char *a = "rule {\n\n\n  score = function(r)\n"
                    "    local f = function() return 1.5, \"s\" end\n"
                    "    return f()\n  end,\n}\n";
    const char *b = "rule {\n  score = function(r)\n"
                    "    local f = function() return 1.5, \"s\" end\n"
                    "    return f()\n  end,\n}\n";
    const char *c = "rule {\n  score = function(r)\n"
                    "    local f = function() return 1.5, \"t\" end\n"
                    "    return f()\n  end,\n}\n";
    ck_assert_int_eq(assay_lua_same_code(a, strlen(a), b, strlen(b), "=a",
                                         err, sizeof err),
                     1);
    ck_assert_int_eq(assay_lua_same_code(a, strlen(a), c, strlen(c), "=a",
                                         err, sizeof err),
                     0);
}
END_TEST

/* Formats one shipped file: the layout compiles to the file's own code,
 * and laying it out again changes nothing. */
static void check_shipped(const char *path)
{
    size_t len = 0;
    char why[256];
    char *text = assay_file_text(path, 1 << 20, &len, why, sizeof why);
    ck_assert_msg(text != NULL, "%s: %s", path, why);
    assay_buffer once, twice;
    assay_buffer_init(&once);
    assay_buffer_init(&twice);
    ck_assert_msg(assay_lua_format(text, len, &once, err, sizeof err) == 0,
                  "%s: %s", path, err);
    ck_assert_msg(assay_lua_same_code(text, len, once.data, once.len, path,
                                      err, sizeof err) == 1,
                  "%s: the layout changed the code", path);
    ck_assert_int_eq(assay_lua_format(once.data, once.len, &twice, err,
                                      sizeof err),
                     0);
    ck_assert_msg(once.len == twice.len &&
                      memcmp(once.data, twice.data, once.len) == 0,
                  "%s: not idempotent", path);
    assay_buffer_free(&once);
    assay_buffer_free(&twice);
    free(text);
}

static size_t check_dir(const char *dir)
{
    size_t n = 0;
    DIR *d = opendir(dir);
    ck_assert_msg(d != NULL, "%s", dir);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".lua") == 0) {
            char path[8192];
            int w = snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            ck_assert(w > 0 && (size_t)w < sizeof path);
            check_shipped(path);
            n++;
        }
    }
    closedir(d);
    return n;
}

START_TEST(every_shipped_file_keeps_its_code_and_is_idempotent)
{
    static const char *dirs[] = {"plugins/ai", "plugins/autonomous_driving",
                                 "plugins/connectivity", "plugins/common",
                                 "policy", "examples/policy"};
    size_t n = 0;
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s", ts_source_path(dirs[i]));
        n += check_dir(dir);
    }
    ck_assert_uint_ge(n, 15);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("lua_format");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, rule_file_is_indented_two_spaces_a_block);
    tcase_add_test(tc, several_openers_on_a_line_indent_once);
    tcase_add_test(tc, comments_follow_the_code_blocks_and_blank_runs_shrink);
    tcase_add_test(tc, long_strings_and_comments_are_kept_byte_for_byte);
    tcase_add_test(tc, unbalanced_blocks_are_refused_with_the_line);
    tcase_add_test(tc, same_code_compares_stripped_bytecode);
    tcase_add_test(tc, same_code_ignores_the_lines_functions_start_on);
    tcase_add_test(tc, every_shipped_file_keeps_its_code_and_is_idempotent);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
