/* An arena: many small allocations that are all released at once. A
 * worker's record and result live in arenas reset for every record, so the
 * hot path neither mallocs nor frees per field or per finding string. */
#ifndef ASSAY_ARENA_H
#define ASSAY_ARENA_H

#include <stddef.h>

typedef struct assay_arena_block assay_arena_block;

typedef struct assay_arena {
    assay_arena_block *first, *current;
} assay_arena;

void assay_arena_init(assay_arena *a);
void assay_arena_free(assay_arena *a);
/* n bytes aligned for any type, valid until the next reset. Aborts when
 * out of memory, like assay_buffer. */
void *assay_arena_alloc(assay_arena *a, size_t n);
/* A copy of s (NULL copies as ""). */
char *assay_arena_strdup(assay_arena *a, const char *s);
/* Releases every allocation, keeping up to a few hundred KiB of blocks
 * for the next record. */
void assay_arena_reset(assay_arena *a);

#endif
