/* Sorts an array of 32-bit indexes in place (introsort: quicksort, with
 * heapsort past a depth limit and insertion sort for short runs). glibc's
 * qsort merge-sorts in a malloc'd copy of the array, as large again as
 * what it sorts; for decide's per-record orders that copy was part of the
 * peak (memory a record is a target, docs/performance.md). Not stable:
 * the order given must be total for the result not to depend on the
 * algorithm. */
#ifndef ASSAY_INDEX_SORT_H
#define ASSAY_INDEX_SORT_H

#include <stddef.h>
#include <stdint.h>

/* < 0, 0 or > 0 as a sorts before, with or after b. */
typedef int (*assay_index_compare)(uint32_t a, uint32_t b,
                                   const void *context);

void assay_index_sort(uint32_t *items, size_t n, assay_index_compare compare,
                      const void *context);

#endif
