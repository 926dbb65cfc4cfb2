/* Explanations: the "why" sentence and the "why_not" list of a decision
 * record, written from the allocation alone so that a reader can check
 * them by hand against the policy and the ranking (docs/policy.md). */
#ifndef ASSAY_EXPLANATION_H
#define ASSAY_EXPLANATION_H

#include "decide/allocation.h"
#include "util/buffer.h"

/* The rule and reason behind a candidate's cause (its first veto or
 * flag); NULLs when the cause is none or a missing score. */
typedef struct assay_cause_mark {
    const char *rule;
    const char *reason;
} assay_cause_mark;

/* The decision name: the tier's name, "waitlist", "review" or "reject". */
const char *assay_explanation_decision(const assay_policy *p,
                                       const assay_candidate *c);

/* Appends ,"why":"...","why_not":[...] for c, ranked among `ranked`
 * records, after allocation filled `fill`. */
void assay_explanation_write(assay_buffer *out, const assay_policy *p,
                             const assay_tier_fill *fill,
                             const assay_candidate *c, size_t ranked,
                             const assay_cause_mark *mark);

#endif
