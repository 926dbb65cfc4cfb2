/* "Did you mean": edit distances and the nearest known name. */
#include "util/near_miss.h"
#include "test_support.h"

START_TEST(distance_counts_edits_and_neighbour_swaps_as_one)
{
    ck_assert_uint_eq(assay_edit_distance("founded", "founded", 3), 0);
    ck_assert_uint_eq(assay_edit_distance("foundd", "founded", 3), 1);
    ck_assert_uint_eq(assay_edit_distance("fuonded", "founded", 3), 1);
    ck_assert_uint_eq(assay_edit_distance("kitten", "sitting", 3), 3);
    ck_assert_uint_eq(assay_edit_distance("", "abc", 3), 3);
}
END_TEST

START_TEST(distance_stops_past_the_limit)
{
    ck_assert_uint_eq(assay_edit_distance("kitten", "sitting", 2), 3);
    ck_assert_uint_eq(assay_edit_distance("a", "abcdefgh", 2), 3);
}
END_TEST

START_TEST(near_miss_finds_the_closest_within_a_third_of_the_length)
{
    const char *names[] = {"ai", "connectivity", "autonomous_driving"};
    ck_assert_str_eq(assay_near_miss("autonomus_driving", names, 3),
                     "autonomous_driving");
    ck_assert_str_eq(assay_near_miss("conectivity", names, 3),
                     "connectivity");
    ck_assert_ptr_null(assay_near_miss("cloud", names, 3));
    ck_assert_ptr_null(assay_near_miss("x", names, 0));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("near_miss");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, distance_counts_edits_and_neighbour_swaps_as_one);
    tcase_add_test(tc, distance_stops_past_the_limit);
    tcase_add_test(tc, near_miss_finds_the_closest_within_a_third_of_the_length);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
