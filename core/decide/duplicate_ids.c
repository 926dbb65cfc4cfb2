#include "decide/duplicate_ids.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A candidate as sorted: its id and key, and where it is. */
typedef struct entry {
    const char *id;
    uint64_t part, line;
    size_t index;
} entry;

/* By id, then by key: each id's first record leads its run. */
static int by_id_then_key(const void *pa, const void *pb)
{
    const entry *a = pa, *b = pb;
    int c = strcmp(a->id, b->id);
    if (c)
        return c;
    if (a->part != b->part)
        return a->part < b->part ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line;
}

size_t assay_duplicate_ids(const assay_candidate *c, size_t n, size_t *first)
{
    entry *e = malloc((n ? n : 1) * sizeof *e);
    if (!e)
        abort();
    for (size_t i = 0; i < n; i++)
        e[i] = (entry){c[i].id, c[i].part, c[i].line, i};
    qsort(e, n, sizeof *e, by_id_then_key);
    size_t count = 0, lead = 0;
    for (size_t k = 0; k < n; k++) {
        if (k == 0 || strcmp(e[k - 1].id, e[k].id) != 0) {
            lead = e[k].index;
            first[lead] = SIZE_MAX;
        } else {
            first[e[k].index] = lead;
            count++;
        }
    }
    free(e);
    return count;
}
