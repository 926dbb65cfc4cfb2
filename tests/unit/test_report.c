/* The report: escaping for HTML and CSV, histogram bins, and reading a
 * run's files into rank order with names, decisions and sort ordinals. */
#include <math.h>
#include <string.h>

#include "util/buffer.h"
#include "report/html.h"
#include "report/report_chart.h"
#include "report/report_csv.h"
#include "report/report_data.h"
#include "test_support.h"

static assay_buffer b;
static assay_report r;
static char err[512];

static void setup(void)
{
    assay_buffer_init(&b);
    assay_report_init(&r);
}

static void teardown(void)
{
    assay_buffer_free(&b);
    assay_report_free(&r);
}

static const char *html(const char *s)
{
    assay_buffer_reset(&b);
    assay_html_text(&b, s);
    return assay_buffer_cstr(&b);
}

static const char *html_name(const char *s)
{
    assay_buffer_reset(&b);
    assay_html_name(&b, s);
    return assay_buffer_cstr(&b);
}

static const char *csv(const char *s)
{
    assay_buffer_reset(&b);
    assay_csv_text(&b, s);
    return assay_buffer_cstr(&b);
}

static int add(const char *json, size_t line)
{
    return assay_report_add_decision(&r, json, strlen(json), "d.jsonl", line,
                                     err, sizeof err);
}

static int summary(const char *json)
{
    return assay_report_set_summary(&r, json, strlen(json), "s.json", err,
                                    sizeof err);
}

/* ---- HTML ----------------------------------------------------------- */

START_TEST(html_escapes_markup_characters)
{
    ck_assert_str_eq(html("<a href=\"x\">'&'</a>"),
                     "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}
END_TEST

START_TEST(html_keeps_text_and_valid_utf8_as_is)
{
    ck_assert_str_eq(html("深蓝车联 \xE2\x80\xAEgnp.exe\ttab\nline"),
                     "深蓝车联 \xE2\x80\xAEgnp.exe\ttab\nline");
}
END_TEST

START_TEST(html_replaces_controls_and_invalid_utf8)
{
    ck_assert_str_eq(html("a\x01" "b\x7f" "c\r\xff\xC3"),
                     "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD"
                     "\xEF\xBF\xBD\xEF\xBF\xBD");
}
END_TEST

START_TEST(html_null_is_nothing)
{
    ck_assert_str_eq(html(NULL), "");
}
END_TEST

START_TEST(html_name_breaks_after_each_underscore_inside_it)
{
    ck_assert_str_eq(html_name("seed_funding"), "seed_<wbr>funding");
    ck_assert_str_eq(html_name("_office"), "_<wbr>office");
    ck_assert_str_eq(html_name("a__b"), "a_<wbr>_<wbr>b");
}
END_TEST

START_TEST(html_name_adds_no_break_after_a_final_underscore)
{
    ck_assert_str_eq(html_name("office_"), "office_");
    ck_assert_str_eq(html_name("a__"), "a_<wbr>_");
    ck_assert_str_eq(html_name("_"), "_");
}
END_TEST

START_TEST(html_name_escapes_markup_on_both_sides_of_a_break)
{
    ck_assert_str_eq(html_name("<b>&\"'"), "&lt;b&gt;&amp;&quot;&#39;");
    ck_assert_str_eq(html_name("<b>_&\"'"),
                     "&lt;b&gt;_<wbr>&amp;&quot;&#39;");
}
END_TEST

START_TEST(html_name_keeps_a_plain_word_and_empty_or_null_is_nothing)
{
    ck_assert_str_eq(html_name("waitlist"), "waitlist");
    ck_assert_str_eq(html_name(""), "");
    ck_assert_str_eq(html_name(NULL), "");
}
END_TEST

/* ---- CSV ------------------------------------------------------------ */

START_TEST(csv_plain_text_is_bare)
{
    ck_assert_str_eq(csv("Lumenway Perception"), "Lumenway Perception");
    ck_assert_str_eq(csv("a=b+c-d@e"), "a=b+c-d@e");
    ck_assert_str_eq(csv(""), "");
    ck_assert_str_eq(csv(NULL), "");
}
END_TEST

START_TEST(csv_quotes_commas_quotes_and_line_breaks)
{
    ck_assert_str_eq(csv("a,b"), "\"a,b\"");
    ck_assert_str_eq(csv("say \"hi\""), "\"say \"\"hi\"\"\"");
    ck_assert_str_eq(csv("two\nlines"), "\"two\nlines\"");
    ck_assert_str_eq(csv("cr\rhere"), "\"cr\rhere\"");
}
END_TEST

START_TEST(csv_neutralises_formulas)
{
    ck_assert_str_eq(csv("=HYPERLINK(\"http://x\",\"y\")"),
                     "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    ck_assert_str_eq(csv("+1"), "\"'+1\"");
    ck_assert_str_eq(csv("-1"), "\"'-1\"");
    ck_assert_str_eq(csv("@SUM(A1)"), "\"'@SUM(A1)\"");
    ck_assert_str_eq(csv("\t=1"), "\"'\t=1\"");
    ck_assert_str_eq(csv("\r=1"), "\"'\r=1\"");
}
END_TEST

START_TEST(csv_replaces_invalid_utf8)
{
    ck_assert_str_eq(csv("a\xff" "b"), "a\xEF\xBF\xBD" "b");
}
END_TEST

START_TEST(csv_file_has_bom_header_rows_and_crlf)
{
    ck_assert_int_eq(add("{\"id\":\"B\",\"line\":2,\"status\":\"ok\",\"rank\":"
                         "1,\"decision\":\"office\",\"score\":0.8,\"domains\":"
                         "{\"ai\":0.8},\"findings\":[{\"rule\":\"ai.x\","
                         "\"plugin\":\"ai\",\"domain\":\"ai\",\"score\":0.8,"
                         "\"weight\":1,\"reason\":\"r\"},{\"rule\":\"ai.y\","
                         "\"plugin\":\"ai\",\"domain\":\"ai\",\"error\":\"e\""
                         "}]}",
                         2),
                     0);
    ck_assert_int_eq(add("{\"line\":1,\"status\":\"error\",\"error\":\"bad, "
                         "\\\"very\\\"\"}",
                         1),
                     0);
    assay_report_add_name(&r, "B", "=B GmbH");
    assay_report_finish(&r);
    assay_report_csv(&b, &r);
    ck_assert_str_eq(assay_buffer_cstr(&b),
                     "\xEF\xBB\xBFrank,id,name,decision,score,ai,ai.x,ai.y,"
                     "line,error\r\n"
                     "1,B,\"'=B GmbH\",office,0.8,0.8,0.8,error,2,\r\n"
                     ",,,error,,,,,1,\"bad, \"\"very\"\"\"\r\n");
}
END_TEST

/* ---- Histogram bins ------------------------------------------------- */

START_TEST(bins_split_scores_at_their_printed_decimals)
{
    ck_assert_int_eq(assay_chart_bin(0, 20), 0);
    ck_assert_int_eq(assay_chart_bin(0.0499, 20), 0);
    ck_assert_int_eq(assay_chart_bin(0.05, 20), 1);
    ck_assert_int_eq(assay_chart_bin(0.7, 20), 14);
    ck_assert_int_eq(assay_chart_bin(0.1 + 0.2, 10), 3);
    ck_assert_int_eq(assay_chart_bin(0.95, 10), 9);
}
END_TEST

START_TEST(bins_put_one_and_beyond_in_the_end_bins)
{
    ck_assert_int_eq(assay_chart_bin(1, 20), 19);
    ck_assert_int_eq(assay_chart_bin(1.5, 20), 19);
    ck_assert_int_eq(assay_chart_bin(-0.2, 20), 0);
}
END_TEST

/* ---- Reading a run -------------------------------------------------- */

#define OK(id, line, rank, decision, score)                                  \
    "{\"id\":\"" id "\",\"line\":" #line ",\"status\":\"ok\",\"rank\":" rank \
    ",\"decision\":\"" decision "\",\"score\":" score "}"

START_TEST(entries_are_put_in_rank_order_then_errors_by_line)
{
    ck_assert_int_eq(add(OK("C", 3, "null", "review", "null"), 1), 0);
    ck_assert_int_eq(add("{\"line\":9,\"status\":\"error\",\"error\":\"x\"}",
                         2),
                     0);
    ck_assert_int_eq(add(OK("A", 1, "2", "office", "0.5"), 3), 0);
    ck_assert_int_eq(add("{\"id\":\"E\",\"line\":4,\"status\":\"error\","
                         "\"error\":\"y\"}",
                         4),
                     0);
    ck_assert_int_eq(add(OK("B", 2, "1", "training", "0.9"), 5), 0);
    assay_report_finish(&r);
    ck_assert_uint_eq(r.count, 5);
    ck_assert_uint_eq(r.ok_count, 3);
    ck_assert_str_eq(r.entries[0].id, "B");
    ck_assert_str_eq(r.entries[1].id, "A");
    ck_assert_str_eq(r.entries[2].id, "C"); /* unranked after ranked */
    ck_assert_uint_eq(r.entries[2].rank, 0);
    ck_assert_uint_eq(r.entries[3].line, 4);
    ck_assert_str_eq(r.entries[3].error, "y");
    ck_assert_uint_eq(r.entries[4].line, 9);
    ck_assert_ptr_null(r.entries[4].id);
}
END_TEST

START_TEST(decisions_list_tiers_then_waitlist_review_reject_then_others)
{
    ck_assert_int_eq(summary("{\"tiers\":[{\"name\":\"gold\",\"capacity\":1,"
                             "\"used\":0},{\"name\":\"silver\",\"capacity\":"
                             "2,\"used\":1,\"cutoff_score\":0.5,"
                             "\"cutoff_rank\":2,\"min_score\":0.4}]}"),
                     0);
    ck_assert_int_eq(add(OK("A", 1, "1", "accept", "0.9"), 1), 0);
    ck_assert_int_eq(add(OK("B", 2, "2", "reject", "0.8"), 2), 0);
    ck_assert_int_eq(add(OK("C", 3, "3", "silver", "0.7"), 3), 0);
    ck_assert_int_eq(add(OK("D", 4, "4", "waitlist", "0.6"), 4), 0);
    assay_report_finish(&r);
    ck_assert_uint_eq(r.decision_count, 5);
    const char *want[] = {"gold", "silver", "waitlist", "reject", "accept"};
    size_t counts[] = {0, 1, 1, 1, 1};
    for (size_t i = 0; i < 5; i++) {
        ck_assert_str_eq(r.decisions[i], want[i]);
        ck_assert_uint_eq(r.decision_counts[i], counts[i]);
    }
    ck_assert(isnan(r.tiers[0].cutoff_score));
    ck_assert_double_eq(r.tiers[1].cutoff_score, 0.5);
    ck_assert_double_eq(r.tiers[1].min_score, 0.4);
}
END_TEST

START_TEST(ordinals_share_ties_and_skip_absent_values)
{
    ck_assert_int_eq(add(OK("b", 1, "1", "x", "0.9"), 1), 0);
    ck_assert_int_eq(add(OK("C", 2, "2", "x", "0.5"), 2), 0);
    ck_assert_int_eq(add(OK("a", 3, "3", "x", "0.5"), 3), 0);
    ck_assert_int_eq(add(OK("B", 4, "4", "x", "null"), 4), 0);
    assay_report_finish(&r);
    size_t score[] = {2, 1, 1, 0}, id[] = {3, 4, 1, 2};
    for (size_t i = 0; i < 4; i++) {
        ck_assert_uint_eq(r.entries[i].order[ASSAY_SORT_SCORE], score[i]);
        ck_assert_uint_eq(r.entries[i].order[ASSAY_SORT_ID], id[i]);
        ck_assert_uint_eq(r.entries[i].order[ASSAY_SORT_RANK], i + 1);
        ck_assert_uint_eq(r.entries[i].order[ASSAY_SORT_NAME], 0);
    }
}
END_TEST

START_TEST(names_join_by_id_and_unknown_ids_are_counted)
{
    ck_assert_int_eq(add(OK("A", 1, "1", "x", "0.9"), 1), 0);
    ck_assert_int_eq(add(OK("B", 2, "2", "x", "0.8"), 2), 0);
    ck_assert_int_eq(add(OK("C", 3, "3", "x", "0.7"), 3), 0);
    assay_report_add_name(&r, "A", "First");
    assay_report_add_name(&r, "A", "Second");
    assay_report_add_name(&r, "B", NULL);
    assay_report_finish(&r);
    ck_assert_str_eq(r.entries[0].name, "First");
    ck_assert_ptr_null(r.entries[1].name);
    ck_assert_ptr_null(r.entries[2].name);
    ck_assert_uint_eq(r.names_unmatched, 1);
    ck_assert_uint_eq(r.warning_count, 1);
    ck_assert_str_eq(r.warnings[0], "1 of 3 application ids are not in the "
                                    "input; is it the input of this run?");
}
END_TEST

START_TEST(many_names_survive_the_table_growing)
{
    char id[32], name[32];
    for (int i = 0; i < 1000; i++) {
        snprintf(id, sizeof id, "ID-%d", i);
        snprintf(name, sizeof name, "Name %d", i);
        assay_report_add_name(&r, id, name);
    }
    ck_assert_int_eq(add(OK("ID-777", 1, "1", "x", "0.9"), 1), 0);
    assay_report_finish(&r);
    ck_assert_str_eq(r.entries[0].name, "Name 777");
}
END_TEST

START_TEST(bad_decision_records_say_where_and_what)
{
    static const char *const cases[][2] = {
        {"[1]", "d.jsonl:7: a decision record must be a JSON object, found "
                "an array"},
        {"{\"line\":1}", "d.jsonl:7: status is missing; a string is "
                         "expected"},
        {"{\"line\":1,\"status\":\"fine\"}",
         "d.jsonl:7: status must be \"ok\" or \"error\", found \"fine\""},
        {"{\"status\":\"ok\",\"line\":0}",
         "d.jsonl:7: line must be the input line number, a whole number "
         "from 1"},
        {"{\"status\":\"ok\",\"line\":1,\"decision\":\"x\"}",
         "d.jsonl:7: id is missing; a string is expected"},
        {"{\"id\":\"A\",\"status\":\"ok\",\"line\":1,\"decision\":\"x\","
         "\"rank\":0}",
         "d.jsonl:7: rank must be a whole number from 1, found 0"},
        {"{\"id\":\"A\",\"status\":\"ok\",\"line\":1,\"decision\":\"x\","
         "\"domains\":{\"Space!\":1}}",
         "d.jsonl:7: domains has \"Space!\", which is not a domain name "
         "(lower-case letters, digits and _); is this the output of `assay "
         "run`?"},
        {"{\"id\":\"A\",\"status\":\"ok\",\"line\":1,\"decision\":\"x\","
         "\"why_not\":[{\"tier\":1}]}",
         "d.jsonl:7: why_not[0].tier must be a string, found a number"},
        {"{\"id\":\"A\",\"status\":\"ok\",\"line\":1,\"decision\":\"x\","
         "\"vetoes\":{}}",
         "d.jsonl:7: vetoes must be an array, found an object"},
        {"{\"status\":\"error\",\"line\":1}",
         "d.jsonl:7: error is missing; a string is expected"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ck_assert_int_ne(add(cases[i][0], 7), 0);
        ck_assert_str_eq(err, cases[i][1]);
    }
    ck_assert_uint_eq(r.count, 0);
}
END_TEST

START_TEST(bad_summaries_say_what)
{
    ck_assert_int_ne(summary("{\"tiers\":[{\"name\":\"a\",\"capacity\":1.5,"
                             "\"used\":0}]}"),
                     0);
    ck_assert_str_eq(err, "s.json: tiers[0].capacity and tiers[0].used must "
                          "be whole numbers");
    ck_assert_int_ne(summary("{\"tiers\":[{\"name\":\"a\",\"capacity\":1,"
                             "\"used\":0},{\"name\":\"a\",\"capacity\":1,"
                             "\"used\":0}]}"),
                     0);
    ck_assert_str_eq(err, "s.json: tiers[1].name \"a\" names tiers[0] "
                          "already");
    ck_assert_int_ne(summary("{\"counts\":[]}"), 0);
    ck_assert_str_eq(err, "s.json: counts must be an object of decision: "
                          "number");
    ck_assert_ptr_null(r.summary);
}
END_TEST


/* gold has 2 seats and fills; its last seat (C, 0.8) ties with D, which
 * silver got; silver keeps 2 of 3 seats empty: no cut-off bound it. */
static void cohort_with_a_tie_top(size_t detail_top)
{
    r.detail_top = detail_top;
    ck_assert_int_eq(summary("{\"tiers\":[{\"name\":\"gold\",\"capacity\":2,"
                             "\"used\":2,\"cutoff_score\":0.8,"
                             "\"cutoff_rank\":3},{\"name\":\"silver\","
                             "\"capacity\":3,\"used\":1,\"cutoff_score\":0.8,"
                             "\"cutoff_rank\":4}]}"),
                     0);
    ck_assert_int_eq(add(OK("A", 1, "1", "gold", "0.9"), 1), 0);
    ck_assert_int_eq(add(OK("B", 2, "2", "review", "0.85"), 2), 0);
    ck_assert_int_eq(add(OK("C", 3, "3", "gold", "0.8"), 3), 0);
    ck_assert_int_eq(add(OK("D", 4, "4", "silver", "0.8"), 4), 0);
    ck_assert_int_eq(add(OK("E", 5, "5", "reject", "0.5"), 5), 0);
    ck_assert_int_eq(add(OK("F", 6, "6", "review", "null"), 6), 0);
    ck_assert_int_eq(add(OK("G", 7, "7", "reject", "0.4"), 7), 0);
    ck_assert_int_eq(add(OK("H", 8, "8", "reject", "0.3"), 8), 0);
    assay_report_finish(&r);
}

static void cohort_with_a_tie(void)
{
    cohort_with_a_tie_top(ASSAY_REPORT_DETAIL_TOP);
}

START_TEST(a_cut_off_binds_only_where_the_tier_filled)
{
    cohort_with_a_tie();
    ck_assert_int_eq(r.tiers[0].filled, 1);
    ck_assert_uint_eq(r.tiers[0].last_seat, 3); /* C, entries[2] */
    ck_assert_ptr_null(r.tiers[0].tie.tier); /* D's 0.8: no record says tie */
    ck_assert_int_eq(r.tiers[1].filled, 0);
    ck_assert_uint_eq(r.tiers[1].last_seat, 4);
}
END_TEST

START_TEST(borderline_is_the_last_seats_and_the_scored_just_below)
{
    cohort_with_a_tie();
    size_t idx[6];
    size_t n = assay_report_borderline(&r, 0, 3, idx);
    /* gold's 2 seats (A, C), then below C: D, E, G (F has no score; B,
     * ranked above the cut, is not below it). */
    ck_assert_uint_eq(n, 5);
    const char *want[] = {"A", "C", "D", "E", "G"};
    for (size_t i = 0; i < n; i++)
        ck_assert_str_eq(r.entries[idx[i]].id, want[i]);
    ck_assert_uint_eq(assay_report_borderline(&r, 1, 3, idx), 0);
    n = assay_report_borderline(&r, 0, 1, idx);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(r.entries[idx[0]].id, "C");
    ck_assert_str_eq(r.entries[idx[1]].id, "D");
}
END_TEST

START_TEST(shown_in_full_are_seats_borderline_held_and_the_top)
{
    cohort_with_a_tie_top(0);
    /* Seats A, C, D; held B, F; below gold's cut-off D, E, G; not H. */
    const int want[] = {1, 1, 1, 1, 1, 1, 1, 0};
    for (size_t i = 0; i < 8; i++)
        ck_assert_int_eq(r.entries[i].shown, want[i]);
    ck_assert_uint_eq(r.shown_count, 7);
    ck_assert_uint_eq(r.held_count, 1); /* neither has a flag or veto */
    ck_assert_ptr_null(r.held[0].reason);
    ck_assert_uint_eq(r.held[0].count, 2);
}
END_TEST

START_TEST(the_top_in_rank_order_is_shown_whatever_its_decision)
{
    cohort_with_a_tie_top(8);
    ck_assert_uint_eq(r.shown_count, 8);
}
END_TEST

START_TEST(details_are_read_back_and_flags_group_the_held)
{
    ck_assert_int_eq(add("{\"id\":\"X\",\"line\":1,\"status\":\"ok\","
                         "\"rank\":1,\"decision\":\"review\",\"score\":0.7,"
                         "\"benefits\":[],\"findings\":[{\"rule\":\"a.b\","
                         "\"domain\":\"ai\",\"score\":0.7,\"weight\":2,"
                         "\"reason\":\"because\"}],\"vetoes\":[],\"flags\":"
                         "[{\"rule\":\"a.f\",\"reason\":\"look\"}],"
                         "\"why_not\":[{\"tier\":\"gold\",\"reason\":"
                         "\"held\"}],\"why\":\"Held.\"}",
                         4),
                     0);
    ck_assert_int_eq(add(OK("Y", 2, "2", "review", "0.6"), 5), 0);
    assay_report_finish(&r);
    ck_assert_str_eq(r.entries[0].held_by, "a.f");
    ck_assert_uint_eq(r.entries[0].flag_count, 1);
    ck_assert_uint_eq(r.held_count, 2);
    ck_assert_str_eq(r.held[0].reason, "a.f");
    ck_assert_ptr_null(r.held[1].reason);
    ck_assert_str_eq(r.entries[0].rule_scores[0].rule, "a.b");
    ck_assert_ptr_eq(r.rules[0], r.entries[0].rule_scores[0].rule);
    assay_report_detail d;
    ck_assert_int_eq(assay_report_detail_read(&r, 0, &d, err, sizeof err), 0);
    ck_assert_uint_eq(d.finding_count, 1);
    ck_assert_str_eq(d.findings[0].reason, "because");
    ck_assert_double_eq(d.findings[0].weight, 2);
    ck_assert_str_eq(d.flags[0].reason, "look");
    ck_assert_str_eq(d.why_not[0].reason, "held");
    assay_report_detail_free(&d);
    ck_assert_int_eq(assay_report_detail_read(&r, 1, &d, err, sizeof err), 0);
    ck_assert_uint_eq(d.finding_count, 0);
    assay_report_detail_free(&d);
}
END_TEST

/* TIED(id, line, rank, decision): an 0.8 of the tie at gold's cut-off
 * that the decide engine marked. */
#define TIED(id, line, rank, decision)                                      \
    "{\"id\":\"" id "\",\"line\":" #line ",\"status\":\"ok\",\"rank\":" \
    #rank ",\"decision\":\"" decision "\",\"score\":0.8,\"tie\":{"         \
    "\"tier\":\"gold\",\"score\":0.8,\"seated\":1,\"unseated\":2,"         \
    "\"settled_by\":\"smaller id\"}}"

static const char gold_summary_head[] =
    "{\"tiers\":[{\"name\":\"gold\",\"capacity\":2,\"used\":2,"
    "\"cutoff_score\":0.8,\"cutoff_rank\":2";

START_TEST(a_tie_is_the_one_the_decision_records_mark)
{
    char s[256];
    snprintf(s, sizeof s, "%s,\"tie\":{\"seated\":1,\"unseated\":2,"
                          "\"settled_by\":\"smaller id\"}}]}",
             gold_summary_head);
    ck_assert_int_eq(summary(s), 0);
    ck_assert_int_eq(add(OK("A", 1, "1", "gold", "0.9"), 1), 0);
    ck_assert_int_eq(add(TIED("B", 2, 2, "gold"), 2), 0);
    ck_assert_int_eq(add(TIED("C", 3, 3, "waitlist"), 3), 0);
    ck_assert_int_eq(add(TIED("D", 4, 4, "waitlist"), 4), 0);
    ck_assert_int_eq(add(OK("E", 5, "5", "reject", "0.8"), 5), 0);
    assay_report_finish(&r);
    const assay_report_tie *t = &r.tiers[0].tie;
    ck_assert_str_eq(t->tier, "gold");
    ck_assert_double_eq(t->score, 0.8);
    ck_assert_uint_eq(t->seated, 1);
    ck_assert_uint_eq(t->unseated, 2);
    ck_assert_str_eq(t->settled_by, "smaller id");
    /* E has 0.8 too, but did not reach gold: not in the tie. */
    const int tied[] = {0, 1, 1, 1, 0};
    for (size_t i = 0; i < 5; i++)
        ck_assert_int_eq(r.entries[i].tie_tier != NULL, tied[i]);
    ck_assert_uint_eq(r.warning_count, 0);
    assay_report_detail d;
    ck_assert_int_eq(assay_report_detail_read(&r, 2, &d, err, sizeof err), 0);
    ck_assert_str_eq(d.tie.tier, "gold");
    ck_assert_uint_eq(d.tie.unseated, 2);
    assay_report_detail_free(&d);
}
END_TEST

START_TEST(a_summary_and_records_that_disagree_on_a_tie_are_warned_of)
{
    char s[256];
    snprintf(s, sizeof s, "%s}]}", gold_summary_head);
    ck_assert_int_eq(summary(s), 0);
    ck_assert_int_eq(add(TIED("B", 2, 1, "gold"), 1), 0);
    ck_assert_int_eq(add(TIED("C", 3, 2, "gold"), 2), 0);
    assay_report_finish(&r);
    ck_assert_uint_eq(r.warning_count, 1);
    ck_assert_str_eq(r.warnings[0], "the decision records mark a tie at the "
                                    "cut-off of tier \"gold\", the summary "
                                    "none");
    assay_report_free(&r);
    snprintf(s, sizeof s, "%s,\"tie\":{\"seated\":2,\"unseated\":1,"
                          "\"settled_by\":\"input order\"}}]}",
             gold_summary_head);
    ck_assert_int_eq(summary(s), 0);
    ck_assert_int_eq(add(OK("A", 1, "1", "gold", "0.9"), 1), 0);
    ck_assert_int_eq(add(OK("B", 2, "2", "gold", "0.8"), 2), 0);
    assay_report_finish(&r);
    ck_assert_uint_eq(r.warning_count, 1);
    ck_assert_str_eq(r.warnings[0], "the summary says tier \"gold\" had a "
                                    "tie at its cut-off (2 seated, 1 without "
                                    "a seat, settled by input order), the "
                                    "decision records mark none");
}
END_TEST

START_TEST(a_malformed_tie_says_where)
{
    ck_assert_int_ne(add("{\"id\":\"A\",\"line\":1,\"status\":\"ok\","
                         "\"decision\":\"gold\",\"tie\":{\"tier\":\"gold\","
                         "\"seated\":1.5,\"settled_by\":\"smaller id\"}}",
                         7),
                     0);
    ck_assert_str_eq(err, "d.jsonl:7: tie.seated must be a whole number, "
                          "found 1.5");
    ck_assert_int_ne(add("{\"id\":\"A\",\"line\":1,\"status\":\"ok\","
                         "\"decision\":\"gold\",\"tie\":{\"tier\":\"gold\"}}",
                         8),
                     0);
    ck_assert_str_eq(err, "d.jsonl:8: tie.settled_by is missing; a string is "
                          "expected");
    ck_assert_int_ne(summary("{\"tiers\":[{\"name\":\"a\",\"capacity\":1,"
                             "\"used\":0,\"tie\":[]}]}"),
                     0);
    ck_assert_str_eq(err, "s.json: tiers[0].tie must be an object, found an "
                          "array");
}
END_TEST

START_TEST(an_override_keeps_assay_s_decision_beside_the_committee_s)
{
    ck_assert_int_eq(add("{\"id\":\"E\",\"line\":1,\"status\":\"ok\","
                         "\"rank\":2,\"decision\":\"gold\",\"override\":{"
                         "\"decision\":\"gold\",\"reason\":\"fit\",\"who\":"
                         "\"Li\",\"when\":\"2026-05-04\",\"displaced\":\"B\","
                         "\"assay\":{\"decision\":\"waitlist\",\"why\":\"W.\"}}}",
                         1),
                     0);
    ck_assert_int_eq(add("{\"id\":\"A\",\"line\":2,\"status\":\"ok\","
                         "\"rank\":1,\"decision\":\"review\",\"override\":{"
                         "\"decision\":\"review\",\"assay\":{\"decision\":"
                         "\"gold\"}}}",
                         2),
                     0);
    ck_assert_int_eq(add("{\"id\":\"B\",\"line\":3,\"status\":\"ok\","
                         "\"rank\":3,\"decision\":\"waitlist\","
                         "\"displaced_by\":{\"id\":\"E\",\"decision\":"
                         "\"gold\",\"assay\":{\"decision\":\"gold\"}}}",
                         3),
                     0);
    assay_report_finish(&r);
    ck_assert_str_eq(r.entries[0].assay_decision, "gold");
    ck_assert_ptr_eq(r.entries[0].held_by, assay_report_held_by_committee);
    ck_assert_str_eq(r.entries[1].assay_decision, "waitlist");
    ck_assert_str_eq(r.entries[2].assay_decision, "gold");
    assay_report_detail d;
    ck_assert_int_eq(assay_report_detail_read(&r, 1, &d, err, sizeof err), 0);
    ck_assert_int_eq(d.overridden, 1);
    ck_assert_str_eq(d.committee.displaced, "B");
    ck_assert_str_eq(d.committee.assay_why, "W.");
    assay_report_detail_free(&d);
    ck_assert_int_eq(assay_report_detail_read(&r, 2, &d, err, sizeof err), 0);
    ck_assert_int_eq(d.displaced, 1);
    ck_assert_str_eq(d.committee.displacer, "E");
    assay_report_detail_free(&d);
    ck_assert_int_ne(add("{\"id\":\"X\",\"line\":4,\"status\":\"ok\","
                         "\"decision\":\"gold\",\"override\":{\"reason\":"
                         "\"x\"}}",
                         9),
                     0);
    ck_assert_str_eq(err, "d.jsonl:9: override.decision is missing; a "
                          "string is expected");
}
END_TEST

START_TEST(requests_join_from_the_input)
{
    ck_assert_int_eq(add(OK("A", 1, "1", "gold", "0.9"), 1), 0);
    ck_assert_int_eq(add(OK("B", 2, "2", "gold", "0.8"), 2), 0);
    const char *in = "{\"id\":\"A\",\"requests\":[\"office\",\"funding\"]}\n"
                     "{\"id\":\"B\",\"name\":\"Bee\"}\n";
    FILE *f = fmemopen((void *)in, strlen(in), "r");
    ck_assert_int_eq(assay_report_read_names(&r, f, "apps", NULL, err, sizeof err),
                     0);
    fclose(f);
    assay_report_finish(&r);
    ck_assert_str_eq(r.entries[0].requests, "office, funding");
    ck_assert_ptr_null(r.entries[1].requests);
    ck_assert_str_eq(r.entries[1].name, "Bee");
}
END_TEST

/* ---- Facts the rules used ------------------------------------------- */

static const char facts_manifest[] =
    "{\"plugins\":[{\"name\":\"p\",\"rules\":["
    "{\"id\":\"r.b\",\"domain\":\"d\",\"inputs\":[{\"path\":\"team.size\","
    "\"type\":\"number\",\"description\":null},{\"path\":\"tech.1\","
    "\"type\":\"string\",\"description\":\"the first\"}]},"
    "{\"id\":\"r.a\",\"domain\":\"d\",\"inputs\":[{\"path\":\"team.size\","
    "\"type\":\"number\",\"description\":\"people\"},{\"path\":\"bad..path\","
    "\"type\":\"number\"}]},"
    "{\"id\":\"r.none\",\"domain\":\"d\",\"inputs\":null}]}]}";

static int manifest(const char *json)
{
    return assay_report_set_manifest(&r, json, strlen(json), "m.json", err,
                                     sizeof err);
}

START_TEST(facts_are_the_declared_fields_once_sorted_by_path)
{
    ck_assert_int_eq(manifest(facts_manifest), 0);
    const assay_report_facts *f = &r.facts;
    ck_assert_int_eq(f->declared, 1);
    ck_assert_uint_eq(f->field_count, 2); /* bad..path left out */
    ck_assert_str_eq(f->fields[0].path.text, "team.size");
    ck_assert_str_eq(f->fields[0].description, "people"); /* first words */
    ck_assert_str_eq(f->fields[1].path.text, "tech.1");
    ck_assert_uint_eq(f->rule_count, 3);
    const assay_report_rule_inputs *b = assay_report_facts_rule(f, "r.b");
    ck_assert_uint_eq(b->field_count, 2);
    ck_assert_uint_eq(b->fields[0], 0);
    ck_assert_uint_eq(b->fields[1], 1);
    ck_assert_uint_eq(assay_report_facts_rule(f, "r.a")->field_count, 1);
    ck_assert_uint_eq(assay_report_facts_rule(f, "r.none")->field_count, 0);
    ck_assert_ptr_null(assay_report_facts_rule(f, "r.other"));
}
END_TEST

START_TEST(a_manifest_without_rules_declares_no_facts)
{
    ck_assert_int_eq(manifest("{\"plugins\":[{\"name\":\"p\"}]}"), 0);
    ck_assert_int_eq(r.facts.declared, 0);
    ck_assert_uint_eq(r.facts.field_count, 0);
}
END_TEST

START_TEST(facts_extract_values_as_shown_and_cut_long_ones)
{
    ck_assert_int_eq(
        manifest("{\"plugins\":[{\"rules\":[{\"id\":\"r\",\"inputs\":["
                 "{\"path\":\"a.n\",\"type\":\"number\"},"
                 "{\"path\":\"a.t\",\"type\":\"boolean\"},"
                 "{\"path\":\"l\",\"type\":\"array\"},"
                 "{\"path\":\"l.2\",\"type\":\"any\"},"
                 "{\"path\":\"long\",\"type\":\"string\"},"
                 "{\"path\":\"nil\",\"type\":\"string\"},"
                 "{\"path\":\"s\",\"type\":\"string\"},"
                 "{\"path\":\"z\",\"type\":\"string\"}]}]}]}"),
        0);
    char long_text[260];
    memset(long_text, 'w', 250);
    long_text[250] = '\0';
    char json[512];
    snprintf(json, sizeof json,
             "{\"a\":{\"n\":1.5e3,\"t\":false},\"l\":[1,{\"k\":\"<v>\"}],"
             "\"long\":\"%s\",\"nil\":null,\"s\":\"a&b\"}",
             long_text);
    cJSON *rec = cJSON_Parse(json);
    assay_report_facts_extract(&r.facts, rec, &b);
    cJSON_Delete(rec);
    char want[512];
    snprintf(want, sizeof want,
             "[\"1500\",\"false\",\"[1,{\\\"k\\\":\\\"<v>\\\"}]\","
             "\"{\\\"k\\\":\\\"<v>\\\"}\",[\"%.200s\",250],null,\"a&b\",null]",
             long_text);
    ck_assert_str_eq(assay_buffer_cstr(&b), want);
    cJSON *values = cJSON_Parse(assay_buffer_cstr(&b));
    assay_report_fact facts[8];
    ck_assert_int_eq(assay_report_facts_values(&r.facts, values, facts), 0);
    ck_assert_str_eq(facts[0].text, "1500");
    ck_assert_uint_eq(facts[0].chars, 0);
    ck_assert_uint_eq(strlen(facts[4].text), 200);
    ck_assert_uint_eq(facts[4].chars, 250);
    ck_assert_ptr_null(facts[5].text);
    ck_assert_ptr_null(facts[7].text);
    cJSON_Delete(values);
    values = cJSON_Parse("[1]");
    ck_assert_int_eq(assay_report_facts_values(&r.facts, values, facts), 1);
    cJSON_Delete(values);
}
END_TEST

START_TEST(facts_are_read_back_with_the_details_of_an_application)
{
    ck_assert_int_eq(manifest(facts_manifest), 0);
    ck_assert_int_eq(add(OK("A", 1, "1", "gold", "0.9"), 1), 0);
    ck_assert_int_eq(add(OK("B", 2, "2", "gold", "0.8"), 2), 0);
    const char *in = "{\"id\":\"A\",\"team\":{\"size\":4},\"tech\":[\"5G\"]}\n"
                     "{\"id\":\"A\",\"team\":{\"size\":9}}\n";
    FILE *f = fmemopen((void *)in, strlen(in), "r");
    ck_assert_int_eq(
        assay_report_read_names(&r, f, "apps", NULL, err, sizeof err), 0);
    fclose(f);
    assay_report_finish(&r);
    assay_report_detail d;
    ck_assert_int_eq(assay_report_detail_read(&r, 0, &d, err, sizeof err), 0);
    ck_assert_str_eq(d.facts[0].text, "4"); /* the first record of an id */
    ck_assert_str_eq(d.facts[1].text, "5G");
    assay_report_detail_free(&d);
    ck_assert_int_eq(assay_report_detail_read(&r, 1, &d, err, sizeof err), 0);
    ck_assert_ptr_null(d.facts); /* B is not in the input */
    assay_report_detail_free(&d);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("report");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, html_escapes_markup_characters);
    tcase_add_test(tc, html_keeps_text_and_valid_utf8_as_is);
    tcase_add_test(tc, html_replaces_controls_and_invalid_utf8);
    tcase_add_test(tc, html_null_is_nothing);
    tcase_add_test(tc, html_name_breaks_after_each_underscore_inside_it);
    tcase_add_test(tc, html_name_adds_no_break_after_a_final_underscore);
    tcase_add_test(tc, html_name_escapes_markup_on_both_sides_of_a_break);
    tcase_add_test(tc,
                   html_name_keeps_a_plain_word_and_empty_or_null_is_nothing);
    tcase_add_test(tc, csv_plain_text_is_bare);
    tcase_add_test(tc, csv_quotes_commas_quotes_and_line_breaks);
    tcase_add_test(tc, csv_neutralises_formulas);
    tcase_add_test(tc, csv_replaces_invalid_utf8);
    tcase_add_test(tc, csv_file_has_bom_header_rows_and_crlf);
    tcase_add_test(tc, bins_split_scores_at_their_printed_decimals);
    tcase_add_test(tc, bins_put_one_and_beyond_in_the_end_bins);
    tcase_add_test(tc, entries_are_put_in_rank_order_then_errors_by_line);
    tcase_add_test(tc,
                   decisions_list_tiers_then_waitlist_review_reject_then_others);
    tcase_add_test(tc, ordinals_share_ties_and_skip_absent_values);
    tcase_add_test(tc, names_join_by_id_and_unknown_ids_are_counted);
    tcase_add_test(tc, many_names_survive_the_table_growing);
    tcase_add_test(tc, bad_decision_records_say_where_and_what);
    tcase_add_test(tc, bad_summaries_say_what);
    tcase_add_test(tc, a_cut_off_binds_only_where_the_tier_filled);
    tcase_add_test(tc, borderline_is_the_last_seats_and_the_scored_just_below);
    tcase_add_test(tc, shown_in_full_are_seats_borderline_held_and_the_top);
    tcase_add_test(tc, the_top_in_rank_order_is_shown_whatever_its_decision);
    tcase_add_test(tc, details_are_read_back_and_flags_group_the_held);
    tcase_add_test(tc, requests_join_from_the_input);
    tcase_add_test(tc, a_tie_is_the_one_the_decision_records_mark);
    tcase_add_test(tc, a_summary_and_records_that_disagree_on_a_tie_are_warned_of);
    tcase_add_test(tc, a_malformed_tie_says_where);
    tcase_add_test(tc, an_override_keeps_assay_s_decision_beside_the_committee_s);
    tcase_add_test(tc, facts_are_the_declared_fields_once_sorted_by_path);
    tcase_add_test(tc, a_manifest_without_rules_declares_no_facts);
    tcase_add_test(tc, facts_extract_values_as_shown_and_cut_long_ones);
    tcase_add_test(tc, facts_are_read_back_with_the_details_of_an_application);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
