/* Ids given to more than one scored record: the first in (part, line)
 * order is kept, whatever order the records were read in. */
#include <stdint.h>

#include "decide/duplicate_ids.h"
#include "test_support.h"

static assay_candidate cand(const char *id, uint64_t part, uint64_t line)
{
    assay_candidate c = {0};
    c.id = id;
    c.part = part;
    c.line = line;
    return c;
}

START_TEST(unique_ids_have_no_first_but_themselves)
{
    assay_candidate c[] = {cand("A", 0, 1), cand("B", 0, 2), cand("C", 0, 3)};
    uint32_t first[3];
    ck_assert_uint_eq(assay_duplicate_ids(c, 3, first), 0);
    for (int i = 0; i < 3; i++)
        ck_assert_uint_eq(first[i], ASSAY_FIRST_OF_ITS_ID);
}
END_TEST

START_TEST(later_records_point_at_the_first_by_key_not_by_reading_order)
{
    /* Read shard 2 first: A at part 0 line 9 comes before part 1 line 1. */
    assay_candidate c[] = {cand("A", 1, 1), cand("B", 1, 2), cand("A", 0, 9),
                           cand("A", 0, 10), cand("B", 0, 3), cand("C", 0, 4)};
    uint32_t first[6];
    ck_assert_uint_eq(assay_duplicate_ids(c, 6, first), 3);
    ck_assert_uint_eq(first[0], 2);
    ck_assert_uint_eq(first[1], 4);
    ck_assert_uint_eq(first[2], ASSAY_FIRST_OF_ITS_ID);
    ck_assert_uint_eq(first[3], 2);
    ck_assert_uint_eq(first[4], ASSAY_FIRST_OF_ITS_ID);
    ck_assert_uint_eq(first[5], ASSAY_FIRST_OF_ITS_ID);
}
END_TEST

START_TEST(five_hundred_records_of_one_id_keep_one)
{
    static assay_candidate c[500];
    static uint32_t first[500];
    for (uint64_t i = 0; i < 500; i++)
        c[i] = cand("SAME", 0, 500 - i); /* the last read is line 1 */
    ck_assert_uint_eq(assay_duplicate_ids(c, 500, first), 499);
    ck_assert_uint_eq(first[499], ASSAY_FIRST_OF_ITS_ID);
    for (int i = 0; i < 499; i++)
        ck_assert_uint_eq(first[i], 499);
}
END_TEST

START_TEST(ids_differing_in_case_or_a_byte_are_different)
{
    assay_candidate c[] = {cand("a", 0, 1), cand("A", 0, 2), cand("A ", 0, 3)};
    uint32_t first[3];
    ck_assert_uint_eq(assay_duplicate_ids(c, 3, first), 0);
    ck_assert_uint_eq(assay_duplicate_ids(c, 0, first), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("duplicate_ids");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, unique_ids_have_no_first_but_themselves);
    tcase_add_test(tc,
                   later_records_point_at_the_first_by_key_not_by_reading_order);
    tcase_add_test(tc, five_hundred_records_of_one_id_keep_one);
    tcase_add_test(tc, ids_differing_in_case_or_a_byte_are_different);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
