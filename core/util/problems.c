#include "util/problems.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(void)
{
    fputs("assay: out of memory\n", stderr);
    abort();
}

void assay_problems_init(assay_problems *p)
{
    memset(p, 0, sizeof *p);
}

void assay_problems_free(assay_problems *p)
{
    for (size_t i = 0; i < p->count; i++)
        free(p->items[i]);
    free(p->items);
    assay_problems_init(p);
}

void assay_problems_add(assay_problems *p, const char *fmt, ...)
{
    if (p->count == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 8;
        char **items = realloc(p->items, cap * sizeof *items);
        if (!items)
            out_of_memory();
        p->items = items;
        p->cap = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = malloc((size_t)(n < 0 ? 0 : n) + 1);
    if (!s)
        out_of_memory();
    va_start(ap, fmt);
    vsnprintf(s, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
    va_end(ap);
    p->items[p->count++] = s;
}

void assay_problems_print(const assay_problems *p, FILE *out)
{
    for (size_t i = 0; i < p->count; i++)
        fprintf(out, "assay: %s\n", p->items[i]);
}

void assay_problems_join(const assay_problems *p, char *err, size_t err_size)
{
    size_t used = 0;
    if (err_size)
        err[0] = '\0';
    for (size_t i = 0; i < p->count && used + 1 < err_size; i++) {
        int n = snprintf(err + used, err_size - used, "%s%s", i ? "\n" : "",
                         p->items[i]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}
