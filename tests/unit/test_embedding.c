/* The embedding API as a program sees it (<assay/assay.h> alone): a worker
 * refuses an engine with nothing to run, plugin logs reach the program's
 * callback, policies load from files and text, a batch of scored records
 * is decided into structured decisions, and cJSON's allocator stays the
 * program's. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "assay/assay.h"
#include "test_support.h"

static char err[1024];

static const char *good_plugin(void)
{
    static char path[4096];
    const char *dir = getenv("ASSAY_TEST_PLUGIN_DIR");
    ck_assert_msg(dir != NULL, "ASSAY_TEST_PLUGIN_DIR is not set");
    snprintf(path, sizeof path, "%s/good.so", dir);
    return path;
}

static assay_engine *good_engine(void)
{
    assay_engine *e = assay_engine_new();
    ck_assert_ptr_nonnull(e);
    ck_assert_msg(assay_engine_load_plugin(e, good_plugin(), NULL, err,
                                           sizeof err) == 0,
                  "%s", err);
    return e;
}

/* ---- scoring ---------------------------------------------------------- */

START_TEST(refuses_a_worker_for_an_engine_without_plugins)
{
    assay_engine *e = assay_engine_new();
    ck_assert_ptr_null(assay_worker_new(e, err, sizeof err));
    ck_assert_str_eq(err, "the engine has no plugins, so every record would "
                          "score \"ok\" with no findings; load some first "
                          "(assay_engine_load_plugin, "
                          "assay_engine_load_plugin_dir, "
                          "assay_engine_load_rules)");
    assay_engine_free(e);
}
END_TEST

typedef struct logged {
    int calls;
    char plugin[32], message[64];
    size_t line;
    assay_log_level level;
} logged;

static void keep_log(void *user, const char *plugin, size_t line,
                     assay_log_level level, const char *message)
{
    logged *l = user;
    l->calls++;
    snprintf(l->plugin, sizeof l->plugin, "%s", plugin);
    snprintf(l->message, sizeof l->message, "%s", message);
    l->line = line;
    l->level = level;
}

static void evaluate(assay_worker *w, const char *json, size_t line)
{
    size_t len;
    int is_error;
    assay_worker_evaluate_line(w, json, strlen(json), line, &len, &is_error);
    ck_assert_int_eq(is_error, 0);
}

START_TEST(routes_a_plugin_log_line_to_the_callback)
{
    logged l = {0};
    assay_engine *e = assay_engine_new();
    assay_engine_set_log(e, keep_log, &l);
    ck_assert_int_eq(assay_engine_load_plugin(e, good_plugin(), NULL, err,
                                              sizeof err),
                     0);
    assay_worker *w = assay_worker_new(e, err, sizeof err);
    evaluate(w, "{\"id\":\"a\",\"good\":{\"log\":\"hello from a\"}}", 7);
    ck_assert_int_eq(l.calls, 1);
    ck_assert_str_eq(l.plugin, "good");
    ck_assert_uint_eq(l.line, 7);
    ck_assert_int_eq(l.level, ASSAY_LOG_WARN);
    ck_assert_str_eq(l.message, "hello from a");
    assay_worker_free(w);
    assay_engine_free(e);
}
END_TEST

START_TEST(a_null_callback_sends_log_lines_back_to_stderr)
{
    logged l = {0};
    assay_engine *e = good_engine();
    assay_engine_set_log(e, keep_log, &l);
    assay_engine_set_log(e, NULL, NULL);
    assay_worker *w = assay_worker_new(e, err, sizeof err);
    FILE *captured = tmpfile();
    ck_assert_ptr_nonnull(captured);
    fflush(stderr);
    int saved = dup(STDERR_FILENO);
    dup2(fileno(captured), STDERR_FILENO);
    evaluate(w, "{\"id\":\"a\",\"good\":{\"log\":\"to stderr\"}}", 3);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    char text[128] = "";
    rewind(captured);
    size_t n = fread(text, 1, sizeof text - 1, captured);
    text[n] = '\0';
    fclose(captured);
    ck_assert_int_eq(l.calls, 0);
    ck_assert_str_eq(text, "assay: good: line 3: warning: to stderr\n");
    assay_worker_free(w);
    assay_engine_free(e);
}
END_TEST

/* ---- policies --------------------------------------------------------- */

/* One tier of one seat for applicants who request funding, a waitlist of
 * one, business counted for every record. */
static const char seed_policy[] =
    "always { \"business\" }\n"
    "tier { name = \"seed\", min_score = 0.5, capacity = 1,\n"
    "       requires = \"funding\", benefits = { \"funding\" } }\n"
    "waitlist(1)\n";

START_TEST(loads_a_policy_from_text)
{
    assay_policy *p = assay_policy_load_text(seed_policy, strlen(seed_policy),
                                             "seed.lua", err, sizeof err);
    ck_assert_msg(p != NULL, "%s", err);
    assay_policy_free(p);
}
END_TEST

START_TEST(a_policy_text_error_names_the_text_and_line)
{
    static const char bad[] = "always { \"business\" }\nwaitlist(-1)\n";
    ck_assert_ptr_null(
        assay_policy_load_text(bad, strlen(bad), "seed.lua", err, sizeof err));
    ck_assert_str_eq(err, "seed.lua:2: waitlist must be a whole number >= 0, "
                          "got -1");
}
END_TEST

START_TEST(loads_a_policy_from_a_file)
{
    assay_policy *p =
        assay_policy_load(ts_temp_file(seed_policy, ".lua"), err, sizeof err);
    ck_assert_msg(p != NULL, "%s", err);
    assay_policy_free(p);
}
END_TEST

START_TEST(refuses_a_policy_file_that_is_not_there)
{
    ck_assert_ptr_null(
        assay_policy_load("/nonexistent/seed.lua", err, sizeof err));
    ck_assert_str_eq(err, "/nonexistent/seed.lua: cannot open: No such file "
                          "or directory");
}
END_TEST

/* ---- deciding --------------------------------------------------------- */

/* Six applications, all requesting funding: 0.9 takes the seat, 0.8 the
 * waitlist, 0.3 is below the minimum, a veto rejects, a flag holds for
 * review, and line 5 is not JSON. */
static const char *const applications[] = {
    "{\"id\":\"a\",\"requests\":[\"funding\"],\"good\":{\"business_score\":0.9}}",
    "{\"id\":\"b\",\"requests\":[\"funding\"],\"good\":{\"business_score\":0.8}}",
    "{\"id\":\"c\",\"requests\":[\"funding\"],\"good\":{\"business_score\":0.3}}",
    "{\"id\":\"d\",\"requests\":[\"funding\"],"
    "\"good\":{\"business_score\":0.7,\"veto\":true}}",
    "not json",
    "{\"id\":\"f\",\"requests\":[\"funding\"],"
    "\"good\":{\"business_score\":0.6,\"flag\":true}}",
};
enum { APPLICATIONS = sizeof applications / sizeof applications[0] };

static char scored[8192];
static size_t scored_len;

/* Scores the applications (line i + 1) into scored, one a line, as a
 * program that embeds libassay would. */
static void score_applications(void)
{
    assay_engine *e = good_engine();
    assay_worker *w = assay_worker_new(e, err, sizeof err);
    ck_assert_msg(w != NULL, "%s", err);
    scored_len = 0;
    for (size_t i = 0; i < APPLICATIONS; i++) {
        size_t len;
        int is_error;
        const char *out = assay_worker_evaluate_line(
            w, applications[i], strlen(applications[i]), i + 1, &len,
            &is_error);
        ck_assert_int_eq(is_error, i == 4);
        ck_assert_uint_lt(scored_len + len + 1, sizeof scored);
        memcpy(scored + scored_len, out, len);
        scored_len += len;
        scored[scored_len++] = '\n';
    }
    assay_worker_free(w);
    assay_engine_free(e);
}

static assay_policy *policy;

static void deciding_setup(void)
{
    score_applications();
    policy = assay_policy_load_text(seed_policy, strlen(seed_policy),
                                    "seed.lua", err, sizeof err);
    ck_assert_msg(policy != NULL, "%s", err);
}

static void deciding_teardown(void)
{
    assay_policy_free(policy);
}

static void check_decision(const assay_decision *d, const char *id,
                           size_t line, const char *decision, size_t rank,
                           double score, const char *why)
{
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(d->id, id);
    ck_assert_uint_eq(d->line, line);
    ck_assert_str_eq(d->decision, decision);
    ck_assert_uint_eq(d->rank, rank);
    ck_assert_double_eq(d->score, score);
    ck_assert_str_eq(d->why, why);
    ck_assert_uint_eq(d->json_len, strlen(d->json));
}

START_TEST(decides_a_batch_in_input_order)
{
    assay_decisions *ds = assay_decide_text(policy, scored, scored_len,
                                            "scored.jsonl", err, sizeof err);
    ck_assert_msg(ds != NULL, "%s", err);
    ck_assert_uint_eq(assay_decisions_count(ds), 6);
    check_decision(assay_decisions_at(ds, 0), "a", 1, "seed", 1, 0.9,
                   "Ranked 1 of 5 with score 0.9: given seed, seat 1 of 1.");
    check_decision(assay_decisions_at(ds, 1), "b", 2, "waitlist", 2, 0.8,
                   "Ranked 2 of 5 with score 0.8: qualifies for seed, but "
                   "its 1 seats were filled; waitlist position 1 of 1.");
    check_decision(assay_decisions_at(ds, 2), "c", 3, "reject", 5, 0.3,
                   "Ranked 5 of 5 with score 0.3: below the minimum score "
                   "of every tier it requested.");
    check_decision(assay_decisions_at(ds, 3), "d", 4, "reject", 3, 0.7,
                   "Rejected: rule good.rule vetoed it: vetoed by "
                   "good.veto.");
    check_decision(assay_decisions_at(ds, 5), "f", 6, "review", 4, 0.6,
                   "Held for human review: rule good.rule flagged it: "
                   "flagged by good.flag.");
    ck_assert_ptr_null(assay_decisions_at(ds, 6));
    assay_decisions_free(ds);
}
END_TEST

START_TEST(an_error_record_is_decided_error)
{
    assay_decisions *ds = assay_decide_text(policy, scored, scored_len,
                                            "scored.jsonl", err, sizeof err);
    const assay_decision *d = assay_decisions_at(ds, 4);
    ck_assert_ptr_null(d->id);
    ck_assert_uint_eq(d->line, 5);
    ck_assert_str_eq(d->decision, "error");
    ck_assert_uint_eq(d->rank, 0);
    ck_assert(isnan(d->score));
    ck_assert_str_eq(d->why, "line 5: malformed JSON near column 1; each "
                             "line must be one complete JSON object");
    ck_assert_str_eq(d->json,
                     "{\"line\":5,\"status\":\"error\",\"error\":\"line 5: "
                     "malformed JSON near column 1; each line must be one "
                     "complete JSON object\"}");
    assay_decisions_free(ds);
}
END_TEST

START_TEST(the_json_is_the_decision_record)
{
    assay_decisions *ds = assay_decide_text(policy, scored, scored_len,
                                            "scored.jsonl", err, sizeof err);
    ck_assert_str_eq(
        assay_decisions_at(ds, 0)->json,
        "{\"id\":\"a\",\"line\":1,\"status\":\"ok\",\"rank\":1,"
        "\"decision\":\"seed\",\"benefits\":[\"funding\"],\"score\":0.9,"
        "\"strategy\":\"weighted_mean\",\"counted\":[\"business\"],"
        "\"weights\":{\"business\":1},\"domains\":{\"business\":0.9},"
        "\"findings\":[{\"rule\":\"good.business\",\"plugin\":\"good\","
        "\"domain\":\"business\",\"score\":0.9,\"weight\":2,"
        "\"reason\":\"business score\"}],\"vetoes\":[],\"flags\":[],"
        "\"why\":\"Ranked 1 of 5 with score 0.9: given seed, seat 1 of 1.\","
        "\"why_not\":[]}");
    assay_decisions_free(ds);
}
END_TEST

START_TEST(no_records_are_no_decisions)
{
    assay_decisions *ds =
        assay_decide_text(policy, "", 0, "empty.jsonl", err, sizeof err);
    ck_assert_msg(ds != NULL, "%s", err);
    ck_assert_uint_eq(assay_decisions_count(ds), 0);
    ck_assert_ptr_null(assay_decisions_at(ds, 0));
    assay_decisions_free(ds);
}
END_TEST

START_TEST(refuses_a_line_that_is_not_a_scored_record)
{
    static const char input[] = "{\"id\":\"a\"}\n";
    ck_assert_ptr_null(assay_decide_text(policy, input, strlen(input),
                                         "raw.jsonl", err, sizeof err));
    ck_assert_str_eq(err, "raw.jsonl:1: not a scored record: \"line\" is "
                          "missing; "
                          "assay_decide_text reads what "
                          "assay_worker_evaluate_line writes");
}
END_TEST

START_TEST(refuses_two_records_with_one_line_number)
{
    /* The first scored record twice. */
    size_t first = (size_t)((char *)memchr(scored, '\n', scored_len) - scored)
                   + 1;
    char twice[4096];
    ck_assert_uint_lt(2 * first, sizeof twice);
    memcpy(twice, scored, first);
    memcpy(twice + first, scored, first);
    ck_assert_ptr_null(assay_decide_text(policy, twice, 2 * first,
                                         "twice.jsonl", err, sizeof err));
    ck_assert_str_eq(err, "two scored records have part 0 line 1 (in "
                          "twice.jsonl and twice.jsonl); give each record "
                          "its own line number (assay_worker_evaluate_line's "
                          "line)");
}
END_TEST

START_TEST(decides_a_file_from_its_current_position)
{
    FILE *f = tmpfile();
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(scored, 1, scored_len, f), scored_len);
    /* Past the first record: five are left, and b now takes the seat. */
    size_t first = (size_t)((char *)memchr(scored, '\n', scored_len) - scored)
                   + 1;
    ck_assert_int_eq(fseek(f, (long)first, SEEK_SET), 0);
    assay_decisions *ds =
        assay_decide_file(policy, f, "scored.jsonl", err, sizeof err);
    ck_assert_msg(ds != NULL, "%s", err);
    ck_assert_uint_eq(assay_decisions_count(ds), 5);
    check_decision(assay_decisions_at(ds, 0), "b", 2, "seed", 1, 0.8,
                   "Ranked 1 of 4 with score 0.8: given seed, seat 1 of 1.");
    assay_decisions_free(ds);
    fclose(f);
}
END_TEST

/* ---- process-wide state ----------------------------------------------- */

static size_t hook_allocations, hook_frees;

static void *counting_malloc(size_t size)
{
    hook_allocations++;
    return malloc(size);
}

static void counting_free(void *p)
{
    if (p)
        hook_frees++;
    free(p);
}

/* libassay never calls cJSON_InitHooks: the program's hooks, set first,
 * still serve cJSON (libassay's own parses included) after scoring and
 * deciding, and every allocation made through them is freed. */
START_TEST(leaves_cjsons_allocator_to_the_program)
{
    cJSON_Hooks hooks = {counting_malloc, counting_free};
    cJSON_InitHooks(&hooks);
    score_applications();
    assay_policy *p = assay_policy_load_text(
        seed_policy, strlen(seed_policy), "seed.lua", err, sizeof err);
    assay_decisions *ds = assay_decide_text(p, scored, scored_len,
                                            "scored.jsonl", err, sizeof err);
    ck_assert_uint_eq(assay_decisions_count(ds), 6);
    assay_decisions_free(ds);
    assay_policy_free(p);
    ck_assert_uint_gt(hook_allocations, 0);
    ck_assert_uint_eq(hook_frees, hook_allocations);
    size_t before = hook_allocations;
    cJSON_Delete(cJSON_Parse("{\"mine\":1}"));
    ck_assert_uint_gt(hook_allocations, before);
    ck_assert_uint_eq(hook_frees, hook_allocations);
    cJSON_InitHooks(NULL);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("embedding");
    TCase *scoring = tcase_create("scoring");
    tcase_add_test(scoring, refuses_a_worker_for_an_engine_without_plugins);
    tcase_add_test(scoring, routes_a_plugin_log_line_to_the_callback);
    tcase_add_test(scoring, a_null_callback_sends_log_lines_back_to_stderr);
    suite_add_tcase(s, scoring);
    TCase *policies = tcase_create("policies");
    tcase_add_test(policies, loads_a_policy_from_text);
    tcase_add_test(policies, a_policy_text_error_names_the_text_and_line);
    tcase_add_test(policies, loads_a_policy_from_a_file);
    tcase_add_test(policies, refuses_a_policy_file_that_is_not_there);
    suite_add_tcase(s, policies);
    TCase *deciding = tcase_create("deciding");
    tcase_add_checked_fixture(deciding, deciding_setup, deciding_teardown);
    tcase_add_test(deciding, decides_a_batch_in_input_order);
    tcase_add_test(deciding, an_error_record_is_decided_error);
    tcase_add_test(deciding, the_json_is_the_decision_record);
    tcase_add_test(deciding, no_records_are_no_decisions);
    tcase_add_test(deciding, refuses_a_line_that_is_not_a_scored_record);
    tcase_add_test(deciding, refuses_two_records_with_one_line_number);
    tcase_add_test(deciding, decides_a_file_from_its_current_position);
    suite_add_tcase(s, deciding);
    TCase *process = tcase_create("process");
    tcase_add_test(process, leaves_cjsons_allocator_to_the_program);
    suite_add_tcase(s, process);
    return ts_run(s);
}
