/* The report's section "Changes since the previous run" (docs/report.md):
 * what `assay diff` says between a previous decisions file and this run's,
 * as the committee reads it: the moves between decisions, the seats that
 * changed hands, each tier's lowest seated score before and after, and
 * every applicant whose decision changed with why. */
#ifndef ASSAY_REPORT_CHANGES_H
#define ASSAY_REPORT_CHANGES_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "util/buffer.h"

struct assay_report;

/* At most this many applicants whose decision changed are listed; the
 * section says how many more `assay diff` names. */
enum { ASSAY_REPORT_CHANGES_LISTED = 200 };

typedef struct assay_report_changes {
    char *previous;  /* the previous decisions file, as named */
    cJSON *summary;  /* the diff's summary object; NULL: nothing changed */
    cJSON **changed; /* decision changes, added and removed, in order */
    size_t changed_count; /* kept, at most ASSAY_REPORT_CHANGES_LISTED */
    size_t changed_total; /* all of them */
} assay_report_changes;

/* Compares the decisions in previous with those in current (both seekable
 * decision files; current is named current_label in messages) and keeps
 * what the section shows. Returns 0, or non-zero with "file:line: what"
 * in err. */
int assay_report_changes_load(assay_report_changes *c, const char *previous,
                              const char *current, char *err,
                              size_t err_size);
void assay_report_changes_free(assay_report_changes *c);

/* Appends the section for report r (which names and links the
 * applicants). */
void assay_report_changes_html(assay_buffer *b, const struct assay_report *r,
                               const assay_report_changes *c);

#endif
