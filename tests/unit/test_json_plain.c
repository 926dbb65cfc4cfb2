/* The plain JSON reader: what it takes it reads as cJSON does (the
 * agreement the fuzz target json_plain holds), and what it does not take
 * it leaves to cJSON. */
#include <string.h>

#include "plain_agreement.h"
#include "util/json_plain.h"
#include "test_support.h"

/* 1: read alike by both; 0: declined. Fails the test on a disagreement. */
static int agrees(const char *text)
{
    char why[1024] = "";
    int r = plain_agreement(text, strlen(text), why, sizeof why);
    ck_assert_msg(r >= 0, "%s: %s", text, why);
    return r;
}

START_TEST(a_generated_record_is_read_as_cjson_reads_it)
{
    ck_assert_int_eq(
        agrees("{\"id\":\"GEN-00000001\",\"founded\":2023,\"domains\":[\"cloud\","
               "\"ai\"],\"team\":{\"size\":6,\"phd\":0,\"automotive_years\":5.0},"
               "\"funding\":{\"stage\":\"seed\",\"raised_musd\":0.49},"
               "\"ai\":{\"edge_deploy\":true,\"benchmarks\":{\"mAP\":0.482,"
               "\"latency_ms\":53.2}},\"none\":null,\"no\":false,\"e\":[],"
               "\"o\":{}}"),
        1);
    ck_assert_int_eq(agrees(" \t{ \"a\" : [ 1 , 2 ] }\r\n "), 1);
    ck_assert_int_eq(agrees("[1,2,3]"), 1);
    ck_assert_int_eq(agrees("\"caf\xc3\xa9\""), 1); /* UTF-8 as it is */
    ck_assert_int_eq(agrees("{\"a\":1,\"a\":2}"), 1); /* both kept */
}
END_TEST

START_TEST(numbers_are_strtod_exact_or_declined)
{
    static const char *const exact[] = {
        "0",          "-0",          "0.1",        "0.482",
        "53.2",       "1e22",        "1E-22",      "-1.5e+3",
        "123456789.125", "2147483647", "2147483648", "-2147483649",
        "9007199254740992", "0.0000000000000000000001", "4.35",
        "123456789012345e-3"};
    for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++) {
        char text[64];
        snprintf(text, sizeof text, "[%s]", exact[i]);
        ck_assert_msg(agrees(text) == 1, "%s", exact[i]);
    }
    /* Beyond one exact operation, or not JSON's grammar: cJSON's. */
    static const char *const declined[] = {
        "9007199254740993", "12345678901234567890", "1e23", "5e-324",
        "0.30000000000000004", "01", "2.", ".5", "+1", "-", "1e", "1x",
        "0.00000000000000000000001", "1234567890123456789e-3",
        "1e0000000000000000000000000000000000000001"};
    for (size_t i = 0; i < sizeof declined / sizeof declined[0]; i++) {
        char text[96];
        snprintf(text, sizeof text, "[%s]", declined[i]);
        ck_assert_msg(agrees(text) == 0, "%s", declined[i]);
    }
}
END_TEST

START_TEST(what_is_not_plain_is_left_to_cjson)
{
    ck_assert_int_eq(agrees("{\"a\":\"quote \\\" inside\"}"), 0);
    ck_assert_int_eq(agrees("{\"a\":\"\\u00e9\"}"), 0);
    ck_assert_int_eq(agrees("{\"a\":\"tab\there\"}"), 0);
    ck_assert_int_eq(agrees("\xef\xbb\xbf{\"a\":1}"), 0); /* a BOM */
    ck_assert_int_eq(agrees("\x01{\"a\":1}"), 0);
    ck_assert_int_eq(agrees("{\"a\":1} x"), 0);
    ck_assert_int_eq(agrees("{\"a\":1,}"), 0);
    ck_assert_int_eq(agrees("[1,]"), 0);
    ck_assert_int_eq(agrees("{\"a\" 1}"), 0);
    ck_assert_int_eq(agrees("{\"a\":1"), 0);
    ck_assert_int_eq(agrees("nul"), 0);
    ck_assert_int_eq(agrees(""), 0);
    ck_assert_int_eq(agrees("{\"a\":\"no end}"), 0);
}
END_TEST

START_TEST(nesting_beyond_its_depth_is_declined)
{
    char text[256] = "";
    for (int i = 0; i < ASSAY_JSON_PLAIN_DEPTH; i++)
        strcat(text, "[");
    strcat(text, "1");
    for (int i = 0; i < ASSAY_JSON_PLAIN_DEPTH; i++)
        strcat(text, "]");
    ck_assert_int_eq(agrees(text), 1);
    char deeper[260];
    snprintf(deeper, sizeof deeper, "[%s]", text);
    ck_assert_int_eq(agrees(deeper), 0);
}
END_TEST

START_TEST(the_end_is_where_cjson_leaves_it)
{
    assay_arena arena;
    assay_arena_init(&arena);
    const char *text = "{\"a\":[1,2]}  \n";
    const char *end = NULL;
    cJSON *root = assay_json_parse_plain(&arena, text, strlen(text), &end);
    ck_assert_ptr_nonnull(root);
    ck_assert_int_eq(end - text, 11);
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(root, "a");
    ck_assert_int_eq(cJSON_GetArraySize(a), 2);
    ck_assert_ptr_eq(a->child->prev, a->child->next);
    assay_arena_free(&arena);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("json_plain");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, a_generated_record_is_read_as_cjson_reads_it);
    tcase_add_test(tc, numbers_are_strtod_exact_or_declined);
    tcase_add_test(tc, what_is_not_plain_is_left_to_cjson);
    tcase_add_test(tc, nesting_beyond_its_depth_is_declined);
    tcase_add_test(tc, the_end_is_where_cjson_leaves_it);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
