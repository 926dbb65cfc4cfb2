/* The decision step (the reduce of the score/decide split): reads scored
 * records from any number of inputs, in any order, ranks and allocates
 * them together under a policy, and writes one decision record for each,
 * sorted back into input order by the key (part, line).
 *
 * Memory: a compact entry for each record (its key, where its text is,
 * its candidate fields and its id) stays in memory; the scored records
 * themselves stay on disk (inputs that are not regular files are first
 * copied to a temporary file) and are read back one at a time to write. */
#ifndef ASSAY_DECIDE_H
#define ASSAY_DECIDE_H

#include <stdio.h>

#include "decide/allocation.h"
#include "decide/policy.h"
#include "engine/fingerprint.h"

typedef struct assay_decide_input {
    const char *name; /* for messages */
    FILE *file;       /* read from its current position to its end */
} assay_decide_input;

struct assay_panel;
struct assay_overrides;

/* What the committee adds to a decision: the review panel's scores
 * (decide/panel.h) and its overrides (decide/overrides.h); NULL members
 * are not given. */
typedef struct assay_committee {
    struct assay_panel *panel;
    struct assay_overrides *overrides;
} assay_committee;

typedef struct assay_decide_report {
    size_t records;       /* decision records written */
    size_t error_records; /* of which error records */
    size_t ranked;        /* ok records, all ranked */
    size_t *counts; /* per tier, then waitlist, review, reject */
    size_t held[4]; /* review decisions by assay_cause: the review queue
                       by reason (overrides aside) */
    assay_tier_fill *fill; /* per tier */
    const assay_committee *committee; /* as given to assay_decide */
    size_t overridden, displaced; /* by the committee's overrides */
    /* The scored records' fingerprint (decide/fingerprint_mix.h); "" when
     * they had none, or there were none. */
    char fingerprint[ASSAY_FINGERPRINT_DIGITS + 1];
} assay_decide_report;

/* Decides, with what the committee gives (NULL: nothing). Returns 0, or
 * non-zero after printing why nothing could be decided (an input that is
 * not scored records, a scored record that breaks the format, scored
 * records of different fingerprints, a duplicate key, a review of an
 * application no input has, an I/O error). Free the report with
 * assay_decide_report_free either way. */
int assay_decide(assay_policy *p, const assay_decide_input *inputs,
                 size_t input_count, const assay_committee *committee,
                 FILE *out, assay_decide_report *report);
void assay_decide_report_free(assay_decide_report *report);
/* The same without a committee, for the library (assay_decide_text):
 * nothing is printed; the first reason nothing could be decided is in
 * err. */
int assay_decide_quietly(assay_policy *p, const assay_decide_input *inputs,
                         size_t input_count, FILE *out,
                         assay_decide_report *report, char *err,
                         size_t err_size);

/* Scored records read as assay decide reads them, for analyses that decide
 * them again (assay stability): candidates (outputs unset) and their
 * domain scores, in reading order. */
typedef struct assay_scored_set {
    assay_candidate *cands;
    const struct assay_domain_scores *scores;
    size_t count;
    void *state; /* what holds them */
} assay_scored_set;
/* 0, or non-zero after printing why the inputs cannot be read. */
int assay_scored_set_read(assay_scored_set *set, assay_policy *p,
                          const assay_decide_input *inputs, size_t n);
void assay_scored_set_free(assay_scored_set *set);

/* Writes the report as the summary JSON (docs/output.md) and as the
 * one-paragraph summary printed on stderr at the end of a run. */
void assay_decide_summary_json(const assay_policy *p,
                               const assay_decide_report *r, FILE *out);
void assay_decide_summary_text(const assay_policy *p,
                               const assay_decide_report *r, FILE *out);

#endif
