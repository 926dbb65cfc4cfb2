#include "decide/duplicate_ids.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/index_sort.h"

/* By id, then by key: each id's first record leads its run. */
static int by_id_then_key(uint32_t ia, uint32_t ib, const void *context)
{
    const assay_candidate *c = context;
    const assay_candidate *a = &c[ia], *b = &c[ib];
    int d = strcmp(a->id, b->id);
    if (d)
        return d;
    if (a->part != b->part)
        return a->part < b->part ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line;
}

size_t assay_duplicate_ids(const assay_candidate *c, size_t n, uint32_t *first)
{
    /* 2^32 candidates would hold a terabyte before they got here, as
     * malloc's failure would (decide aborts on that too). */
    uint32_t *e = n < UINT32_MAX ? malloc((n ? n : 1) * sizeof *e) : NULL;
    if (!e)
        abort();
    for (size_t i = 0; i < n; i++)
        e[i] = (uint32_t)i;
    /* In place: a second array the size of e would be part of decide's
     * peak. The order is total, keys being unique. */
    assay_index_sort(e, n, by_id_then_key, c);
    size_t count = 0;
    uint32_t lead = 0;
    for (size_t k = 0; k < n; k++) {
        if (k == 0 || strcmp(c[e[k - 1]].id, c[e[k]].id) != 0) {
            lead = e[k];
            first[lead] = ASSAY_FIRST_OF_ITS_ID;
        } else {
            first[e[k]] = lead;
            count++;
        }
    }
    free(e);
    return count;
}
