/* Ids given to more than one scored record. Two applicants cannot share a
 * name in a decision, a report or a committee's override, and one record
 * given many times must not take many seats: the first record with an id,
 * in (part, line) order, is the one decided, whatever order the inputs
 * came in, and every later one is a duplicate of it. */
#ifndef ASSAY_DUPLICATE_IDS_H
#define ASSAY_DUPLICATE_IDS_H

#include <stddef.h>
#include <stdint.h>

#include "decide/allocation.h"

/* first[i] of a candidate that is the first with its id. */
#define ASSAY_FIRST_OF_ITS_ID UINT32_MAX

/* Sets first[i], for each of the n candidates (fewer than UINT32_MAX), to
 * the index of the first candidate with its id, or to
 * ASSAY_FIRST_OF_ITS_ID when it is the first itself. Returns how many are
 * duplicates. */
size_t assay_duplicate_ids(const assay_candidate *c, size_t n,
                           uint32_t *first);

#endif
