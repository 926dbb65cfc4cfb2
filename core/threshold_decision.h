/* The first decision rule: two score thresholds. A veto forces reject; a
 * flag, or a record no rule applied to, is held for review (a human must
 * look, whatever the score).
 * (Policies with tiers and capacities replace this.) */
#ifndef ASSAY_THRESHOLD_DECISION_H
#define ASSAY_THRESHOLD_DECISION_H

#include "result.h"

#define ASSAY_DEFAULT_ACCEPT_THRESHOLD 0.7
#define ASSAY_DEFAULT_REVIEW_THRESHOLD 0.5

typedef struct assay_thresholds {
    double accept; /* score >= accept: accept */
    double review; /* score >= review: review; below: reject */
} assay_thresholds;

assay_decision assay_decide_by_threshold(const assay_result *r,
                                         const assay_thresholds *t);

#endif
