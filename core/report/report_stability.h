/* How sure each decision is, in the committee report (docs/report.md,
 * docs/stability.md): the JSON Lines `assay stability` writes, read back
 * by id, give the ranking a Confidence column and the page a section with
 * a chart of the outcomes' acceptabilities of the least sure decisions. */
#ifndef ASSAY_REPORT_STABILITY_H
#define ASSAY_REPORT_STABILITY_H

#include <stddef.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "util/buffer.h"

struct assay_report;

/* The chart shows at most this many applicants, the least sure first. */
enum { ASSAY_STABILITY_CHARTED = 30 };

typedef struct assay_stability_entry {
    char *id;
    char *decision;      /* the decision the stability run was given */
    double confidence;   /* acceptability of that decision */
    int flagged;         /* below the run's threshold */
    double *acceptability; /* per outcome of assay_report_stability */
    size_t acceptability_count; /* outcomes known when it was read */
} assay_stability_entry;

typedef struct assay_report_stability {
    char *label;                   /* the file, as named */
    char **outcomes;               /* in the file's order */
    size_t outcome_count;
    assay_stability_entry *entries; /* sorted by id */
    size_t count;
    cJSON *summary; /* the file's summary object */
    double threshold;
    size_t flagged;
} assay_report_stability;

/* Reads `assay stability` output from in (named where). Returns 0, or
 * non-zero with "where:line: what is wrong" in err. */
int assay_report_stability_read(assay_report_stability *s, FILE *in,
                                const char *where, char *err,
                                size_t err_size);
void assay_report_stability_free(assay_report_stability *s);

/* The entry of the applicant with this id, or NULL. */
const assay_stability_entry *
assay_report_stability_find(const assay_report_stability *s, const char *id);

/* Applicants of report r whose decision here differs from the one the
 * stability run was given, and those it does not cover (for warnings). */
void assay_report_stability_check(const assay_report_stability *s,
                                  const struct assay_report *r,
                                  size_t *differ, size_t *missing);

/* The ranking's cell for an applicant: its confidence, flagged ones
 * marked. */
void assay_report_stability_cell(assay_buffer *b,
                                 const assay_report_stability *s,
                                 const char *id);
/* The section: the run's samples, seed, error and threshold, how many are
 * flagged, and a stacked bar of every outcome's acceptability for the
 * least sure decisions. */
void assay_report_stability_html(assay_buffer *b,
                                 const struct assay_report *r,
                                 const assay_report_stability *s);

#endif
