/* assay test: runs the *_test.lua files beside rule files. A test names a
 * rule (or none: the whole rule set), gives a record as a Lua table and
 * states what it expects; each failing test prints one line with its
 * file:line, what was expected and what came out. */
#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>

#include "cli/cli.h"
#include "util/buffer.h"
#include "engine/engine.h"
#include "engine/lua_plugin.h"
#include "engine/lua_record.h"
#include "decide/policy.h"
#include "decide/strategy.h"
#include "util/string_copy.h"

/* Score tolerance: scores are printed to 4 decimals. */
#define SCORE_TOLERANCE 5e-5

typedef struct run {
    assay_worker *worker;
    assay_lua *lua; /* the test files' own state */
    size_t passed, failed, filtered;
    const char *filter; /* --filter: run the tests whose name holds it */
    int json;           /* --json: one JSON object a test, then totals */
    char **covered; /* rule ids tests named */
    size_t covered_count;
} run;

/* ---- finding the files ------------------------------------------------ */

typedef struct paths {
    char **items;
    size_t count;
} paths;

static void paths_add(paths *p, const char *path)
{
    for (size_t i = 0; i < p->count; i++)
        if (strcmp(p->items[i], path) == 0)
            return;
    char **grown = realloc(p->items, (p->count + 1) * sizeof *grown);
    if (!grown) {
        fputs("assay: out of memory\n", stderr);
        exit(ASSAY_EXIT_USAGE);
    }
    p->items = grown;
    p->items[p->count++] = assay_strdup(path);
}

static void paths_free(paths *p)
{
    for (size_t i = 0; i < p->count; i++)
        free(p->items[i]);
    free(p->items);
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the test files of dir (and its subdirectories when depth > 0). */
static void find_tests(const char *dir, int depth, paths *tests)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    paths found = {0};
    struct dirent *ent;
    while ((ent = readdir(d))) {
        if (ent->d_name[0] == '.')
            continue;
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", dir, ent->d_name);
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode) && depth > 0)
            find_tests(path, depth - 1, tests);
        else if (S_ISREG(st.st_mode) &&
                 assay_lua_is_test_file_name(ent->d_name))
            paths_add(&found, path);
    }
    closedir(d);
    if (found.count) /* qsort must not see a NULL list */
        qsort(found.items, found.count, sizeof *found.items,
              compare_strings);
    for (size_t i = 0; i < found.count; i++)
        paths_add(tests, found.items[i]);
    paths_free(&found);
}

/* Sorts one PATH argument into rule paths to load and test files. */
static int classify(const char *path, paths *rules, paths *tests)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return assay_usage_error("%s: no such file or directory", path);
    if (S_ISDIR(st.st_mode)) {
        paths_add(rules, path);
        find_tests(path, 0, tests);
        return 0;
    }
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    char other[PATH_MAX];
    if (assay_lua_is_test_file_name(name)) {
        snprintf(other, sizeof other, "%.*s",
                 slash ? (int)(slash - path) : 1, slash ? path : ".");
        paths_add(rules, other);
        paths_add(tests, path);
        return 0;
    }
    paths_add(rules, path);
    size_t n = strlen(path);
    if (n > 4 && strcmp(path + n - 4, ".lua") == 0) {
        snprintf(other, sizeof other, "%.*s_test.lua", (int)(n - 4), path);
        if (stat(other, &st) == 0)
            paths_add(tests, other);
    }
    return 0;
}

/* ---- declaring tests -------------------------------------------------- */

/* test {...}: appends the table and its line to the list (upvalue 1). */
static int declare_test(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Debug ar;
    int line = lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar)
                   ? ar.currentline
                   : 0;
    lua_Integer n = (lua_Integer)lua_rawlen(L, lua_upvalueindex(1));
    lua_createtable(L, 2, 0);
    lua_pushvalue(L, 1);
    lua_rawseti(L, -2, 1);
    lua_pushinteger(L, line);
    lua_rawseti(L, -2, 2);
    lua_rawseti(L, lua_upvalueindex(1), n + 1);
    return 0;
}

/* ---- checking one test ------------------------------------------------ */

static const char *const test_fields[] = {
    "name", "rule", "record", "score", "reason", "applies", "veto",
    "flag", "error", "domains", NULL};

/* One outcome as a JSON line: file, line (when known), test (its rule
 * and name, when known), status and, for a failure, message. */
static void report_json(const char *file, int line, const char *test,
                        int passed, const char *message)
{
    assay_buffer b;
    assay_buffer_init(&b);
    assay_buffer_puts(&b, "{\"file\":");
    assay_json_string(&b, file);
    if (line > 0)
        assay_buffer_printf(&b, ",\"line\":%d", line);
    if (test) {
        assay_buffer_puts(&b, ",\"test\":");
        assay_json_string(&b, test);
    }
    assay_buffer_puts(&b, passed ? ",\"status\":\"passed\"" :
                                   ",\"status\":\"failed\"");
    if (message) {
        assay_buffer_puts(&b, ",\"message\":");
        assay_json_string(&b, message);
    }
    assay_buffer_puts(&b, "}\n");
    assay_buffer_write(&b, stdout);
    assay_buffer_free(&b);
}

/* A failure of the test at file:line (line 0: of the file as a whole,
 * when test is NULL too); text output is "file:line: test: message". */
static void fail(run *r, const char *file, int line, const char *subject,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void fail(run *r, const char *file, int line, const char *subject,
                 const char *fmt, ...)
{
    char message[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    if (r->json)
        report_json(file, line, subject, 0, message);
    else if (subject)
        printf("%s:%d: %s: %s\n", file, line, subject, message);
    else
        printf("%s\n", message);
    r->failed++;
}

/* 1 if Lua pattern `pattern` is found in text (string.find semantics). */
static int matches(lua_State *L, const char *text, const char *pattern)
{
    lua_getglobal(L, "string"); /* the state's own, outside any sandbox */
    lua_getfield(L, -1, "find");
    lua_pushstring(L, text);
    lua_pushstring(L, pattern);
    int found = lua_pcall(L, 2, 1, 0) == LUA_OK && !lua_isnil(L, -1);
    lua_pop(L, 2);
    return found;
}

static const assay_finding *finding_of(const assay_result *res,
                                       const char *rule)
{
    for (size_t i = 0; i < res->finding_count; i++)
        if (strcmp(res->findings[i].rule, rule) == 0)
            return &res->findings[i];
    return NULL;
}

/* Checks a veto or flag expectation (field `key` of the test at t):
 * a pattern one of the marks (of rule, or any when rule is NULL) must
 * match, or false: there must be none. Returns 0 when it holds. */
static int check_marks(lua_State *L, int t, const char *key,
                       const assay_mark *marks, size_t count,
                       const char *rule, char *why, size_t why_size)
{
    int type = lua_getfield(L, t, key);
    int rc = 0;
    if (type == LUA_TSTRING) {
        const char *pattern = lua_tostring(L, -1);
        rc = 1;
        for (size_t i = 0; i < count && rc; i++)
            if ((!rule || strcmp(marks[i].rule, rule) == 0) &&
                matches(L, marks[i].reason, pattern))
                rc = 0;
        if (rc)
            snprintf(why, why_size, "expected a %s matching \"%s\", got %s%s%s",
                     key, pattern, count ? "\"" : "none",
                     count ? marks[0].reason : "", count ? "\"" : "");
    } else if (type == LUA_TBOOLEAN && !lua_toboolean(L, -1)) {
        for (size_t i = 0; i < count && !rc; i++)
            if (!rule || strcmp(marks[i].rule, rule) == 0) {
                snprintf(why, why_size, "expected no %s, got \"%s\"", key,
                         marks[i].reason);
                rc = 1;
            }
    }
    lua_pop(L, 1);
    return rc;
}

/* Checks the expectations of a test of one rule. */
static int check_rule_test(lua_State *L, int t, const char *rule,
                           const assay_result *res, char *why,
                           size_t why_size)
{
    const assay_finding *f = finding_of(res, rule);
    int has_error = lua_getfield(L, t, "error") == LUA_TSTRING;
    const char *error = lua_tostring(L, -1);
    lua_pop(L, 1);
    if (f && f->error && !(has_error && matches(L, f->error, error))) {
        snprintf(why, why_size, "expected a score, got an error: %s", f->error);
        return 1;
    }
    if (has_error) {
        if (!f || !f->error) {
            snprintf(why, why_size, "expected an error matching \"%s\", "
                                    "got %s",
                     error, f ? "a score" : "no finding");
            return 1;
        }
        return 0;
    }
    int applies = lua_getfield(L, t, "applies") != LUA_TBOOLEAN ||
                  lua_toboolean(L, -1);
    lua_pop(L, 1);
    if (!applies && f) {
        snprintf(why, why_size, "expected the rule not to apply, got score "
                                "%g (\"%s\")",
                 assay_round_score(f->score), f->reason);
        return 1;
    }
    if (lua_getfield(L, t, "score") == LUA_TNUMBER) {
        double want = lua_tonumber(L, -1);
        lua_pop(L, 1);
        if (!f) {
            snprintf(why, why_size, "expected score %g, but the rule did "
                                    "not apply (returned nil)",
                     want);
            return 1;
        }
        if (fabs(f->score - want) > SCORE_TOLERANCE) {
            snprintf(why, why_size, "expected score %g, got %g (\"%s\")",
                     want, assay_round_score(f->score), f->reason);
            return 1;
        }
    } else {
        lua_pop(L, 1);
    }
    if (lua_getfield(L, t, "reason") == LUA_TSTRING) {
        const char *pattern = lua_tostring(L, -1);
        if (!f || !matches(L, f->reason, pattern)) {
            snprintf(why, why_size, "expected a reason matching \"%s\", got "
                                    "%s%s%s",
                     pattern, f ? "\"" : "no finding", f ? f->reason : "",
                     f ? "\"" : "");
            lua_pop(L, 1);
            return 1;
        }
    }
    lua_pop(L, 1);
    return check_marks(L, t, "veto", res->vetoes, res->veto_count, rule, why,
                       why_size) ||
           check_marks(L, t, "flag", res->flags, res->flag_count, rule, why,
                       why_size);
}

/* The overall score of res under the shipped default policy, as assay run
 * would compute it; 0 when it has none (or the policy is missing). */
static int default_overall(const assay_result *res, double *score)
{
    char err[512];
    const char *path = assay_default_policy_path();
    assay_policy *p = path ? assay_policy_load(path, err, sizeof err) : NULL;
    int scored = p && assay_strategy_score_result(p, res, score);
    assay_policy_free(p);
    return scored;
}

/* Checks the expectations of a test of the whole rule set: the overall
 * score (under the shipped default policy), domain scores, vetoes and
 * flags. */
static int check_set_test(lua_State *L, int t, const assay_result *res,
                          char *why, size_t why_size)
{
    if (lua_getfield(L, t, "score") == LUA_TNUMBER) {
        double want = lua_tonumber(L, -1), overall = 0;
        int scored = default_overall(res, &overall);
        if (!scored || fabs(overall - want) > SCORE_TOLERANCE) {
            if (scored)
                snprintf(why, why_size, "expected overall score %g, got %g",
                         want, overall);
            else
                snprintf(why, why_size, "expected overall score %g, but no "
                                        "rule applied",
                         want);
            lua_pop(L, 1);
            return 1;
        }
    }
    lua_pop(L, 1);
    if (lua_getfield(L, t, "domains") == LUA_TTABLE) {
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            int d = lua_type(L, -2) == LUA_TSTRING
                        ? assay_domains_find(res->domains,
                                             lua_tostring(L, -2))
                        : -1;
            double want = lua_tonumber(L, -1);
            if (d < 0) {
                char key[128];
                snprintf(why, why_size, "domains: undeclared domain \"%s\"",
                         assay_sandbox_describe(L, -2, key, sizeof key));
                lua_pop(L, 3);
                return 1;
            }
            if (!res->domain_scored[d] ||
                fabs(res->domain_score[d] - want) > SCORE_TOLERANCE) {
                snprintf(why, why_size, "expected %s score %g, got %s%g",
                         res->domains->items[d].name, want,
                         res->domain_scored[d] ? "" : "none; ",
                         assay_round_score(res->domain_score[d]));
                lua_pop(L, 3);
                return 1;
            }
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
    return check_marks(L, t, "veto", res->vetoes, res->veto_count, NULL, why,
                       why_size) ||
           check_marks(L, t, "flag", res->flags, res->flag_count, NULL, why,
                       why_size);
}

static int rule_loaded(const assay_engine *e, const char *id)
{
    for (size_t i = 0; i < e->plugins.count; i++)
        if (assay_plugin_rule(e->plugins.items[i], id))
            return 1;
    return 0;
}

static void note_covered(run *r, const char *id)
{
    char **grown =
        realloc(r->covered, (r->covered_count + 1) * sizeof *grown);
    if (!grown)
        return;
    r->covered = grown;
    r->covered[r->covered_count++] = assay_strdup(id);
}

/* Runs the test table at index t declared at path:line. */
static void run_test(run *r, lua_State *L, int t, const char *path,
                     int line)
{
    char subject[256], why[1536], err[512];
    lua_pushnil(L);
    while (lua_next(L, t)) {
        lua_pop(L, 1);
        int known = 0;
        for (const char *const *f = test_fields; *f; f++)
            known |= lua_type(L, -1) == LUA_TSTRING &&
                     strcmp(lua_tostring(L, -1), *f) == 0;
        if (!known) {
            fail(r, path, line, "test",
                 "unknown field \"%s\"; a test has name, rule, record, "
                 "score, reason, applies, veto, flag, error and domains",
                 assay_sandbox_describe(L, -1, (char[128]){0}, 128));
            lua_pop(L, 1);
            return;
        }
    }
    const char *rule = NULL;
    if (lua_getfield(L, t, "rule") == LUA_TSTRING)
        rule = lua_tostring(L, -1);
    snprintf(subject, sizeof subject, "%s", rule ? rule : "whole rule set");
    lua_pop(L, 1);
    if (lua_getfield(L, t, "name") == LUA_TSTRING)
        snprintf(subject + strlen(subject), sizeof subject - strlen(subject),
                 " (%s)", lua_tostring(L, -1));
    lua_pop(L, 1);
    if (r->filter && !strstr(subject, r->filter)) {
        r->filtered++;
        return;
    }
    if (rule && !rule_loaded(r->worker->engine, rule)) {
        fail(r, path, line, subject, "no rule with this id is loaded");
        return;
    }
    if (rule)
        note_covered(r, rule);
    lua_getfield(L, t, "record");
    cJSON *json = assay_lua_to_json(L, -1, err, sizeof err);
    lua_pop(L, 1);
    if (!json) {
        fail(r, path, line, subject, "record: %s", err);
        return;
    }
    if (!cJSON_GetObjectItemCaseSensitive(json, "id"))
        cJSON_AddStringToObject(json, "id", "test");
    char *text = cJSON_PrintUnformatted(json);
    cJSON_Delete(json);
    size_t out_len;
    int is_error;
    const char *out = assay_worker_evaluate_line(
        r->worker, text, strlen(text), (size_t)line, &out_len, &is_error);
    free(text);
    if (is_error) {
        fail(r, path, line, subject, "the record was refused: %s", out);
        return;
    }
    const assay_result *res = &r->worker->result;
    int failed = rule ? check_rule_test(L, t, rule, res, why, sizeof why)
                      : check_set_test(L, t, res, why, sizeof why);
    if (failed)
        fail(r, path, line, subject, "%s", why);
    else {
        if (r->json)
            report_json(path, line, subject, 1, NULL);
        r->passed++;
    }
}

/* Runs every test of one test file. */
static void run_file(run *r, const char *path)
{
    lua_State *L = assay_sandbox_state(assay_lua_sandbox(r->lua));
    int base = lua_gettop(L);
    char dir[PATH_MAX], err[1024], full[1024];
    const char *slash = strrchr(path, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1,
             slash ? path : ".");
    lua_newtable(L);
    int list = lua_gettop(L);
    assay_lua_push_env(r->lua, dir, NULL);
    int env = lua_gettop(L);
    lua_pushvalue(L, list);
    lua_pushcclosure(L, declare_test, 1);
    lua_setfield(L, env, "test");
    assay_lua_push_null(L);
    lua_setfield(L, env, "null");
    if (assay_sandbox_load_file(assay_lua_sandbox(r->lua), path, env, err,
                                sizeof err) ||
        assay_sandbox_call(assay_lua_sandbox(r->lua), 0, 0, err,
                           sizeof err)) {
        assay_lua_full_source(err, path, full, sizeof full);
        fail(r, path, 0, NULL, "%s", full);
        lua_settop(L, base);
        return;
    }
    lua_Integer n = (lua_Integer)lua_rawlen(L, list);
    if (n == 0)
        fail(r, path, 0, NULL,
             "%s: declares no tests; add test { rule = ..., record = "
             "{...}, score = ... }",
             path);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, list, i);
        lua_rawgeti(L, -1, 1);
        lua_rawgeti(L, -2, 2);
        int line = (int)lua_tointeger(L, -1);
        lua_pop(L, 1);
        run_test(r, L, lua_gettop(L), path, line);
        lua_settop(L, list);
    }
    lua_settop(L, base);
}

static void print_uncovered(const run *r)
{
    const assay_plugin_set *set = &r->worker->engine->plugins;
    size_t n = 0;
    for (size_t i = 0; i < set->count; i++) {
        const assay_loaded_plugin *p = set->items[i];
        if (p->kind != ASSAY_KIND_LUA)
            continue;
        for (size_t j = 0; j < p->rule_count; j++) {
            int covered = 0;
            for (size_t k = 0; k < r->covered_count && !covered; k++)
                covered = strcmp(r->covered[k], p->rules[j].id) == 0;
            if (covered)
                continue;
            n++;
            if (!r->json) {
                printf("not covered: %s (%s:%d)\n", p->rules[j].id, p->path,
                       p->rules[j].line);
                continue;
            }
            assay_buffer b;
            assay_buffer_init(&b);
            assay_buffer_puts(&b, "{\"not_covered\":");
            assay_json_string(&b, p->rules[j].id);
            assay_buffer_puts(&b, ",\"file\":");
            assay_json_string(&b, p->path);
            assay_buffer_printf(&b, ",\"line\":%d}\n", p->rules[j].line);
            assay_buffer_write(&b, stdout);
            assay_buffer_free(&b);
        }
    }
    if (!r->json)
        printf("coverage: %zu Lua rule%s without a test\n", n,
               n == 1 ? "" : "s");
}

enum { OPT_COVERAGE = 256, OPT_FILTER, OPT_JSON };

static int test_main(int argc, char **argv)
{
    assay_plugin_options plugins = {0};
    int coverage = 0, rc = ASSAY_EXIT_USAGE;
    paths rules = {0}, tests = {0};
    assay_engine *engine = NULL;
    run r = {0};
    assay_options opts;
    assay_options_begin(&opts, &assay_cmd_test, argc, argv);
    int c;
    while ((c = assay_options_next(&opts)) >= 0) {
        if (assay_plugin_options_parse(&plugins, c, opts.arg))
            continue;
        switch (c) {
        case OPT_COVERAGE:
            coverage = 1;
            break;
        case OPT_FILTER:
            r.filter = opts.arg;
            break;
        case OPT_JSON:
            r.json = 1;
            break;
        }
    }
    if (c == ASSAY_OPTIONS_STOP) {
        rc = opts.status;
        goto done;
    }
    for (int i = opts.index; i < argc; i++)
        if (classify(argv[i], &rules, &tests))
            goto done;
    if (argc == opts.index && plugins.plugin_count == 0 &&
        plugins.plugin_dir_count == 0) {
        const char *dir = assay_default_plugin_dir();
        if (!dir) {
            assay_usage_error("cannot find the shipped plugins beside this "
                              "assay; name the rules to test");
            goto done;
        }
        find_tests(dir, 1, &tests);
    }
    /* The PATHs' rules are what is tested: the shipped set is left out. */
    if (opts.index < argc)
        plugins.no_default_plugins = 1;
    for (size_t i = 0; i < rules.count; i++)
        assay_plugin_options_add(&plugins.rules, &plugins.rule_count,
                                 rules.items[i]);
    engine = assay_engine_new();
    if (!engine || assay_plugin_options_load(&plugins, engine))
        goto done;
    char err[1024];
    r.worker = assay_worker_new(engine, err, sizeof err);
    r.lua = r.worker ? assay_lua_new(&engine->lua_limits, err, sizeof err)
                     : NULL;
    if (!r.lua) {
        assay_usage_error("%s", err);
        goto done;
    }
    for (size_t i = 0; i < tests.count; i++)
        run_file(&r, tests.items[i]);
    if (coverage)
        print_uncovered(&r);
    if (r.json)
        printf("{\"passed\":%zu,\"failed\":%zu,\"filtered\":%zu}\n",
               r.passed, r.failed, r.filtered);
    else if (r.filter)
        printf("%zu passed, %zu failed, %zu filtered out\n", r.passed,
               r.failed, r.filtered);
    else
        printf("%zu passed, %zu failed\n", r.passed, r.failed);
    rc = r.failed ? ASSAY_EXIT_RECORDS : ASSAY_EXIT_OK;
    if (r.filter && r.passed + r.failed == 0) {
        /* A mistyped filter must not pass a CI job. */
        assay_usage_error("no test matches --filter \"%s\"", r.filter);
        rc = ASSAY_EXIT_RECORDS;
    }
done:
    for (size_t i = 0; i < r.covered_count; i++)
        free(r.covered[i]);
    free(r.covered);
    assay_lua_free(r.lua);
    assay_worker_free(r.worker);
    assay_engine_free(engine);
    assay_plugin_options_free(&plugins);
    paths_free(&rules);
    paths_free(&tests);
    return rc;
}

static const assay_option test_options[] = {
    {"coverage", OPT_COVERAGE, NULL, "also list the Lua rules no test names"},
    {"filter", OPT_FILTER, "TEXT",
     "run only the tests whose rule id or name holds TEXT (the others are "
     "counted as filtered out)"},
    {"json", OPT_JSON, NULL,
     "one JSON object a test (file, line, test, status, message), then "
     "{\"passed\", \"failed\", \"filtered\"}"},
    {NULL, 0, NULL, NULL}};
static const assay_option *const test_tables[] = {
    test_options, assay_plugin_option_table, NULL};
const assay_command assay_cmd_test = {
    .name = "test",
    .summary = "run the tests of Lua rules (*_test.lua)",
    .synopsis = "[OPTIONS] [PATH...]",
    .description =
        "Runs the rule tests (*_test.lua) of each PATH: a directory (its "
        "rule files and tests), a rule file (with <name>_test.lua beside "
        "it) or a test file (with the rule files of its directory), those "
        "rules loaded without the shipped ones. With no PATH: the shipped "
        "plugins, rules and tests.",
    .options = test_tables,
    .exit_status =
        "Prints one line per failing test (file:line, expected, actual) "
        "and \"N passed, N failed\" (with --filter, \", N filtered out\"). "
        "Exit status: 0 all passed, 1 some failed or --filter matched no "
        "test, 2 the rules could not be loaded.",
    .main = test_main};
