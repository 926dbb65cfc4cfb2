/* The id -> text map used to join files by id. */
#include <stdio.h>

#include "test_support.h"
#include "util/string_map.h"

START_TEST(first_value_stays_and_misses_are_misses)
{
    assay_string_map m;
    assay_string_map_init(&m);
    const char *v = "unset";
    ck_assert_int_eq(assay_string_map_get(&m, "a", &v), 0);
    ck_assert_int_eq(assay_string_map_put(&m, "a", "first"), 1);
    ck_assert_int_eq(assay_string_map_put(&m, "a", "second"), 0);
    ck_assert_int_eq(assay_string_map_put(&m, "b", NULL), 1);
    ck_assert_int_eq(assay_string_map_get(&m, "a", &v), 1);
    ck_assert_str_eq(v, "first");
    ck_assert_int_eq(assay_string_map_get(&m, "b", &v), 1);
    ck_assert_ptr_null(v);
    ck_assert_int_eq(assay_string_map_get(&m, "", &v), 0);
    ck_assert_uint_eq(m.count, 2);
    assay_string_map_free(&m);
}
END_TEST

START_TEST(grows_past_many_keys)
{
    assay_string_map m;
    assay_string_map_init(&m);
    char key[32], value[32];
    for (int i = 0; i < 20000; i++) {
        snprintf(key, sizeof key, "id-%d", i);
        snprintf(value, sizeof value, "v%d", i * 7);
        ck_assert_int_eq(assay_string_map_put(&m, key, value), 1);
    }
    ck_assert_uint_eq(m.count, 20000);
    for (int i = 0; i < 20000; i += 997) {
        const char *v;
        snprintf(key, sizeof key, "id-%d", i);
        snprintf(value, sizeof value, "v%d", i * 7);
        ck_assert_int_eq(assay_string_map_get(&m, key, &v), 1);
        ck_assert_str_eq(v, value);
    }
    assay_string_map_free(&m);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("string_map");
    TCase *tc = tcase_create("string_map");
    tcase_add_test(tc, first_value_stays_and_misses_are_misses);
    tcase_add_test(tc, grows_past_many_keys);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
