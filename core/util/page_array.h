/* Arrays that grow by doubling in pages of their own (mmap and mremap),
 * outside malloc's heap, for the per-record arrays of assay decide (its
 * memory a record is a target, docs/performance.md). In the heap, glibc
 * grows a block below its mmap threshold by copying it and leaves the old
 * copy's pages resident; and the threshold rises to the size of the
 * largest mapped block freed so far (up to 32 MiB): a 4 MiB buffer freed
 * while the policy loads, or score's id set in assay run, was enough to put
 * every array of decide in the heap. In pages of their own an array grows
 * without a copy, capacity never touched is not resident, and freeing
 * gives the pages back at once. Under AddressSanitizer they are malloc'd,
 * so that it still sees every access. */
#ifndef ASSAY_PAGE_ARRAY_H
#define ASSAY_PAGE_ARRAY_H

#include <stddef.h>

/* items with room for at least count + 1 entries of size bytes: as is
 * while count < *cap, else moved to twice the capacity (1024 entries to
 * start with), *cap updated. Aborts when out of memory. */
void *assay_page_array_grow(void *items, size_t *cap, size_t count,
                            size_t size);

/* Frees items, of cap entries of size bytes (NULL: nothing). */
void assay_page_array_free(void *items, size_t cap, size_t size);

#endif
