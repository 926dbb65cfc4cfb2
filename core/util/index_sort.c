#include "util/index_sort.h"

typedef struct sorter {
    uint32_t *items;
    assay_index_compare compare;
    const void *context;
} sorter;

static int before(const sorter *s, uint32_t a, uint32_t b)
{
    return s->compare(a, b, s->context) < 0;
}

static void swap(uint32_t *a, uint32_t *b)
{
    uint32_t t = *a;
    *a = *b;
    *b = t;
}

static void insertion(const sorter *s, size_t lo, size_t hi)
{
    uint32_t *x = s->items;
    for (size_t i = lo + 1; i < hi; i++) {
        uint32_t v = x[i];
        size_t j = i;
        for (; j > lo && before(s, v, x[j - 1]); j--)
            x[j] = x[j - 1];
        x[j] = v;
    }
}

static void sift_down(const sorter *s, uint32_t *x, size_t root, size_t n)
{
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= n)
            return;
        if (child + 1 < n && before(s, x[child], x[child + 1]))
            child++;
        if (!before(s, x[root], x[child]))
            return;
        swap(&x[root], &x[child]);
        root = child;
    }
}

static void heap_sort(const sorter *s, size_t lo, size_t hi)
{
    uint32_t *x = s->items + lo;
    size_t n = hi - lo;
    for (size_t i = n / 2; i-- > 0;)
        sift_down(s, x, i, n);
    for (size_t end = n; end-- > 1;) {
        swap(&x[0], &x[end]);
        sift_down(s, x, 0, end);
    }
}

static void intro(const sorter *s, size_t lo, size_t hi, unsigned depth)
{
    uint32_t *x = s->items;
    while (hi - lo > 16) {
        if (depth-- == 0) {
            heap_sort(s, lo, hi);
            return;
        }
        /* The median of three as pivot, left at lo. */
        size_t mid = lo + (hi - lo) / 2;
        if (before(s, x[mid], x[lo]))
            swap(&x[mid], &x[lo]);
        if (before(s, x[hi - 1], x[mid]))
            swap(&x[hi - 1], &x[mid]);
        if (before(s, x[mid], x[lo]))
            swap(&x[mid], &x[lo]);
        swap(&x[lo], &x[mid]);
        uint32_t pivot = x[lo];
        /* Hoare's partition: [lo, j] before or with the pivot, [j + 1, hi)
         * with or after it. */
        size_t i = lo, j = hi;
        for (;;) {
            do
                i++;
            while (i < hi && before(s, x[i], pivot));
            do
                j--;
            while (before(s, pivot, x[j]));
            if (i >= j)
                break;
            swap(&x[i], &x[j]);
        }
        swap(&x[lo], &x[j]);
        /* The shorter side first, by recursion; the longer one loops. */
        if (j - lo < hi - (j + 1)) {
            intro(s, lo, j, depth);
            lo = j + 1;
        } else {
            intro(s, j + 1, hi, depth);
            hi = j;
        }
    }
    insertion(s, lo, hi);
}

void assay_index_sort(uint32_t *items, size_t n, assay_index_compare compare,
                      const void *context)
{
    sorter s = {items, compare, context};
    unsigned depth = 0;
    for (size_t k = n; k > 1; k >>= 1)
        depth += 2;
    if (n > 1)
        intro(&s, 0, n, depth);
}
