/* The output writer: JSON string escaping, invalid UTF-8, score formatting,
 * and whole output records. */
#include <math.h>
#include <string.h>

#include "util/buffer.h"
#include "engine/domain.h"
#include "decide/decision_output.h"
#include "engine/output.h"
#include "test_support.h"

static assay_buffer b;
static assay_result r;
static assay_domains domains;

static void setup(void)
{
    assay_buffer_init(&b);
    ts_hub_domains(&domains);
    assay_result_init(&r, &domains);
}

static void teardown(void)
{
    assay_buffer_free(&b);
    assay_result_free(&r);
    assay_domains_free(&domains);
}

static const char *string_n(const char *s, size_t n)
{
    assay_buffer_reset(&b);
    assay_json_string_n(&b, s, n);
    return assay_buffer_cstr(&b);
}

static const char *string(const char *s)
{
    return string_n(s, strlen(s));
}

static const char *score(double v)
{
    assay_buffer_reset(&b);
    assay_json_score(&b, v);
    return assay_buffer_cstr(&b);
}

/* ---- strings ---------------------------------------------------------- */

START_TEST(escapes_quotes_backslashes_and_whitespace_controls)
{
    ck_assert_str_eq(string("say \"hi\"\\\n\t\r"),
                     "\"say \\\"hi\\\"\\\\\\n\\t\\r\"");
}
END_TEST

START_TEST(escapes_other_control_characters_as_u_escapes)
{
    ck_assert_str_eq(string("a\x01" "b\x1f" "c\x7f"),
                     "\"a\\u0001b\\u001fc\x7f\"");
    ck_assert_str_eq(string_n("a\0b", 3), "\"a\\u0000b\"");
}
END_TEST

START_TEST(keeps_valid_utf8)
{
    ck_assert_str_eq(string("K\xc3\xbchlwagen \xe6\x95\xb0\xe6\x8d\xae "
                            "\xf0\x9f\x9a\x97"),
                     "\"K\xc3\xbchlwagen \xe6\x95\xb0\xe6\x8d\xae "
                     "\xf0\x9f\x9a\x97\"");
}
END_TEST

START_TEST(replaces_each_invalid_byte_with_u_fffd)
{
    /* a stray continuation byte, a byte never valid in UTF-8 */
    ck_assert_str_eq(string("a\x80" "b\xff"),
                     "\"a\xef\xbf\xbd" "b\xef\xbf\xbd\"");
    /* overlong "/" (C0 AF): both bytes invalid */
    ck_assert_str_eq(string("\xc0\xaf"), "\"\xef\xbf\xbd\xef\xbf\xbd\"");
    /* a UTF-16 surrogate encoded in UTF-8 (ED A0 80) */
    ck_assert_str_eq(string("\xed\xa0\x80"),
                     "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
}
END_TEST

START_TEST(replaces_a_sequence_cut_short_at_the_end)
{
    ck_assert_str_eq(string("x\xe6\x95"), "\"x\xef\xbf\xbd\xef\xbf\xbd\"");
}
END_TEST

START_TEST(null_string_is_json_null)
{
    assay_json_string(&b, NULL);
    ck_assert_str_eq(assay_buffer_cstr(&b), "null");
}
END_TEST

/* ---- scores ----------------------------------------------------------- */

START_TEST(scores_print_with_at_most_four_decimals)
{
    ck_assert_str_eq(score(0.75), "0.75");
    ck_assert_str_eq(score(2.0 / 3.0), "0.6667");
    ck_assert_str_eq(score(0.12344), "0.1234");
    ck_assert_str_eq(score(1.5), "1.5");
}
END_TEST

START_TEST(whole_scores_print_without_decimals)
{
    ck_assert_str_eq(score(1), "1");
    ck_assert_str_eq(score(0), "0");
    ck_assert_str_eq(score(0.99996), "1");
    ck_assert_str_eq(score(2), "2");
}
END_TEST

START_TEST(tiny_negative_scores_print_as_zero)
{
    ck_assert_str_eq(score(-0.00001), "0");
    ck_assert_str_eq(score(-0.0), "0");
}
END_TEST

START_TEST(non_finite_scores_print_as_null)
{
    ck_assert_str_eq(score(NAN), "null");
    ck_assert_str_eq(score(INFINITY), "null");
}
END_TEST

START_TEST(keys_are_escaped_so_no_key_can_end_its_line)
{
    assay_buffer_reset(&b);
    assay_json_key(&b, "ai", 1);
    assay_json_key(&b, "z\"}]}\n{\"id\":\"FORGED\"", 0);
    ck_assert_str_eq(assay_buffer_cstr(&b),
                     "\"ai\":,\"z\\\"}]}\\n{\\\"id\\\":\\\"FORGED\\\"\":");
}
END_TEST

/* ---- records ---------------------------------------------------------- */

START_TEST(writes_a_scored_record_with_every_field_in_order)
{
    assay_result_add_finding(&r, "conn.latency", "connectivity",
                             HUB_CONNECTIVITY, 0.5, 2,
                             "100 ms \"end-to-end\"");
    assay_result_add_error(&r, "conn.certification", "connectivity",
                           HUB_CONNECTIVITY,
                           "connectivity.certified must be true or false");
    assay_result_add_finding(&r, "biz", "business", HUB_BUSINESS,
                             0.25, 1, "small team");
    assay_result_add_flag(&r, "conn.latency", "connectivity", "look");
    r.domain_scored[HUB_CONNECTIVITY] = 1;
    r.domain_score[HUB_CONNECTIVITY] = 0.5;
    r.domain_scored[HUB_BUSINESS] = 1;
    r.domain_score[HUB_BUSINESS] = 0.25;
    r.claimed[HUB_CONNECTIVITY] = 1;
    cJSON *requests = cJSON_Parse("[\"office\",3,\"training\"]");
    r.requests = requests;
    assay_output_scored(&b, "APP-1", 12, 3, "0123456789abcdef", &r);
    ck_assert_str_eq(
        assay_buffer_cstr(&b),
        "{\"id\":\"APP-1\",\"line\":12,\"part\":3,\"status\":\"ok\","
        "\"domains\":{\"connectivity\":0.5,\"business\":0.25},"
        "\"claimed\":[\"connectivity\"],\"requests\":[\"office\","
        "\"training\"],\"findings\":[{\"rule\":\"conn.latency\","
        "\"plugin\":\"connectivity\",\"domain\":\"connectivity\",\"score\":"
        "0.5,\"weight\":2,\"reason\":\"100 ms \\\"end-to-end\\\"\"},{\"rule\":"
        "\"conn.certification\",\"plugin\":\"connectivity\",\"domain\":"
        "\"connectivity\",\"error\":\"connectivity.certified must be true or "
        "false\"},{\"rule\":\"biz\",\"plugin\":\"business\",\"domain\":"
        "\"business\",\"score\":0.25,\"weight\":1,\"reason\":\"small team\"}],"
        "\"vetoes\":[],\"flags\":[{\"rule\":\"conn.latency\",\"plugin\":"
        "\"connectivity\",\"reason\":\"look\"}],\"fingerprint\":"
        "\"0123456789abcdef\"}");
    cJSON_Delete(requests);
}
END_TEST

START_TEST(writes_an_empty_scored_record_for_nothing_scored)
{
    assay_output_scored(&b, "APP-2", 3, 0, NULL, &r);
    ck_assert_str_eq(assay_buffer_cstr(&b),
                     "{\"id\":\"APP-2\",\"line\":3,\"part\":0,\"status\":"
                     "\"ok\",\"domains\":{},\"claimed\":[],\"requests\":[],"
                     "\"findings\":[],\"vetoes\":[],\"flags\":[]}");
}
END_TEST

START_TEST(writes_a_scored_error_record_with_its_part)
{
    assay_output_scored_error(&b, NULL, 7, 2, "line 7: malformed JSON");
    ck_assert_str_eq(assay_buffer_cstr(&b),
                     "{\"line\":7,\"part\":2,\"status\":\"error\",\"error\":"
                     "\"line 7: malformed JSON\"}");
}
END_TEST

START_TEST(writes_an_error_record_with_and_without_id)
{
    assay_output_error(&b, "BAD-5", 8, "line 8: trailing text");
    ck_assert_str_eq(assay_buffer_cstr(&b),
                     "{\"id\":\"BAD-5\",\"line\":8,\"status\":\"error\","
                     "\"error\":\"line 8: trailing text\"}");
    assay_buffer_reset(&b);
    assay_output_error(&b, NULL, 2, "line 2: malformed JSON");
    ck_assert_str_eq(assay_buffer_cstr(&b),
                     "{\"line\":2,\"status\":\"error\",\"error\":\"line 2: "
                     "malformed JSON\"}");
}
END_TEST

START_TEST(invalid_utf8_in_an_id_still_gives_valid_json)
{
    assay_output_error(&b, "A\xff", 1, "x");
    ck_assert_str_eq(assay_buffer_cstr(&b),
                     "{\"id\":\"A\xef\xbf\xbd\",\"line\":1,\"status\":"
                     "\"error\",\"error\":\"x\"}");
}
END_TEST

/* Strings are escaped 4 KiB at a time: a sequence or an escape that
 * straddles a block's end, and every byte an escape across blocks. */
START_TEST(long_strings_escape_the_same_across_blocks)
{
    char in[9000], want[9000 * 6 + 3];
    memset(in, 'a', sizeof in);
    memcpy(in + 4095, "\xc3\xa9", 2); /* é across the first block's end */
    in[8191] = '\n';
    memcpy(want, "\"", 1);
    memset(want + 1, 'a', sizeof in);
    memcpy(want + 1 + 4095, "\xc3\xa9", 2);
    memcpy(want + 1 + 8191, "\\n", 2);
    memset(want + 1 + 8193, 'a', sizeof in - 8192);
    memcpy(want + 1 + 8193 + sizeof in - 8192, "\"", 2);
    ck_assert_str_eq(string_n(in, sizeof in), want);

    memset(in, 1, sizeof in);
    ck_assert_uint_eq(strlen(string_n(in, sizeof in)), 6 * sizeof in + 2);
    const char *out = string_n(in, sizeof in);
    ck_assert(memcmp(out + 1 + 6 * 8999, "\\u0001\"", 7) == 0);
}
END_TEST

START_TEST(plain_keys_are_written_whole_others_escaped)
{
    assay_json_key(&b, "status", 1);
    assay_json_key(&b, "", 0);
    assay_json_key(&b, "caf\xc3\xa9", 0);
    assay_json_key(&b, "tab\there", 0);
    ck_assert_str_eq(assay_buffer_cstr(&b),
                     "\"status\":,\"\":,\"caf\xc3\xa9\":,\"tab\\there\":");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("output");
    TCase *tc = tcase_create("output");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, escapes_quotes_backslashes_and_whitespace_controls);
    tcase_add_test(tc, escapes_other_control_characters_as_u_escapes);
    tcase_add_test(tc, keeps_valid_utf8);
    tcase_add_test(tc, replaces_each_invalid_byte_with_u_fffd);
    tcase_add_test(tc, replaces_a_sequence_cut_short_at_the_end);
    tcase_add_test(tc, null_string_is_json_null);
    tcase_add_test(tc, keys_are_escaped_so_no_key_can_end_its_line);
    tcase_add_test(tc, scores_print_with_at_most_four_decimals);
    tcase_add_test(tc, whole_scores_print_without_decimals);
    tcase_add_test(tc, tiny_negative_scores_print_as_zero);
    tcase_add_test(tc, non_finite_scores_print_as_null);
    tcase_add_test(tc, writes_a_scored_record_with_every_field_in_order);
    tcase_add_test(tc, writes_an_empty_scored_record_for_nothing_scored);
    tcase_add_test(tc, writes_a_scored_error_record_with_its_part);
    tcase_add_test(tc, writes_an_error_record_with_and_without_id);
    tcase_add_test(tc, invalid_utf8_in_an_id_still_gives_valid_json);
    tcase_add_test(tc, long_strings_escape_the_same_across_blocks);
    tcase_add_test(tc, plain_keys_are_written_whole_others_escaped);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
