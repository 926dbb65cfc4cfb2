/* A committee's final decisions, read for assay calibrate: one (id,
 * decision) pair per applicant, from JSON Lines (objects with string
 * fields "id" and "decision"; other fields, such as those of assay
 * decide's own decision records, are ignored) or from CSV with a header
 * row naming columns "id" and "decision". A file whose first non-blank
 * byte is '{' is JSON Lines; any other is CSV.
 *
 * A line that cannot be used (not JSON, no id or decision, an id decided
 * on an earlier line) is reported on stderr as "file:line: what is wrong"
 * and left out; the rest are read. */
#ifndef ASSAY_PAST_DECISIONS_H
#define ASSAY_PAST_DECISIONS_H

#include <stddef.h>
#include <stdio.h>

typedef struct assay_past_decision {
    char *id, *decision;
    size_t line; /* where the file gives it */
} assay_past_decision;

typedef struct assay_past_decisions {
    assay_past_decision *items; /* in file order */
    size_t count, cap;
    size_t left_out; /* lines reported and left out */
    int csv;         /* 1 when read as CSV */
} assay_past_decisions;

/* Reads f (named name in messages). 0, or -1 after printing why nothing
 * can be read (a read error, malformed CSV, a CSV header without the two
 * columns). Free with assay_past_decisions_free either way. */
int assay_past_decisions_read(FILE *f, const char *name,
                              assay_past_decisions *out);
void assay_past_decisions_free(assay_past_decisions *d);

#endif
