/* decide's one-pass scan of a scored record: what it reads from a record
 * as assay score writes it, what it declines (so the check says why), and
 * that every variant of a record it accepts, the check accepts alike. */
#include <stdio.h>
#include <string.h>

#include "decide/scored_record_scan.h"
#include "scan_agreement.h"
#include "test_support.h"

/* A scored record as assay score writes it, with one finding, one error
 * finding and one flag (the check's unit test starts from the same). */
static const char good[] =
    "{\"id\":\"APP-1\",\"line\":12,\"part\":3,\"status\":\"ok\","
    "\"domains\":{\"connectivity\":0.5,\"business\":1},"
    "\"claimed\":[\"connectivity\"],\"requests\":[\"office\"],"
    "\"findings\":[{\"rule\":\"conn.latency\",\"plugin\":\"connectivity\","
    "\"domain\":\"connectivity\",\"score\":0.5,\"weight\":2,\"reason\":\"r\"},"
    "{\"rule\":\"conn.cert\",\"plugin\":\"connectivity\",\"domain\":"
    "\"connectivity\",\"error\":\"e\"}],\"vetoes\":[],\"flags\":[{\"rule\":"
    "\"conn.latency\",\"plugin\":\"connectivity\",\"reason\":\"look\"}],"
    "\"fingerprint\":\"0123456789abcdef\"}";

static assay_scored_scan scan;

/* The scan's answer for text: 1 accepted, 0 declined; an accepted text
 * the check disagrees with fails the test. */
static int scanned(const char *text)
{
    char why[1024];
    int rc = scan_agreement(text, strlen(text), &scan, why, sizeof why);
    if (rc < 0)
        ck_abort_msg("the scan accepted %s but %s", text, why);
    return rc;
}

/* good with the first occurrence of from replaced by to. */
static const char *edited(const char *from, const char *to)
{
    static char text[4096];
    const char *at = strstr(good, from);
    ck_assert_ptr_nonnull(at);
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - good), good, to,
             at + strlen(from));
    return text;
}

START_TEST(a_record_assay_score_writes_is_read_whole)
{
    ck_assert_int_eq(scanned(good), 1);
    ck_assert_str_eq(scan.id, "APP-1");
    ck_assert_uint_eq(scan.line, 12);
    ck_assert_uint_eq(scan.part, 3);
    ck_assert_str_eq(scan.fingerprint, "0123456789abcdef");
    ck_assert_uint_eq(scan.domain_count, 2);
    ck_assert_str_eq(scan.domain[0], "connectivity");
    ck_assert_double_eq(scan.score[0], 0.5);
    ck_assert_str_eq(scan.domain[1], "business");
    ck_assert_double_eq(scan.score[1], 1.0);
    ck_assert_uint_eq(scan.claimed_count, 1);
    ck_assert_str_eq(scan.claimed[0], "connectivity");
    ck_assert_uint_eq(scan.request_count, 1);
    ck_assert_str_eq(scan.request[0], "office");
    ck_assert_uint_eq(scan.veto_count, 0);
    ck_assert_uint_eq(scan.flag_count, 1);
}
END_TEST

/* The span at [at, at + len) of text, as a string. */
static const char *span_text(const char *text, size_t at, size_t len)
{
    static char out[4096];
    snprintf(out, sizeof out, "%.*s", (int)len, text + at);
    return out;
}

START_TEST(a_record_in_scores_layout_gives_the_spans_decide_copies)
{
    assay_scored_spans spans;
    ck_assert_int_eq(scanned(good), 1);
    ck_assert_int_eq(scan.canonical, 1);
    ck_assert_int_eq(assay_scored_record_spans(good, strlen(good), 0, &spans), 1);
    ck_assert_str_eq(span_text(good, spans.domains_at, spans.domains_len),
                     "{\"connectivity\":0.5,\"business\":1}");
    ck_assert_str_eq(
        span_text(good, spans.rest_at, spans.rest_len),
        "\"findings\":[{\"rule\":\"conn.latency\",\"plugin\":"
        "\"connectivity\",\"domain\":\"connectivity\",\"score\":0.5,"
        "\"weight\":2,\"reason\":\"r\"},{\"rule\":\"conn.cert\",\"plugin\":"
        "\"connectivity\",\"domain\":\"connectivity\",\"error\":\"e\"}],"
        "\"vetoes\":[],\"flags\":[{\"rule\":\"conn.latency\",\"plugin\":"
        "\"connectivity\",\"reason\":\"look\"}]");
    ck_assert_uint_eq(spans.vetoes_len, 0);
    /* With the marks: the lists of vetoes and flags, found past findings
     * whose strings hold escaped quotes, backslashes and brackets. */
    const char *marked = edited("\"reason\":\"r\"",
                                "\"reason\":\"a \\\"]}\\\\\\\" \\\\\"");
    ck_assert_int_eq(scanned(marked), 1);
    ck_assert_int_eq(scan.canonical, 1);
    ck_assert_int_eq(
        assay_scored_record_spans(marked, strlen(marked), 1, &spans), 1);
    ck_assert_str_eq(span_text(marked, spans.vetoes_at, spans.vetoes_len),
                     "[]");
    ck_assert_str_eq(span_text(marked, spans.flags_at, spans.flags_len),
                     "[{\"rule\":\"conn.latency\",\"plugin\":"
                     "\"connectivity\",\"reason\":\"look\"}]");
    /* Without a fingerprint the run ends at the record's end. */
    const char *bare = edited(",\"fingerprint\":\"0123456789abcdef\"", "");
    ck_assert_int_eq(scanned(bare), 1);
    ck_assert_int_eq(scan.canonical, 1);
    ck_assert_int_eq(assay_scored_record_spans(bare, strlen(bare), 0, &spans), 1);
    ck_assert_str_eq(span_text(bare, spans.rest_at + spans.rest_len - 8, 8),
                     "\"look\"}]");
    /* UTF-8 in a reason is read; a byte that is not UTF-8 is declined. */
    ck_assert_int_eq(scanned(edited("\"reason\":\"r\"",
                                    "\"reason\":\"caf\xC3\xA9 \xE4\xB8\xAD\"")),
                     1);
    ck_assert_int_eq(scan.canonical, 1);
    ck_assert_int_eq(scanned(edited("\"reason\":\"r\"", "\"reason\":\"\xFF\"")),
                     0);
    ck_assert_int_eq(
        scanned(edited("\"reason\":\"r\"", "\"reason\":\"\xC3(\"")), 0);
    /* Read, but not in that layout: whitespace, members in another order. */
    ck_assert_int_eq(scanned(edited("\"line\":12", "\"line\": 12")), 1);
    ck_assert_int_eq(scan.canonical, 0);
    ck_assert_int_eq(
        scanned(edited("\"line\":12,\"part\":3", "\"part\":3,\"line\":12")), 1);
    ck_assert_int_eq(scan.canonical, 0);
    ck_assert_int_eq(scanned(edited("\"vetoes\":[],\"flags\"",
                                    "\"flags\":[],\"vetoes\"")),
                     1);
    ck_assert_int_eq(scan.canonical, 0);
    /* Text not in the layout has no spans. */
    ck_assert_int_eq(assay_scored_record_spans("{}", 2, 1, &spans), 0);
    const char *spaced = edited("\"line\":12", "\"line\": 12");
    ck_assert_int_eq(
        assay_scored_record_spans(spaced, strlen(spaced), 0, &spans), 0);
}
END_TEST

START_TEST(what_json_allows_and_the_check_accepts_is_read_too)
{
    /* Space between every token, a fingerprint left out. */
    ck_assert_int_eq(
        scanned(" { \"id\" : \"A\" , \"line\" : 1.0 , \"part\" : 0 , "
                "\"status\" : \"ok\" , \"domains\" : { } , \"claimed\" : [ ] "
                ", \"requests\" : [ ] , \"findings\" : [ ] , \"vetoes\" : [ "
                "] , \"flags\" : [ ] }\r\n"),
        1);
    ck_assert_str_eq(scan.id, "A");
    ck_assert_uint_eq(scan.line, 1);
    ck_assert_ptr_null(scan.fingerprint);
    ck_assert_uint_eq(scan.domain_count, 0);
    /* Members in another order; escapes in a reason; exponents. */
    ck_assert_int_eq(scanned(edited("\"reason\":\"r\"",
                                    "\"reason\":\"a \\\"b\\\" \\\\ c\\n\\t/\"")),
                     1);
    ck_assert_int_eq(scanned(edited("\"weight\":2", "\"weight\":2E+0")), 1);
    ck_assert_int_eq(scanned(edited("\"business\":1", "\"business\":25e-2")),
                     1);
    ck_assert_double_eq(scan.score[1], 0.25);
    ck_assert_int_eq(scanned(edited("\"business\":1", "\"business\":-0")), 1);
    ck_assert_int_eq(
        scanned(edited("\"line\":12,\"part\":3", "\"part\":3,\"line\":12")), 1);
    ck_assert_uint_eq(scan.line, 12);
    /* The largest whole number a double holds exactly. */
    ck_assert_int_eq(
        scanned(edited("\"line\":12", "\"line\":9007199254740992")), 1);
    ck_assert_uint_eq(scan.line, UINT64_C(9007199254740992));
}
END_TEST

/* Each is a record the check refuses or one the scan leaves to it; the
 * scan declines them all. */
static const char *const declined[][2] = {
    {"\"status\":\"ok\"", "\"status\":\"error\""},
    {"\"status\":\"ok\"", "\"status\":\"ok\",\"extra\":1"},
    {"\"status\":\"ok\"", "\"status\":\"ok\",\"decision\":\"x\""},
    {"\"status\":\"ok\"", "\"status\":\"ok\",\"line\":12"},
    {"\"business\":1", "\"business\":1,\"connectivity\":1"},
    {"\"weight\":2,", "\"weight\":2,\"weight\":3,"},
    {"\"reason\":\"r\"", "\"reason\":\"\\u0041\""},
    {"\"reason\":\"r\"", "\"reason\":\"\\x\""},
    {"\"reason\":\"r\"", "\"reason\":\"a\tb\""},
    {"\"id\":\"APP-1\"", "\"id\":\"APP\\/1\""},
    {"\"id\":\"APP-1\"", "\"id\":\"\""},
    {"\"id\":\"APP-1\"", "\"id\":1"},
    {"\"office\"", "\"off\\u0069ce\""},
    {"\"fingerprint\":\"0123456789abcdef\"}", "\"fingerprint\":\"0123456789abcdef\"} x"},
    {"\"fingerprint\":\"0123456789abcdef\"", "\"fingerprint\":\"0123456789ABCDEF\""},
    {"\"fingerprint\":\"0123456789abcdef\"", "\"fingerprint\":\"0123\""},
    {",\"vetoes\":[]", ""},
    {"\"score\":0.5", "\"score\":1.5"},
    {"\"score\":0.5", "\"score\":\"0.5\""},
    {"\"score\":0.5", "\"score\":-0.5"},
    {"\"score\":0.5", "\"score\":1e400"},
    {"\"score\":0.5", "\"score\":5e-23"},
    {"\"score\":0.5", "\"score\":0.50000000000000000001"},
    {"\"score\":0.5", "\"score\":.5"},
    {"\"score\":0.5", "\"score\":0.5e"},
    {"\"weight\":2", "\"weight\":02"},
    {"\"weight\":2", "\"weight\":2000001"},
    {"\"line\":12", "\"line\":0"},
    {"\"line\":12", "\"line\":1.5"},
    {"\"line\":12", "\"line\":9007199254740994"},
    {"\"part\":3", "\"part\":-1"},
    {"\"error\":\"e\"", "\"error\":\"e\",\"score\":1"},
    {"\"reason\":\"look\"", "\"reason\":null"},
    {",\"reason\":\"look\"", ""},
    {"\"claimed\":[\"connectivity\"]", "\"claimed\":[1]"},
    {"\"requests\":[\"office\"]", "\"requests\":\"office\""},
    {"\"vetoes\":[]", "\"vetoes\":[\"x\"]"},
    {"\"domains\":{", "\"domains\":{\"ai\":0.5,\"ai\":0.5,"},
};

START_TEST(what_the_check_must_judge_is_declined)
{
    for (size_t i = 0; i < sizeof declined / sizeof *declined; i++) {
        const char *text = edited(declined[i][0], declined[i][1]);
        ck_assert_msg(scanned(text) == 0, "the scan accepted %s", text);
    }
    ck_assert_int_eq(scanned("{}"), 0);
    ck_assert_int_eq(scanned(""), 0);
    ck_assert_int_eq(scanned("[]"), 0);
}
END_TEST

START_TEST(more_names_than_it_holds_are_declined)
{
    char text[8192], list[4096] = "";
    for (int i = 0; i <= ASSAY_SCAN_MAX_NAMES; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s\"t%d\"",
                 i ? "," : "", i);
    snprintf(text, sizeof text, "%s",
             edited("\"requests\":[\"office\"]", "\"requests\":[@]"));
    char *at = strchr(text, '@');
    char whole[8192];
    snprintf(whole, sizeof whole, "%.*s%s%s", (int)(at - text), text, list,
             at + 1);
    ck_assert_int_eq(scanned(whole), 0);
}
END_TEST

/* Every text one byte away from good (a byte deleted, or replaced by one
 * that matters to JSON): whatever the scan accepts, the check accepts with
 * the same values (scanned fails the test otherwise). The same promise the
 * fuzz target scored_record_scan holds the scan to on any bytes. */
START_TEST(every_one_byte_edit_the_scan_accepts_the_check_accepts)
{
    static const char swaps[] = "\"\\,:{}[] 0159.-+eEu\t\x01";
    size_t n = strlen(good), accepted = 0, tried = 0;
    char text[sizeof good + 1];
    for (size_t at = 0; at < n; at++) {
        memcpy(text, good, at);
        memcpy(text + at, good + at + 1, n - at);
        accepted += (size_t)scanned(text);
        tried++;
        for (const char *c = swaps; *c; c++) {
            memcpy(text, good, n + 1);
            text[at] = *c;
            accepted += (size_t)scanned(text);
            tried++;
        }
    }
    ck_assert_uint_eq(tried, n * (sizeof swaps));
    /* Some edits keep the record valid (a digit of a score, a letter of a
     * reason): the scan must still read those. */
    ck_assert_uint_gt(accepted, 100);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("scored_record_scan");
    TCase *t = tcase_create("scan");
    tcase_add_test(t, a_record_assay_score_writes_is_read_whole);
    tcase_add_test(t, a_record_in_scores_layout_gives_the_spans_decide_copies);
    tcase_add_test(t, what_json_allows_and_the_check_accepts_is_read_too);
    tcase_add_test(t, what_the_check_must_judge_is_declined);
    tcase_add_test(t, more_names_than_it_holds_are_declined);
    tcase_add_test(t, every_one_byte_edit_the_scan_accepts_the_check_accepts);
    suite_add_tcase(s, t);
    return ts_run(s);
}
