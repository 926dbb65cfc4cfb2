/* "Did you mean": the known name closest to a misspelt one. */
#ifndef ASSAY_NEAR_MISS_H
#define ASSAY_NEAR_MISS_H

#include <stddef.h>

/* Edit distance (insertions, deletions, substitutions, and swaps of two
 * neighbouring bytes) between a and b, compared bytewise; stops counting at
 * limit + 1. */
size_t assay_edit_distance(const char *a, const char *b, size_t limit);

/* The name among the n names closest to `word` within a third of its
 * length (at least 1, at most 3 edits), the first such on a tie; NULL when
 * none is that close. */
const char *assay_near_miss(const char *word, const char *const *names,
                            size_t n);

#endif
