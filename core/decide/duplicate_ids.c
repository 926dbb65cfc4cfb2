#include "decide/duplicate_ids.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The candidates being sorted: qsort has no context argument, and an
 * index is a fifth of the size of a copy of what the order needs. */
static _Thread_local const assay_candidate *sorted;

/* By id, then by key: each id's first record leads its run. */
static int by_id_then_key(const void *pa, const void *pb)
{
    const assay_candidate *a = &sorted[*(const uint32_t *)pa],
                          *b = &sorted[*(const uint32_t *)pb];
    int c = strcmp(a->id, b->id);
    if (c)
        return c;
    if (a->part != b->part)
        return a->part < b->part ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line;
}

size_t assay_duplicate_ids(const assay_candidate *c, size_t n, size_t *first)
{
    /* 2^32 candidates would hold a terabyte before they got here, as
     * malloc's failure would (decide aborts on that too). */
    uint32_t *e = n <= UINT32_MAX ? malloc((n ? n : 1) * sizeof *e) : NULL;
    if (!e)
        abort();
    for (size_t i = 0; i < n; i++)
        e[i] = (uint32_t)i;
    sorted = c;
    qsort(e, n, sizeof *e, by_id_then_key);
    sorted = NULL;
    size_t count = 0, lead = 0;
    for (size_t k = 0; k < n; k++) {
        if (k == 0 || strcmp(c[e[k - 1]].id, c[e[k]].id) != 0) {
            lead = e[k];
            first[lead] = SIZE_MAX;
        } else {
            first[e[k]] = lead;
            count++;
        }
    }
    free(e);
    return count;
}
