/* Writing a committee report's files (HTML, CSV) from a finished report or
 * from the run that has just decided. */
#ifndef ASSAY_CLI_REPORT_WRITER_H
#define ASSAY_CLI_REPORT_WRITER_H

#include <stdio.h>

#include "assay/assay.h"

struct assay_policy;
struct assay_decide_report;
struct assay_run_clock;

typedef struct assay_report assay_report;
/* Writes a finished report as HTML to html and as CSV to csv (either may
 * be NULL), after printing its warnings on stderr. Non-zero (after
 * printing why) when a file cannot be written. */
int assay_report_write(const assay_report *r, const char *html,
                       const char *csv);
/* The report of a run that has just decided (run --report, --csv): where
 * to write it, the decision records (read from decided's current position)
 * and the run's input for the names (NULL: none). */
typedef struct assay_run_report {
    const char *html, *csv; /* NULL: not wanted */
    FILE *decided;
    const char *decided_name;
    FILE *input;
    const char *input_name;
    const char *previous; /* --previous: decisions to compare with */
} assay_run_report;
/* Writes it, with the summary, the tiers' minimum scores and the manifest
 * of the run as the arguments give them (as assay_cli_write_manifest
 * takes them). Returns 0, or non-zero after printing why not. */
int assay_report_run(const assay_run_report *rr, const assay_engine *engine,
                     const struct assay_policy *p,
                     const char *const *inputs, size_t input_count,
                     const struct assay_decide_report *r,
                     const struct assay_run_clock *clock);

#endif
