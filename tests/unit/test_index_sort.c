/* The in-place sort of 32-bit indexes (util/index_sort.h): the order of a
 * total comparison whatever the input's shape, including those that drive
 * a quicksort to its worst case (where it turns to heapsort). */
#include <stdint.h>
#include <stdlib.h>

#include "util/index_sort.h"
#include "test_support.h"

/* By key, then by index: total, as the sort needs. */
static int by_key(uint32_t a, uint32_t b, const void *context)
{
    const uint32_t *key = context;
    if (key[a] != key[b])
        return key[a] < key[b] ? -1 : 1;
    return a < b ? -1 : a > b;
}

static void check_sorted(const uint32_t *key, size_t n)
{
    uint32_t *ix = malloc((n ? n : 1) * sizeof *ix);
    unsigned char *seen = calloc(n ? n : 1, 1);
    ck_assert_ptr_nonnull(ix);
    ck_assert_ptr_nonnull(seen);
    for (size_t i = 0; i < n; i++)
        ix[i] = (uint32_t)(n - 1 - i);
    assay_index_sort(ix, n, by_key, key);
    for (size_t i = 0; i < n; i++) {
        ck_assert_uint_lt(ix[i], n);
        ck_assert(!seen[ix[i]]);
        seen[ix[i]] = 1;
        if (i)
            ck_assert_int_lt(by_key(ix[i - 1], ix[i], key), 0);
    }
    free(ix);
    free(seen);
}

START_TEST(sorts_inputs_of_every_shape)
{
    static uint32_t key[20000];
    size_t sizes[] = {0, 1, 2, 3, 16, 17, 100, 1000, 20000};
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        size_t n = sizes[s];
        uint32_t x = 12345;
        for (int shape = 0; shape < 6; shape++) {
            for (size_t i = 0; i < n; i++) {
                x = x * 1103515245u + 12345u;
                switch (shape) {
                case 0: key[i] = x >> 8; break;             /* random */
                case 1: key[i] = (uint32_t)i; break;        /* ascending */
                case 2: key[i] = (uint32_t)(n - i); break;  /* descending */
                case 3: key[i] = 7; break;                  /* all equal */
                case 4: key[i] = (x >> 8) % 3; break;       /* few values */
                default: /* organ pipe */
                    key[i] = (uint32_t)(i < n / 2 ? i : n - i);
                }
            }
            check_sorted(key, n);
        }
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("index_sort");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, sorts_inputs_of_every_shape);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
