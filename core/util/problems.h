/* A list of configuration problems. Loading rules, plugins and policies
 * reports every problem it finds here instead of stopping at the first, so
 * `assay check` can show them all; `assay run` prints them and exits 2.
 * Each problem is one line: "file:line: what is wrong; what to do". */
#ifndef ASSAY_PROBLEMS_H
#define ASSAY_PROBLEMS_H

#include <stddef.h>
#include <stdio.h>

typedef struct assay_problems {
    char **items;
    size_t count, cap;
} assay_problems;

void assay_problems_init(assay_problems *p);
void assay_problems_free(assay_problems *p);
/* Appends one problem (formatted like printf); aborts when out of memory. */
void assay_problems_add(assay_problems *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Writes each problem as "assay: <problem>\n". */
void assay_problems_print(const assay_problems *p, FILE *out);
/* Joins the problems with newlines into err (truncated to err_size). */
void assay_problems_join(const assay_problems *p, char *err, size_t err_size);

#endif
