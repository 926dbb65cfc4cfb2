/* Lua rule files as plugins: the rule language, the record as Lua sees it,
 * the helpers, every sandbox escape and limit as a rule author meets it,
 * and the load-time checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>

#include "engine/lua_plugin.h"
#include "test_support.h"

static char dir[256];
static char err[4096];
static assay_engine *engine;
static assay_worker *worker;
static assay_problems problems;

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/assay-lua-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    engine = assay_engine_new();
    worker = NULL;
    assay_problems_init(&problems);
}

static void teardown(void)
{
    if (worker)
        assay_worker_free(worker);
    assay_engine_free(engine);
    assay_problems_free(&problems);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
}

/* Writes dir/name with the given text and returns its path. */
static const char *write_file(const char *name, const char *text)
{
    static char path[2][512];
    static int next;
    char *p = path[next++ % 2];
    snprintf(p, 512, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    return p;
}

#define HEADER                                                               \
    "plugin { name = 'test_rules', version = '1.0.0', domain = "            \
    "'autonomous_driving', description = 'rules under test' }\n"

/* A rule file with one rule "t.rule" whose score function has body. */
static const char *rule_file(const char *name, const char *body)
{
    static char text[4096];
    snprintf(text, sizeof text,
             HEADER "rule { id = 't.rule', weight = 2, description = 'd',\n"
                    "  score = function(app)\n%s\n  end }\n",
             body);
    return write_file(name, text);
}

/* Loads path; fails the test on any problem. Makes the worker. */
static void load(const char *path)
{
    assay_lua_load_path(&engine->plugins, path, &engine->lua_limits,
                        &problems);
    assay_problems_join(&problems, err, sizeof err);
    ck_assert_msg(problems.count == 0, "load failed: %s", err);
    worker = assay_worker_new(engine, err, sizeof err);
    ck_assert_msg(worker != NULL, "worker failed: %s", err);
}

/* Loads path expecting problems; err holds them joined. */
static size_t load_problems(const char *path)
{
    assay_lua_load_path(&engine->plugins, path, &engine->lua_limits,
                        &problems);
    assay_problems_join(&problems, err, sizeof err);
    return problems.count;
}

/* Evaluates json with a rule whose score function has body and returns
 * the one finding of t.rule (or NULL). */
static const assay_finding *score_with(const char *body, const char *json)
{
    load(rule_file("r.lua", body));
    const assay_result *r = ts_evaluate(worker, json);
    return ts_finding(r, "t.rule");
}

static void expect_error(const char *body, const char *json,
                         const char *expected)
{
    const assay_finding *f = score_with(body, json);
    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_nonnull(f->error);
    char full[1024];
    snprintf(full, sizeof full, expected, dir, dir, dir);
    ck_assert_str_eq(f->error, full);
}

static void expect_score(const char *body, const char *json, double score,
                         const char *reason)
{
    const assay_finding *f = score_with(body, json);
    ck_assert_ptr_nonnull(f);
    ck_assert_msg(f->error == NULL, "error: %s", f->error);
    ck_assert_double_eq_tol(f->score, score, 1e-12);
    ck_assert_str_eq(f->reason, reason);
}

/* ---- the rule language ------------------------------------------------ */

START_TEST(rule_scores_with_reason_weight_and_domain)
{
    const assay_finding *f = score_with(
        "return 0.75, 'level ' .. app.autonomous_driving.sae_level",
        "{\"id\":\"a\",\"autonomous_driving\":{\"sae_level\":3}}");
    ck_assert_ptr_nonnull(f);
    ck_assert_double_eq(f->score, 0.75);
    ck_assert_double_eq(f->weight, 2);
    ck_assert_str_eq(f->reason, "level 3");
    ck_assert_str_eq(f->plugin, "test_rules");
    ck_assert_str_eq(
        assay_plugin_set_domain_name(&engine->plugins, f->domain),
        "autonomous_driving");
}
END_TEST

START_TEST(nil_means_the_rule_does_not_apply)
{
    ck_assert_ptr_null(score_with("return nil", "{\"id\":\"a\"}"));
    ck_assert_uint_eq(worker->result.finding_count, 0);
}
END_TEST

START_TEST(missing_and_null_fields_read_as_nil)
{
    expect_score("return 1, tostring(app.team) .. ' ' .. "
                 "tostring(app.funding.stage) .. ' ' .. "
                 "tostring(app.funding.nothing)",
                 "{\"id\":\"a\",\"team\":null,\"funding\":{\"stage\":null}}",
                 1, "nil nil nil");
}
END_TEST

START_TEST(integral_numbers_read_as_integers)
{
    expect_score("local t = app.team\n"
                 "return 1, t.size .. ' ' .. t.automotive_years .. ' ' .. "
                 "math.type(t.size)",
                 "{\"id\":\"a\",\"team\":{\"size\":15,"
                 "\"automotive_years\":2.5}}",
                 1, "15 2.5 integer");
}
END_TEST

START_TEST(arrays_read_like_lua_lists)
{
    expect_score("local tech = app.connectivity.tech\n"
                 "local seen = {}\n"
                 "for i, t in ipairs(tech) do seen[#seen + 1] = i .. t end\n"
                 "for k, v in pairs(app.connectivity) do seen[#seen + 1] = k "
                 "end\n"
                 "return 1, #tech .. ' ' .. table.concat(seen, ',') .. ' ' "
                 ".. table.concat(tech, '+') .. ' ' .. type(tech)",
                 "{\"id\":\"a\",\"connectivity\":{\"tech\":[\"5G\","
                 "\"C-V2X\"],\"certified\":true}}",
                 1, "2 15G,2C-V2X,tech,certified 5G+C-V2X table");
}
END_TEST

START_TEST(record_is_read_only)
{
    expect_error("app.team.size = 100 return 1, 'x'",
                 "{\"id\":\"a\",\"team\":{\"size\":1}}",
                 "%s/r.lua:2: rule failed: %s/r.lua:4: the record is "
                 "read-only (assigning field 'size'); copy the value into a "
                 "local variable instead");
}
END_TEST

START_TEST(record_kept_past_its_call_is_refused)
{
    load(write_file("r.lua",
                    HEADER "local kept = {}\n"
                           "rule { id = 't.rule', weight = 1, description = "
                           "'d', score = function(app)\n"
                           "  if kept[1] then return 1, tostring(kept[1].size) "
                           "end\n"
                           "  kept[1] = app.team\n"
                           "end }\n"));
    ts_evaluate(worker, "{\"id\":\"a\",\"team\":{\"size\":1}}");
    const assay_result *r =
        ts_evaluate(worker, "{\"id\":\"b\",\"team\":{\"size\":2}}");
    const assay_finding *f = ts_finding(r, "t.rule");
    ck_assert_ptr_nonnull(f);
    char expected[1024];
    snprintf(expected, sizeof expected,
             "%s/r.lua:3: rule failed: %s/r.lua:5: assignment to field '1' "
             "of a read-only table: a rule file's tables are read-only once "
             "it has loaded, so no record can change what another sees; "
             "build a new table in a local variable",
             dir, dir);
    ck_assert_str_eq(f->error, expected);
}
END_TEST

START_TEST(veto_and_flag_are_recorded_for_the_rule)
{
    load(rule_file("r.lua", "veto('no safety case at level ' .. "
                            "app.autonomous_driving.sae_level)\n"
                            "flag('look at this') return 0, 'vetoed'"));
    const assay_result *r = ts_evaluate(
        worker, "{\"id\":\"a\",\"autonomous_driving\":{\"sae_level\":4}}");
    ck_assert_uint_eq(r->veto_count, 1);
    ck_assert_str_eq(r->vetoes[0].rule, "t.rule");
    ck_assert_str_eq(r->vetoes[0].plugin, "test_rules");
    ck_assert_str_eq(r->vetoes[0].reason, "no safety case at level 4");
    ck_assert_uint_eq(r->flag_count, 1);
    ck_assert_str_eq(r->flags[0].reason, "look at this");
}
END_TEST

START_TEST(veto_outside_a_rule_is_a_load_error)
{
    ck_assert_uint_eq(load_problems(write_file("r.lua", HEADER "veto('x')\n")),
                      1);
    char expected[1024];
    snprintf(expected, sizeof expected,
             "%s/r.lua:2: veto() can be called only inside a rule's score "
             "function",
             dir);
    ck_assert_str_eq(err, expected);
}
END_TEST

/* ---- helpers ---------------------------------------------------------- */

START_TEST(clamp_keeps_scores_in_range)
{
    expect_score("return clamp(1.7), clamp(-2) .. ' ' .. clamp(0.25) .. ' ' "
                 ".. clamp(5, 0, 3) .. ' ' .. tostring(clamp(nil))",
                 "{\"id\":\"a\"}", 1, "0.0 0.25 3.0 nil");
}
END_TEST

START_TEST(scale_maps_bounds_to_zero_and_one_either_way)
{
    expect_score("return scale(25, 0, 100), scale(150, 0, 100) .. ' ' .. "
                 "scale(100, 300, 100) .. ' ' .. scale(200, 300, 100) .. ' ' "
                 ".. tostring(scale(app.nothing, 0, 1))",
                 "{\"id\":\"a\"}", 0.25, "1.0 1.0 0.5 nil");
}
END_TEST

START_TEST(scale_with_equal_bounds_names_the_problem)
{
    expect_error("return scale(1, 5, 5), 'x'", "{\"id\":\"a\"}",
                 "%s/r.lua:2: rule failed: %s/r.lua:4: bad argument #3 to "
                 "'scale' (the bounds must differ)");
}
END_TEST

START_TEST(contains_tests_membership_in_records_and_tables)
{
    expect_score("local tech = app.connectivity.tech\n"
                 "return 1, tostring(contains(tech, 'C-V2X')) .. ' ' .. "
                 "tostring(contains(tech, 'DSRC')) .. ' ' .. "
                 "tostring(contains({'seed', 'series-a'}, 'seed')) .. ' ' .. "
                 "tostring(contains(app.nothing, 'x'))",
                 "{\"id\":\"a\",\"connectivity\":{\"tech\":[\"5G\","
                 "\"C-V2X\"]}}",
                 1, "true false true false");
}
END_TEST

START_TEST(get_follows_dotted_paths_safely)
{
    expect_score("return 1, tostring(get(app, 'ai.benchmarks.mAP')) .. ' ' "
                 ".. tostring(get(app, 'team.size')) .. ' ' .. "
                 "tostring(get(app, 'ai.benchmarks.mAP.deeper')) .. ' ' .. "
                 "tostring(get(app, 'connectivity.tech.2')) .. ' ' .. "
                 "tostring(get({a = {b = 3}}, 'a.b'))",
                 "{\"id\":\"a\",\"ai\":{\"benchmarks\":{\"mAP\":0.5}},"
                 "\"connectivity\":{\"tech\":[\"5G\",\"LTE\"]}}",
                 1, "0.5 nil nil LTE 3");
}
END_TEST

START_TEST(get_with_a_type_refuses_a_field_of_another_type)
{
    expect_error("local km = get(app, 'autonomous_driving.sim_km', 'number')\n"
                 "return 1, 'x'",
                 "{\"id\":\"a\",\"autonomous_driving\":{\"sim_km\":\"lots\"}}",
                 "%s/r.lua:2: rule failed: %s/r.lua:4: "
                 "autonomous_driving.sim_km must be a number, got a string "
                 "(lots); fix the record's field");
}
END_TEST

START_TEST(get_with_a_type_passes_matching_and_missing_fields)
{
    expect_score("return 1, tostring(get(app, 'team', 'table')) .. ' ' .. "
                 "tostring(get(app, 'nothing', 'number'))",
                 "{\"id\":\"b\",\"team\":{}}", 1,
                 "record object of 0 fields nil");
}
END_TEST

START_TEST(require_loads_a_helper_beside_the_rule_file)
{
    write_file("words.lua", "local M = {}\n"
                            "function M.shout(s) return s:upper() end\n"
                            "return M\n");
    expect_score("local words = require 'words'\n"
                 "return 1, words.shout('ok')",
                 "{\"id\":\"a\"}", 1, "OK");
}
END_TEST

START_TEST(helper_files_are_skipped_when_loading_a_directory)
{
    write_file("words.lua", "return { n = 1 }\n");
    rule_file("r.lua", "return 1, 'x'");
    write_file("r_test.lua", "this is not even Lua");
    load(dir);
    ck_assert_uint_eq(engine->plugins.count, 1);
    ck_assert_str_eq(engine->plugins.items[0]->name, "test_rules");
}
END_TEST

START_TEST(helper_modules_are_read_only)
{
    write_file("words.lua", "return { n = 1 }\n");
    expect_error("local words = require 'words'\nwords.n = 2 return 1, 'x'",
                 "{\"id\":\"a\"}",
                 "%s/r.lua:2: rule failed: %s/r.lua:5: assignment to field "
                 "'n' of a read-only table: a rule file's tables are "
                 "read-only once it has loaded, so no record can change what "
                 "another sees; build a new table in a local variable");
}
END_TEST

/* ---- what a score function must return -------------------------------- */

START_TEST(a_string_score_is_an_error_finding)
{
    expect_error("return 'high', 'why'", "{\"id\":\"a\"}",
                 "%s/r.lua:2: rule returned a string (high) where a score "
                 "was expected; return a number in [0, 1] and a reason, or "
                 "nil when the rule does not apply");
}
END_TEST

START_TEST(a_score_out_of_range_is_an_error_finding)
{
    expect_error("return 1.5, 'why'", "{\"id\":\"a\"}",
                 "%s/r.lua:2: rule returned score 1.5, outside [0, 1]; keep "
                 "it in range with clamp() or scale()");
}
END_TEST

START_TEST(a_nan_score_is_an_error_finding)
{
    expect_error("return 0/0, 'why'", "{\"id\":\"a\"}",
                 "%s/r.lua:2: rule returned NaN (not a number) as its score, "
                 "often a division by zero; return a number in [0, 1]");
}
END_TEST

START_TEST(a_score_without_reason_is_an_error_finding)
{
    expect_error("return 0.5", "{\"id\":\"a\"}",
                 "%s/r.lua:2: rule returned score 0.5 with a nil instead of "
                 "a reason; return score, \"why, quoting the data\"");
}
END_TEST

START_TEST(a_runtime_error_names_rule_file_and_line)
{
    expect_error("local level = app.autonomous_driving.sae_level\n"
                 "return 1, 'x'",
                 "{\"id\":\"a\"}",
                 "%s/r.lua:2: rule failed: %s/r.lua:4: attempt to index a "
                 "nil value (field 'autonomous_driving')");
}
END_TEST

START_TEST(a_failing_rule_leaves_other_rules_and_records_alone)
{
    load(write_file("r.lua",
                    HEADER
                    "rule { id = 't.bad', weight = 1, description = 'd', "
                    "score = function(app) return app.x.y end }\n"
                    "rule { id = 't.good', weight = 1, description = 'd', "
                    "score = function(app) return 0.5, app.id end }\n"));
    for (int i = 0; i < 3; i++) {
        const assay_result *r = ts_evaluate(worker, "{\"id\":\"rec\"}");
        ck_assert_uint_eq(r->finding_count, 2);
        ck_assert_ptr_nonnull(ts_finding(r, "t.bad")->error);
        ck_assert_str_eq(ts_finding(r, "t.good")->reason, "rec");
        ck_assert_double_eq(
            r->domain_score[ts_domain(r, "autonomous_driving")], 0.5);
    }
}
END_TEST

/* ---- sandbox escapes and limits, as a rule meets them ----------------- */

START_TEST(os_execute_is_an_error_finding)
{
    expect_error("os.execute('touch /tmp/owned') return 1, 'x'",
                 "{\"id\":\"a\"}",
                 "%s/r.lua:2: rule failed: %s/r.lua:4: attempt to index a "
                 "nil value (global 'os')");
}
END_TEST

START_TEST(io_open_is_an_error_finding)
{
    expect_error("local f = io.open('/etc/passwd') return 1, 'x'",
                 "{\"id\":\"a\"}",
                 "%s/r.lua:2: rule failed: %s/r.lua:4: attempt to index a "
                 "nil value (global 'io')");
}
END_TEST

START_TEST(require_of_a_library_is_refused)
{
    expect_error("local os = require 'os' return 1, 'x'", "{\"id\":\"a\"}",
                 "%s/r.lua:2: rule failed: %s/r.lua:4: require(\"os\"): no "
                 "helper file %s/os.lua; helper files sit beside the rule "
                 "files");
}
END_TEST

START_TEST(require_of_a_path_is_refused)
{
    expect_error("require '../etc/x' return 1, 'x'", "{\"id\":\"a\"}",
                 "%s/r.lua:2: rule failed: %s/r.lua:4: require(\"../etc/x\"): "
                 "rules can require only helper files from their own "
                 "directory, by name without .lua (require \"thresholds\" "
                 "loads thresholds.lua)");
}
END_TEST

START_TEST(binary_chunk_is_refused)
{
    expect_error("local f = load('\\27LuaT', 'x', 'b') return 1, 'x'",
                 "{\"id\":\"a\"}",
                 "%s/r.lua:2: rule failed: %s/r.lua:4: load accepts only text "
                 "chunks (mode \"t\")");
}
END_TEST

START_TEST(string_dump_is_absent)
{
    expect_error("return 1, string.dump(function() end)", "{\"id\":\"a\"}",
                 "%s/r.lua:2: rule failed: %s/r.lua:4: attempt to call a nil "
                 "value (field 'dump')");
}
END_TEST

START_TEST(string_metatable_is_unreachable)
{
    expect_error("local mt = getmetatable('') return 1, 'x'",
                 "{\"id\":\"a\"}",
                 "%s/r.lua:2: rule failed: %s/r.lua:4: getmetatable is not "
                 "available for strings in rules");
}
END_TEST

START_TEST(debug_is_absent)
{
    expect_error("debug.sethook() return 1, 'x'", "{\"id\":\"a\"}",
                 "%s/r.lua:2: rule failed: %s/r.lua:4: attempt to index a "
                 "nil value (global 'debug')");
}
END_TEST

/* The library's messages name assay_engine_set_lua_limits; the command's
 * name --lua-instructions and --lua-memory (e2e lua_rules_limits). */
START_TEST(endless_loop_is_stopped_with_its_line)
{
    engine->lua_limits.instructions = 100000;
    expect_error("local n = 0\nwhile true do n = n + 1 end", "{\"id\":\"a\"}",
                 "%s/r.lua:2: rule failed: %s/r.lua:5: instruction budget of "
                 "100000 exceeded (an endless loop?); raise the instruction "
                 "limit (assay_engine_set_lua_limits) if the rule really "
                 "needs more");
}
END_TEST

START_TEST(huge_string_is_stopped_by_the_memory_cap)
{
    engine->lua_limits.memory = 8u << 20;
    expect_error("local s = 'x' for _ = 1, 40 do s = s .. s end return 1, s",
                 "{\"id\":\"a\"}",
                 "%s/r.lua:2: rule failed: Lua memory cap of 8388608 bytes "
                 "exceeded (a huge string or an ever-growing table?); raise "
                 "the memory limit (assay_engine_set_lua_limits) if the "
                 "rules really need more");
    /* The state is usable for the next record. */
    ck_assert_ptr_nonnull(ts_finding(ts_evaluate(worker, "{\"id\":\"b\"}"),
                                     "t.rule"));
}
END_TEST

START_TEST(growing_table_is_stopped_by_the_memory_cap)
{
    engine->lua_limits.memory = 8u << 20;
    engine->lua_limits.instructions = 100000000;
    expect_error("local t = {} for i = 1, 1e9 do t[i] = i end return 1, 'x'",
                 "{\"id\":\"a\"}",
                 "%s/r.lua:2: rule failed: Lua memory cap of 8388608 bytes "
                 "exceeded (a huge string or an ever-growing table?); raise "
                 "the memory limit (assay_engine_set_lua_limits) if the "
                 "rules really need more");
}
END_TEST

START_TEST(global_write_during_evaluation_is_refused)
{
    expect_error("seen = app.id return 1, 'x'", "{\"id\":\"a\"}",
                 "%s/r.lua:2: rule failed: %s/r.lua:4: assignment to global "
                 "'seen' while rules run: globals are read-only once the "
                 "file has loaded, so every worker computes the same; use a "
                 "local variable");
}
END_TEST

START_TEST(rawset_on_globals_is_refused)
{
    expect_error("rawset(_G, 'seen', 1) return 1, 'x'", "{\"id\":\"a\"}",
                 "%s/r.lua:2: rule failed: %s/r.lua:4: assignment to global "
                 "'seen' while rules run: globals are read-only once the "
                 "file has loaded, so every worker computes the same; use a "
                 "local variable");
}
END_TEST

START_TEST(declaring_a_rule_while_rules_run_is_refused)
{
    expect_error("rule { id = 'late' } return 1, 'x'", "{\"id\":\"a\"}",
                 "%s/r.lua:2: rule failed: %s/r.lua:4: rule {...} can be "
                 "used only at the top of a rule file, not while rules run");
}
END_TEST

START_TEST(another_files_globals_are_invisible)
{
    write_file("a.lua", "plugin { name = 'a', version = '1', domain = 'ai', "
                        "description = 'd' }\n"
                        "shared = 'from a'\n"
                        "rule { id = 'a.rule', weight = 1, description = 'd', "
                        "score = function(app) return 1, shared end }\n");
    write_file("b.lua", "plugin { name = 'b', version = '1', domain = 'ai', "
                        "description = 'd' }\n"
                        "rule { id = 'b.rule', weight = 1, description = 'd', "
                        "score = function(app) return 1, tostring(shared) "
                        "end }\n");
    load(dir);
    const assay_result *r = ts_evaluate(worker, "{\"id\":\"x\"}");
    ck_assert_str_eq(ts_finding(r, "a.rule")->reason, "from a");
    ck_assert_str_eq(ts_finding(r, "b.rule")->reason, "nil");
}
END_TEST

/* ---- load-time checks ------------------------------------------------- */

static void expect_problems(const char *expected)
{
    char full[4096];
    snprintf(full, sizeof full, expected, dir, dir, dir, dir, dir, dir);
    ck_assert_str_eq(err, full);
}

START_TEST(syntax_error_names_file_and_line)
{
    load_problems(write_file("r.lua", HEADER "rule { id = 'x' weight = 1 }\n"));
    expect_problems("%s/r.lua:2: '}' expected near 'weight'");
}
END_TEST

START_TEST(every_problem_of_a_file_is_reported)
{
    load_problems(write_file(
        "r.lua", HEADER
        "rule { id = 'a.one', weight = 0, description = 'd', score = "
        "function() end }\n"
        "rule { id = 'a.two', domain = 'space', wieght = 1, description = "
        "'d', score = function() end }\n"
        "rule { id = 'a.one', weight = 1, description = 'd' }\n"));
    expect_problems(
        "%s/r.lua:2: rule \"a.one\": weight 0 is not a positive number; "
        "give it a weight above 0, e.g. weight = 1.0\n"
        "%s/r.lua:3: rule \"a.two\": weight is missing and is not a positive "
        "number; give it a weight above 0, e.g. weight = 1.0\n"
        "%s/r.lua:3: rule \"a.two\" has an unknown field \"wieght\"; a rule "
        "has id, domain, weight, description, inputs and score\n"
        "%s/r.lua:4: rule \"a.one\" has no score function; add score = "
        "function(app) ... return score, reason end\n"
        "%s/r.lua:4: rule id \"a.one\" is already declared at line 2; give "
        "each rule its own id");
    ck_assert_uint_eq(engine->plugins.count, 0);
}
END_TEST

START_TEST(duplicate_id_across_lua_and_compiled_is_refused)
{
    ck_assert_int_eq(
        assay_engine_load_plugin(
            engine,
            ts_build_path("plugins/autonomous_driving/autonomous_driving.so"),
            NULL, err, sizeof err),
        0);
    load_problems(write_file(
        "r.lua", HEADER "rule { id = 'ad.safety_case', weight = 1, "
                        "description = 'd', score = function() end }\n"));
    char expected[2048];
    snprintf(expected, sizeof expected,
             "%s/r.lua:2: rule id \"ad.safety_case\" is already declared by "
             "compiled plugin \"autonomous_driving\" (%s); rule ids must be "
             "unique, rename yours",
             dir,
             ts_build_path("plugins/autonomous_driving/autonomous_driving.so"));
    ck_assert_str_eq(err, expected);
}
END_TEST

START_TEST(duplicate_id_across_lua_files_names_both)
{
    write_file("a.lua", HEADER "rule { id = 'x.same', weight = 1, "
                               "description = 'd', score = function() end "
                               "}\n");
    write_file("b.lua", "plugin { name = 'other', version = '1', domain = "
                        "'ai', description = 'd' }\n\n"
                        "rule { id = 'x.same', weight = 1, description = "
                        "'d', score = function() end }\n");
    load_problems(dir);
    expect_problems("%s/b.lua:3: rule id \"x.same\" is already declared by "
                    "plugin \"test_rules\" at %s/a.lua:2; rule ids must be "
                    "unique, rename one");
}
END_TEST

START_TEST(missing_plugin_declaration_is_reported)
{
    load_problems(write_file("r.lua", "rule { id = 'x', weight = 1 }\n"));
    expect_problems("%s/r.lua:1: rules declared without a plugin; start the "
                    "file with plugin { name = ..., version = ..., domain = "
                    "..., description = ... }");
}
END_TEST

START_TEST(bad_plugin_declaration_lists_each_problem)
{
    load_problems(write_file("r.lua", "plugin { name = 'p', domain = 'sea', "
                                      "descripton = 'd' }\n"
                                      "rule { id = 'p.r', weight = 1, "
                                      "description = 'd', score = "
                                      "function() end }\n"));
    expect_problems(
        "%s/r.lua:1: plugin has no version; add version = \"1.0.0\"\n"
        "%s/r.lua:1: plugin has no description; add description = \"what "
        "these rules judge\"\n"
        "%s/r.lua:1: plugin has an unknown field \"descripton\"; a plugin has "
        "name, version, domain and description");
}
END_TEST

START_TEST(explicit_file_declaring_nothing_is_reported)
{
    load_problems(write_file("r.lua", "local x = 1\n"));
    expect_problems("%s/r.lua: declares no plugin and no rules; a rule file "
                    "starts with plugin { name = ..., version = ..., domain "
                    "= ..., description = ... } and declares rules with rule "
                    "{ ... }");
}
END_TEST

START_TEST(precompiled_rule_file_is_refused)
{
    load_problems(write_file("r.lua", "\033LuaT\0\031\223\r\n"));
    expect_problems("%s/r.lua: precompiled (binary) Lua is not accepted; "
                    "give the source file");
}
END_TEST

START_TEST(error_at_load_time_names_file_and_line)
{
    load_problems(write_file("r.lua", HEADER "local t = nil\nlocal x = t.y\n"));
    expect_problems("%s/r.lua:3: attempt to index a nil value (local 't')");
}
END_TEST

START_TEST(rules_record_their_declaration_line)
{
    load(write_file("r.lua", HEADER "\n\nrule { id = 'a.b', weight = 1.5,\n"
                                    "  description = 'the rule',\n"
                                    "  score = function() end }\n"));
    const assay_loaded_plugin *p = engine->plugins.items[0];
    ck_assert_int_eq(p->kind, ASSAY_KIND_LUA);
    ck_assert_str_eq(p->version, "1.0.0");
    ck_assert_str_eq(p->description, "rules under test");
    ck_assert_uint_eq(p->rule_count, 1);
    ck_assert_int_eq(p->rules[0].line, 4);
    ck_assert_double_eq(p->rules[0].weight, 1.5);
    ck_assert_str_eq(p->rules[0].description, "the rule");
}
END_TEST

START_TEST(each_worker_has_its_own_state)
{
    load(rule_file("r.lua", "return 1, app.id"));
    assay_worker *second = assay_worker_new(engine, err, sizeof err);
    ck_assert_ptr_nonnull(second);
    ck_assert_str_eq(ts_finding(ts_evaluate(second, "{\"id\":\"two\"}"),
                                "t.rule")
                         ->reason,
                     "two");
    ck_assert_str_eq(ts_finding(ts_evaluate(worker, "{\"id\":\"one\"}"),
                                "t.rule")
                         ->reason,
                     "one");
    assay_worker_free(second);
}
END_TEST

START_TEST(shipped_rule_files_load)
{
    ck_assert_uint_eq(assay_engine_scan_plugin_dir(
                          engine, ts_build_path("plugins"), &problems),
                      0);
    size_t lua_rules = 0;
    for (size_t i = 0; i < engine->plugins.count; i++)
        if (engine->plugins.items[i]->kind == ASSAY_KIND_LUA)
            lua_rules += engine->plugins.items[i]->rule_count;
    ck_assert_uint_ge(lua_rules, 15);
}
END_TEST

/* ---- the editor annotations ------------------------------------------ */

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    static char text[65536];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    return text;
}

START_TEST(annotations_describe_every_rule_global)
{
    const char *meta = slurp(ts_source_path("docs/lua/assay.lua"));
    assay_lua *lua = assay_lua_new(NULL, err, sizeof err);
    ck_assert_ptr_nonnull(lua);
    lua_State *L = assay_sandbox_state(assay_lua_sandbox(lua));
    ck_assert_int_eq(luaL_loadstring(L, meta), LUA_OK); /* valid Lua */
    lua_pop(L, 1);
    assay_sandbox_new_env(assay_lua_sandbox(lua));
    int plain = lua_gettop(L);
    assay_lua_push_env(lua, dir, NULL);
    int env = lua_gettop(L);
    size_t added = 0;
    lua_pushnil(L);
    while (lua_next(L, env)) {
        lua_pop(L, 1);
        const char *name = lua_tostring(L, -1);
        if (lua_getfield(L, plain, name) == LUA_TNIL ||
            strcmp(name, "require") == 0) {
            char decl[128];
            snprintf(decl, sizeof decl, "\nfunction %s(", name);
            ck_assert_msg(strstr(meta, decl), "%s is not annotated", name);
            added++;
        }
        lua_pop(L, 1);
    }
    ck_assert_uint_eq(added, 8); /* clamp scale contains mentions get veto
                                    flag require */
    static const char *const declared[] = {"plugin", "rule", "test"};
    for (size_t i = 0; i < 3; i++) {
        char decl[128];
        snprintf(decl, sizeof decl, "\nfunction %s(", declared[i]);
        ck_assert_msg(strstr(meta, decl), "%s is not annotated",
                      declared[i]);
    }
    ck_assert_ptr_nonnull(strstr(meta, "\nnull = nil"));
    assay_lua_free(lua);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("lua_plugin");
    TCase *tc = tcase_create("lua_plugin");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, rule_scores_with_reason_weight_and_domain);
    tcase_add_test(tc, nil_means_the_rule_does_not_apply);
    tcase_add_test(tc, missing_and_null_fields_read_as_nil);
    tcase_add_test(tc, integral_numbers_read_as_integers);
    tcase_add_test(tc, arrays_read_like_lua_lists);
    tcase_add_test(tc, record_is_read_only);
    tcase_add_test(tc, record_kept_past_its_call_is_refused);
    tcase_add_test(tc, veto_and_flag_are_recorded_for_the_rule);
    tcase_add_test(tc, veto_outside_a_rule_is_a_load_error);
    tcase_add_test(tc, clamp_keeps_scores_in_range);
    tcase_add_test(tc, scale_maps_bounds_to_zero_and_one_either_way);
    tcase_add_test(tc, scale_with_equal_bounds_names_the_problem);
    tcase_add_test(tc, contains_tests_membership_in_records_and_tables);
    tcase_add_test(tc, get_follows_dotted_paths_safely);
    tcase_add_test(tc, get_with_a_type_refuses_a_field_of_another_type);
    tcase_add_test(tc, get_with_a_type_passes_matching_and_missing_fields);
    tcase_add_test(tc, require_loads_a_helper_beside_the_rule_file);
    tcase_add_test(tc, helper_files_are_skipped_when_loading_a_directory);
    tcase_add_test(tc, helper_modules_are_read_only);
    tcase_add_test(tc, a_string_score_is_an_error_finding);
    tcase_add_test(tc, a_score_out_of_range_is_an_error_finding);
    tcase_add_test(tc, a_nan_score_is_an_error_finding);
    tcase_add_test(tc, a_score_without_reason_is_an_error_finding);
    tcase_add_test(tc, a_runtime_error_names_rule_file_and_line);
    tcase_add_test(tc, a_failing_rule_leaves_other_rules_and_records_alone);
    tcase_add_test(tc, os_execute_is_an_error_finding);
    tcase_add_test(tc, io_open_is_an_error_finding);
    tcase_add_test(tc, require_of_a_library_is_refused);
    tcase_add_test(tc, require_of_a_path_is_refused);
    tcase_add_test(tc, binary_chunk_is_refused);
    tcase_add_test(tc, string_dump_is_absent);
    tcase_add_test(tc, string_metatable_is_unreachable);
    tcase_add_test(tc, debug_is_absent);
    tcase_add_test(tc, endless_loop_is_stopped_with_its_line);
    tcase_add_test(tc, huge_string_is_stopped_by_the_memory_cap);
    tcase_add_test(tc, growing_table_is_stopped_by_the_memory_cap);
    tcase_add_test(tc, global_write_during_evaluation_is_refused);
    tcase_add_test(tc, rawset_on_globals_is_refused);
    tcase_add_test(tc, declaring_a_rule_while_rules_run_is_refused);
    tcase_add_test(tc, another_files_globals_are_invisible);
    tcase_add_test(tc, syntax_error_names_file_and_line);
    tcase_add_test(tc, every_problem_of_a_file_is_reported);
    tcase_add_test(tc, duplicate_id_across_lua_and_compiled_is_refused);
    tcase_add_test(tc, duplicate_id_across_lua_files_names_both);
    tcase_add_test(tc, missing_plugin_declaration_is_reported);
    tcase_add_test(tc, bad_plugin_declaration_lists_each_problem);
    tcase_add_test(tc, explicit_file_declaring_nothing_is_reported);
    tcase_add_test(tc, precompiled_rule_file_is_refused);
    tcase_add_test(tc, error_at_load_time_names_file_and_line);
    tcase_add_test(tc, rules_record_their_declaration_line);
    tcase_add_test(tc, each_worker_has_its_own_state);
    tcase_add_test(tc, shipped_rule_files_load);
    tcase_add_test(tc, annotations_describe_every_rule_global);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
