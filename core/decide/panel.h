/* The review panel: reviewers' scores of applications, read from a
 * committee file (decide/committee_file.h) with the columns
 *   reviewer, id, score   (required)
 *   criterion, comment, conflict
 * and entered into a decision as the findings of a built-in source, the
 * panel, in the domain the policy's panel {...} names (docs/office.md).
 *
 * Conflicts of interest: a reviewer who declares one (conflict yes, true
 * or 1) on any row of an application is left out of all of that
 * application's scores, and out of the normalisation.
 *
 * Normalisation, so that a harsh and a lenient reviewer do not decide the
 * ranking: each score x of reviewer r becomes the panel-wide value with
 * the same z-score,
 *     v = M + S * (x - m_r) / s_r
 * where m_r and s_r are the mean and the (population) standard deviation
 * of r's counted scores, M and S those of every counted score; a reviewer
 * with one score, or the same score every time, says nothing about their
 * scale and gets v = M. v is then put on [0, 1] by the declared scale,
 * (v - low) / (high - low), clamped to [0, 1].
 *
 * One finding a criterion (rule "<domain>.<criterion>", plugin "panel",
 * weight 1): the mean of its normalised scores, with each reviewer's
 * score and comment in the reason. The panel's domain score is the mean
 * of those findings' scores; it counts only for an application with at
 * least the policy's min_reviewers reviewers. Every score here is rounded
 * to the 4 decimals it is printed with before it is used again.
 *
 * Agreement: Krippendorff's alpha of the raw scores for each criterion
 * (applications as units, reviewers as raters), at the policy's level. */
#ifndef ASSAY_PANEL_H
#define ASSAY_PANEL_H

#include <stddef.h>

#include "decide/policy.h"
#include "util/buffer.h"

typedef struct assay_panel assay_panel;

/* What the panel says of one application. */
typedef struct assay_panel_entry {
    const char *id;
    size_t line;       /* its first row in the file */
    size_t reviewers;  /* reviewers counted */
    size_t conflicts;  /* reviewers left out for a conflict of interest */
    int counted;       /* reviewers >= min_reviewers: the score counts */
    double score;      /* the domain score (rounded) */
    char *findings;    /* the findings as JSON items, comma-separated */
    int seen;          /* a scored record has this id */
} assay_panel_entry;

/* Reads the reviews at path under p->panel. NULL after printing every
 * problem found, each as "path:line: what; what to do" (a score off the
 * scale, a reviewer's second score of the same application and criterion,
 * an unknown column, a conflict that is not yes or no). */
assay_panel *assay_panel_read(const assay_policy *p, const char *path);
void assay_panel_free(assay_panel *panel);

/* The reviews file's path, as given. */
const char *assay_panel_path(const assay_panel *panel);
/* The domain the panel's findings are in. */
const char *assay_panel_domain(const assay_panel *panel);

/* The entry of application id, or NULL when no review names it. */
assay_panel_entry *assay_panel_find(assay_panel *panel, const char *id);

/* Non-zero after printing "path:line: ..." for each application the
 * reviews name that no scored record has (assay_panel_find marks seen). */
int assay_panel_check_seen(const assay_panel *panel,
                           const char *inputs_name);

/* The decision record's "panel" object for entry e. */
void assay_panel_entry_json(const assay_panel *panel,
                            const assay_panel_entry *e, assay_buffer *out);

/* The summary's "panel" object: counts and each criterion's alpha. */
void assay_panel_summary_json(const assay_panel *panel, assay_buffer *out);
/* The same as lines of the text summary. */
void assay_panel_summary_text(const assay_panel *panel, assay_buffer *out);

#endif
