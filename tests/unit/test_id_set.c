/* The ids of a run: the first line of each id is kept and given back for
 * every later copy; ids are read from output records as written. */
#include <stdio.h>
#include <string.h>

#include "engine/id_set.h"
#include "test_support.h"

START_TEST(a_new_id_is_added_and_a_copy_names_the_first_line)
{
    assay_id_set s;
    assay_id_set_init(&s);
    ck_assert_uint_eq(assay_id_set_add(&s, "A", 1, 3), 0);
    ck_assert_uint_eq(assay_id_set_add(&s, "B", 1, 4), 0);
    ck_assert_uint_eq(assay_id_set_add(&s, "A", 1, 9), 3);
    ck_assert_uint_eq(assay_id_set_add(&s, "A", 1, 12), 3);
    ck_assert_uint_eq(s.count, 2);
    assay_id_set_free(&s);
}
END_TEST

START_TEST(ids_that_share_a_prefix_or_bytes_differ)
{
    assay_id_set s;
    assay_id_set_init(&s);
    ck_assert_uint_eq(assay_id_set_add(&s, "AB", 2, 1), 0);
    ck_assert_uint_eq(assay_id_set_add(&s, "A", 1, 2), 0);
    ck_assert_uint_eq(assay_id_set_add(&s, "ABC", 3, 3), 0);
    ck_assert_uint_eq(assay_id_set_add(&s, "BA", 2, 4), 0);
    ck_assert_uint_eq(assay_id_set_add(&s, "", 0, 5), 0);
    ck_assert_uint_eq(assay_id_set_add(&s, "", 0, 6), 5);
    ck_assert_uint_eq(assay_id_set_add(&s, "ABC", 3, 7), 3);
    assay_id_set_free(&s);
}
END_TEST

/* 100,000 ids grow the table many times; every one is still found. */
START_TEST(every_id_is_kept_when_the_table_grows)
{
    assay_id_set s;
    assay_id_set_init(&s);
    char id[32];
    for (size_t i = 1; i <= 100000; i++) {
        int n = snprintf(id, sizeof id, "APP-%zu", i);
        ck_assert_uint_eq(assay_id_set_add(&s, id, (size_t)n, i), 0);
    }
    for (size_t i = 1; i <= 100000; i++) {
        int n = snprintf(id, sizeof id, "APP-%zu", i);
        ck_assert_uint_eq(assay_id_set_add(&s, id, (size_t)n, i + 100000), i);
    }
    ck_assert_uint_eq(s.count, 100000);
    ck_assert_uint_le(s.count * 4, s.slot_count * 3);
    assay_id_set_free(&s);
}
END_TEST

static void expect_id(const char *record, const char *want)
{
    const char *id = NULL;
    size_t len = 0;
    int found = assay_output_record_id(record, strlen(record), &id, &len);
    if (!want) {
        ck_assert_int_eq(found, 0);
        return;
    }
    ck_assert_int_eq(found, 1);
    ck_assert_uint_eq(len, strlen(want));
    ck_assert_int_eq(memcmp(id, want, len), 0);
}

START_TEST(the_id_of_an_output_record_is_its_escaped_text)
{
    expect_id("{\"id\":\"APP-1\",\"line\":1,\"status\":\"ok\"}", "APP-1");
    expect_id("{\"id\":\"a\\\"b\\\\\",\"line\":2}", "a\\\"b\\\\");
    expect_id("{\"id\":\"\",\"line\":2}", "");
    expect_id("{\"line\":3,\"part\":0,\"status\":\"error\"}", NULL);
    expect_id("{\"id\":\"unterminated\\\"", NULL);
    expect_id("{\"id\":", NULL);
    expect_id("", NULL);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("id_set");
    TCase *tc = tcase_create("id_set");
    tcase_add_test(tc, a_new_id_is_added_and_a_copy_names_the_first_line);
    tcase_add_test(tc, ids_that_share_a_prefix_or_bytes_differ);
    tcase_add_test(tc, every_id_is_kept_when_the_table_grows);
    tcase_add_test(tc, the_id_of_an_output_record_is_its_escaped_text);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
