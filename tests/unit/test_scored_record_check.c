/* A scored record checked against its documented format before assay
 * decide uses it: each way of breaking the format, with the exact words
 * that say so, and the records assay score writes passing. */
#include <stdio.h>
#include <string.h>

#include "decide/scored_record_check.h"
#include "test_support.h"

/* A scored record as assay score writes it, with one finding, one error
 * finding and one flag; tests edit its text. */
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

static assay_scored_head head;
static char what[512];
static char fingerprint[32]; /* head's, kept past the tree */

/* Checks text; returns "" when it passes, else the message. */
static const char *check(const char *text)
{
    cJSON *root = cJSON_Parse(text);
    ck_assert_ptr_nonnull(root);
    what[0] = '\0';
    int rc = assay_scored_record_check(root, text, strlen(text), &head, what,
                                       sizeof what);
    if (head.fingerprint)
        snprintf(fingerprint, sizeof fingerprint, "%s", head.fingerprint);
    else
        fingerprint[0] = '\0';
    cJSON_Delete(root);
    ck_assert_int_eq(rc != 0, what[0] != '\0');
    return what;
}

/* good with the first occurrence of from replaced by to. */
static const char *edited(const char *from, const char *to)
{
    static char text[2048];
    const char *at = strstr(good, from);
    ck_assert_ptr_nonnull(at);
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - good), good, to,
             at + strlen(from));
    return text;
}

static const char *check_edited(const char *from, const char *to)
{
    return check(edited(from, to));
}

START_TEST(a_record_assay_score_writes_passes_with_its_key)
{
    ck_assert_str_eq(check(good), "");
    ck_assert_uint_eq(head.line, 12);
    ck_assert_uint_eq(head.part, 3);
    ck_assert_int_eq(head.ok, 1);
    ck_assert_str_eq(fingerprint, "0123456789abcdef");
    ck_assert_str_eq(check_edited(",\"fingerprint\":\"0123456789abcdef\"",
                                  ""),
                     "");
    ck_assert_str_eq(fingerprint, "");
}
END_TEST

START_TEST(an_error_record_needs_its_key_and_message_only)
{
    ck_assert_str_eq(check("{\"line\":7,\"part\":0,\"status\":\"error\","
                           "\"error\":\"line 7: malformed JSON\"}"),
                     "");
    ck_assert_int_eq(head.ok, 0);
    ck_assert_uint_eq(head.line, 7);
    ck_assert_str_eq(check("{\"id\":\"B\",\"line\":7,\"part\":0,\"status\":"
                           "\"error\",\"error\":\"x\"}"),
                     "");
    ck_assert_str_eq(check("{\"id\":5,\"line\":7,\"part\":0,\"status\":"
                           "\"error\",\"error\":\"x\"}"),
                     "\"id\" is a number, not a string");
    ck_assert_str_eq(check("{\"line\":7,\"part\":0,\"status\":\"error\"}"),
                     "\"error\" is missing");
}
END_TEST

START_TEST(scores_outside_zero_to_one_or_not_finite_are_refused)
{
    ck_assert_str_eq(check_edited("\"connectivity\":0.5", "\"connectivity\":5"),
                     "\"domains\".\"connectivity\" is 5, outside [0, 1]");
    ck_assert_str_eq(check_edited("\"connectivity\":0.5",
                                  "\"connectivity\":-0.5"),
                     "\"domains\".\"connectivity\" is -0.5, outside [0, 1]");
    ck_assert_str_eq(check_edited("\"connectivity\":0.5",
                                  "\"connectivity\":1e305"),
                     "\"domains\".\"connectivity\" is 1e+305, outside [0, 1]");
    ck_assert_str_eq(check_edited("\"connectivity\":0.5",
                                  "\"connectivity\":1e400"),
                     "\"domains\".\"connectivity\" is not a finite number");
    ck_assert_str_eq(check_edited("\"score\":0.5", "\"score\":1.5"),
                     "\"findings\"[0].\"score\" is 1.5, outside [0, 1]");
    ck_assert_str_eq(check_edited("\"weight\":2", "\"weight\":2e6"),
                     "\"findings\"[0].\"weight\" is 2e+06, outside [0, "
                     "1e+06]");
}
END_TEST

START_TEST(fields_of_the_wrong_type_are_refused)
{
    ck_assert_str_eq(check_edited("\"connectivity\":0.5",
                                  "\"connectivity\":\"0.5\""),
                     "\"domains\".\"connectivity\" is a string, not a number");
    ck_assert_str_eq(check_edited("\"vetoes\":[]", "\"vetoes\":\"veto\""),
                     "\"vetoes\" is a string, not an array");
    ck_assert_str_eq(check_edited("\"flags\":[{", "\"flags\":[7,{"),
                     "\"flags\"[0] is a number, not an object");
    ck_assert_str_eq(check_edited("\"requests\":[\"office\"]",
                                  "\"requests\":[true]"),
                     "\"requests\"[0] is a boolean, not a string");
    ck_assert_str_eq(check_edited("\"domains\":{", "\"domains\":[],\"x\":{"),
                     "\"domains\" is an array, not an object");
    ck_assert_str_eq(check_edited("\"id\":\"APP-1\"", "\"id\":null"),
                     "\"id\" is null, not a string");
    ck_assert_str_eq(check_edited("\"id\":\"APP-1\"", "\"id\":\"\""),
                     "\"id\" is empty");
    ck_assert_str_eq(check_edited("\"reason\":\"r\"", "\"reason\":null"),
                     "\"findings\"[0].\"reason\" is null, not a string");
    ck_assert_str_eq(check_edited("\"status\":\"ok\"", "\"status\":\"fine\""),
                     "\"status\" is neither \"ok\" nor \"error\"");
    ck_assert_str_eq(check_edited("\"fingerprint\":\"0123456789abcdef\"",
                                  "\"fingerprint\":\"0123456789ABCDEF\""),
                     "\"fingerprint\" is not 16 lower-case hex digits");
}
END_TEST

START_TEST(documented_members_missing_are_refused)
{
    ck_assert_str_eq(check_edited("\"vetoes\":[],", ""),
                     "\"vetoes\" is missing");
    ck_assert_str_eq(check_edited("\"weight\":2,", ""),
                     "\"findings\"[0].\"weight\" is missing");
    ck_assert_str_eq(check_edited("\"line\":12,", ""), "\"line\" is missing");
}
END_TEST

START_TEST(findings_vetoes_and_flags_hold_only_what_assay_score_writes)
{
    ck_assert_str_eq(check_edited("{\"rule\":\"conn.latency\"",
                                  "{\"x\":1,\"rule\":\"conn.latency\""),
                     "\"findings\"[0].\"x\" is not a member assay score "
                     "writes there");
    ck_assert_str_eq(check_edited("\"error\":\"e\"",
                                  "\"error\":\"e\",\"score\":1"),
                     "\"findings\"[1] has both \"error\" and \"score\"");
    /* A key that would end the line in a writer that did not escape it is
     * named escaped. */
    ck_assert_str_eq(check_edited("\"reason\":\"look\"",
                                  "\"reason\":\"look\",\"a\\\"}\\n{\":1"),
                     "\"flags\"[0].\"a\\\"}\\n{\" is not a member assay "
                     "score writes there");
    /* Members of the record itself that the format does not name are
     * not read, and pass. */
    ck_assert_str_eq(check_edited("\"status\"", "\"note\":{},\"status\""), "");
}
END_TEST

START_TEST(a_key_given_twice_anywhere_is_refused)
{
    ck_assert_str_eq(check_edited("\"line\":12,", "\"line\":12,\"line\":13,"),
                     "the key \"line\" is given twice");
    ck_assert_str_eq(check_edited("\"business\":1",
                                  "\"business\":1,\"business\":0"),
                     "the key \"business\" is given twice in \"domains\"");
    ck_assert_str_eq(check_edited("\"weight\":2", "\"weight\":2,\"weight\":1"),
                     "the key \"weight\" is given twice in \"findings\"[0]");
    ck_assert_str_eq(check_edited("\"status\"",
                                  "\"note\":{\"a\":1,\"a\":2},\"status\""),
                     "the key \"a\" is given twice in \"note\"");
}
END_TEST

START_TEST(a_key_given_twice_among_many_is_refused)
{
    char text[4096] = "{\"line\":1,\"part\":0,\"status\":\"error\","
                      "\"error\":\"x\",\"note\":{";
    for (int i = 0; i < 40; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text),
                 "\"k%d\":%d,", i, i);
    strcat(text, "\"k17\":0}}");
    ck_assert_str_eq(check(text), "the key \"k17\" is given twice in \"note\"");
    text[strlen(text) - 9] = '\0';
    strcat(text, "\"k40\":0}}");
    ck_assert_str_eq(check(text), "");
}
END_TEST

START_TEST(a_nul_in_any_string_is_refused_with_its_column)
{
    ck_assert_str_eq(check_edited("\"id\":\"APP-1\"", "\"id\":\"A\\u0000B\""),
                     "a string holds a NUL character at column 9 (JSON "
                     "readers cut the string there)");
    ck_assert_str_eq(check_edited("\"office\"", "\"office\\u0000junk\""),
                     "a string holds a NUL character at column 138 (JSON "
                     "readers cut the string there)");
    /* An escaped backslash before u0000 is text, not a NUL. */
    ck_assert_str_eq(check_edited("\"reason\":\"r\"",
                                  "\"reason\":\"\\\\u0000\""),
                     "");
    /* After an escaped backslash, a third one starts the escape. */
    ck_assert_str_eq(check_edited("\"id\":\"APP-1\"",
                                  "\"id\":\"A\\\\\\u0000\""),
                     "a string holds a NUL character at column 11 (JSON "
                     "readers cut the string there)");
}
END_TEST

START_TEST(line_and_part_must_be_whole_numbers_decide_holds_exactly)
{
    ck_assert_str_eq(check_edited("\"line\":12", "\"line\":18446744073709551616"),
                     "\"line\" is 1.844674407370955e+19, not a whole number "
                     "from 1 to 2^53");
    ck_assert_str_eq(check_edited("\"part\":3", "\"part\":1e300"),
                     "\"part\" is 1e+300, not a whole number from 0 to 2^53");
    ck_assert_str_eq(check_edited("\"part\":3", "\"part\":1.5"),
                     "\"part\" is 1.5, not a whole number from 0 to 2^53");
    ck_assert_str_eq(check_edited("\"part\":3", "\"part\":-1"),
                     "\"part\" is -1, not a whole number from 0 to 2^53");
    ck_assert_str_eq(check_edited("\"line\":12", "\"line\":0"),
                     "\"line\" is 0, not a whole number from 1 to 2^53");
    ck_assert_str_eq(check_edited("\"line\":12", "\"line\":\"12\""),
                     "\"line\" is a string, not a number");
    ck_assert_str_eq(check_edited("\"part\":3", "\"part\":9007199254740992"),
                     "");
    ck_assert_uint_eq(head.part, 9007199254740992u);
    ck_assert_str_eq(check_edited("\"part\":3", "\"part\":9007199254740994"),
                     "\"part\" is 9007199254740994, not a whole number from "
                     "0 to 2^53");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("scored_record_check");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, a_record_assay_score_writes_passes_with_its_key);
    tcase_add_test(tc, an_error_record_needs_its_key_and_message_only);
    tcase_add_test(tc, scores_outside_zero_to_one_or_not_finite_are_refused);
    tcase_add_test(tc, fields_of_the_wrong_type_are_refused);
    tcase_add_test(tc, documented_members_missing_are_refused);
    tcase_add_test(tc,
                   findings_vetoes_and_flags_hold_only_what_assay_score_writes);
    tcase_add_test(tc, a_key_given_twice_anywhere_is_refused);
    tcase_add_test(tc, a_key_given_twice_among_many_is_refused);
    tcase_add_test(tc, a_nul_in_any_string_is_refused_with_its_column);
    tcase_add_test(tc,
                   line_and_part_must_be_whole_numbers_decide_holds_exactly);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
