/* The arena: aligned allocations, copies, and reuse after a reset. */
#include <stdalign.h>
#include <stdint.h>
#include <string.h>

#include "util/arena.h"
#include "test_support.h"

START_TEST(allocations_are_aligned_for_any_type)
{
    assay_arena a;
    assay_arena_init(&a);
    for (size_t n = 1; n < 100; n += 7) {
        void *p = assay_arena_alloc(&a, n);
        ck_assert_uint_eq((uintptr_t)p % alignof(max_align_t), 0);
        memset(p, 0xAB, n);
    }
    assay_arena_free(&a);
}
END_TEST

START_TEST(strdup_copies_and_null_copies_as_empty)
{
    assay_arena a;
    assay_arena_init(&a);
    char src[] = "safety case follows UL 4600";
    char *copy = assay_arena_strdup(&a, src);
    src[0] = 'X';
    ck_assert_str_eq(copy, "safety case follows UL 4600");
    ck_assert_str_eq(assay_arena_strdup(&a, NULL), "");
    assay_arena_free(&a);
}
END_TEST

START_TEST(reset_reuses_the_same_memory)
{
    assay_arena a;
    assay_arena_init(&a);
    char *first = assay_arena_alloc(&a, 100);
    assay_arena_alloc(&a, 200);
    assay_arena_reset(&a);
    ck_assert_ptr_eq(assay_arena_alloc(&a, 100), first);
    assay_arena_free(&a);
}
END_TEST

START_TEST(allocation_larger_than_a_block_is_whole_and_separate)
{
    assay_arena a;
    assay_arena_init(&a);
    char *small = assay_arena_alloc(&a, 16);
    size_t big_size = 1u << 20;
    char *big = assay_arena_alloc(&a, big_size);
    memset(big, 1, big_size);
    memset(small, 2, 16);
    ck_assert_int_eq(big[0], 1);
    ck_assert_int_eq(big[big_size - 1], 1);
    char *after = assay_arena_alloc(&a, 16);
    ck_assert(after < big || after >= big + big_size);
    assay_arena_reset(&a);
    ck_assert_ptr_eq(assay_arena_alloc(&a, 16), small);
    assay_arena_free(&a);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("arena");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, allocations_are_aligned_for_any_type);
    tcase_add_test(tc, strdup_copies_and_null_copies_as_empty);
    tcase_add_test(tc, reset_reuses_the_same_memory);
    tcase_add_test(tc, allocation_larger_than_a_block_is_whole_and_separate);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
