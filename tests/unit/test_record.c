/* The record model: parsing, dotted paths, typed access. */
#include <string.h>

#include "engine/record.h"
#include "test_support.h"

static assay_record rec;
static char err[512];

static int parse(const char *json)
{
    return assay_record_parse(&rec, json, strlen(json), 7, err, sizeof err);
}

static void teardown(void)
{
    assay_record_free(&rec);
}

START_TEST(parses_object_with_id)
{
    ck_assert_int_eq(parse("{\"id\":\"A-1\",\"team\":{\"size\":4}}"), 0);
    ck_assert_str_eq(rec.id, "A-1");
    ck_assert_uint_eq(rec.line, 7);
}
END_TEST

START_TEST(rejects_malformed_json_with_line_and_column)
{
    ck_assert_int_ne(parse("{\"id\":\"A-1\",}"), 0);
    ck_assert_str_eq(err, "line 7: malformed JSON near column 13; each line "
                          "must be one complete JSON object");
}
END_TEST

START_TEST(rejects_missing_id)
{
    ck_assert_int_ne(parse("{\"name\":\"x\"}"), 0);
    ck_assert_str_eq(err,
                     "line 7: record has no \"id\"; add a unique string id");
}
END_TEST

START_TEST(rejects_non_string_id)
{
    ck_assert_int_ne(parse("{\"id\":12}"), 0);
    ck_assert_str_eq(err, "line 7: \"id\" must be a non-empty string");
}
END_TEST

START_TEST(rejects_array_record)
{
    ck_assert_int_ne(parse("[1,2]"), 0);
    ck_assert_str_eq(err, "line 7: a record must be a JSON object, found an "
                          "array");
}
END_TEST

START_TEST(rejects_trailing_text_but_keeps_id)
{
    ck_assert_int_ne(parse("{\"id\":\"A-2\"} x"), 0);
    ck_assert_str_eq(rec.id, "A-2");
    ck_assert_str_eq(err, "line 7: unexpected text after the JSON object at "
                          "column 14; put one record on each line");
}
END_TEST

START_TEST(rejects_deep_nesting_without_parsing)
{
    char json[1024] = "{\"id\":\"D\",\"x\":";
    for (int i = 0; i < 100; i++)
        strcat(json, "[");
    for (int i = 0; i < 100; i++)
        strcat(json, "]");
    strcat(json, "}");
    ck_assert_int_ne(parse(json), 0);
    ck_assert_str_eq(err, "line 7: record nested deeper than 64 levels; "
                          "flatten it");
}
END_TEST

START_TEST(reads_nested_number)
{
    double v = 0;
    parse("{\"id\":\"A\",\"autonomous_driving\":{\"sae_level\":4}}");
    ck_assert_int_eq(
        assay_record_number(rec.root, "autonomous_driving.sae_level", &v),
        ASSAY_OK);
    ck_assert_double_eq(v, 4.0);
}
END_TEST

START_TEST(missing_and_null_are_missing)
{
    double v = -1;
    parse("{\"id\":\"A\",\"team\":{\"size\":null}}");
    ck_assert_int_eq(assay_record_number(rec.root, "team.size", &v),
                     ASSAY_MISSING);
    ck_assert_int_eq(assay_record_number(rec.root, "team.phd", &v),
                     ASSAY_MISSING);
    ck_assert_int_eq(assay_record_number(rec.root, "nothing.here.at.all", &v),
                     ASSAY_MISSING);
    ck_assert_double_eq(v, -1);
}
END_TEST

START_TEST(wrong_type_is_reported_and_output_untouched)
{
    double v = -1;
    const char *s = "untouched";
    parse("{\"id\":\"A\",\"team\":{\"size\":\"twelve\"}}");
    ck_assert_int_eq(assay_record_number(rec.root, "team.size", &v),
                     ASSAY_WRONG_TYPE);
    ck_assert_int_eq(assay_record_string(rec.root, "team", &s),
                     ASSAY_WRONG_TYPE);
    ck_assert_double_eq(v, -1);
    ck_assert_str_eq(s, "untouched");
}
END_TEST

START_TEST(numeric_segment_indexes_arrays)
{
    const char *s = NULL;
    size_t n = 0;
    parse("{\"id\":\"A\",\"connectivity\":{\"tech\":[\"5G\",\"C-V2X\"]}}");
    ck_assert_int_eq(assay_record_string(rec.root, "connectivity.tech.1", &s),
                     ASSAY_OK);
    ck_assert_str_eq(s, "C-V2X");
    ck_assert_int_eq(
        assay_record_array_length(rec.root, "connectivity.tech", &n),
        ASSAY_OK);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(assay_record_string(rec.root, "connectivity.tech.2", &s),
                     ASSAY_MISSING);
}
END_TEST

START_TEST(reads_bool)
{
    int b = -1;
    parse("{\"id\":\"A\",\"connectivity\":{\"certified\":true}}");
    ck_assert_int_eq(assay_record_bool(rec.root, "connectivity.certified", &b),
                     ASSAY_OK);
    ck_assert_int_eq(b, 1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("record");
    TCase *tc = tcase_create("record");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_test(tc, parses_object_with_id);
    tcase_add_test(tc, rejects_malformed_json_with_line_and_column);
    tcase_add_test(tc, rejects_missing_id);
    tcase_add_test(tc, rejects_non_string_id);
    tcase_add_test(tc, rejects_array_record);
    tcase_add_test(tc, rejects_trailing_text_but_keeps_id);
    tcase_add_test(tc, rejects_deep_nesting_without_parsing);
    tcase_add_test(tc, reads_nested_number);
    tcase_add_test(tc, missing_and_null_are_missing);
    tcase_add_test(tc, wrong_type_is_reported_and_output_untouched);
    tcase_add_test(tc, numeric_segment_indexes_arrays);
    tcase_add_test(tc, reads_bool);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
