#include "threshold_decision.h"

#include "buffer.h"

assay_decision assay_decide_by_threshold(const assay_result *r,
                                         const assay_thresholds *t)
{
    if (r->veto_count)
        return ASSAY_DECISION_REJECT;
    if (!r->scored || r->flag_count)
        return ASSAY_DECISION_REVIEW; /* a human must look */
    /* Compare the score as printed, so a reader checking the output by
     * hand reaches the same decision. */
    double s = assay_round_score(r->score);
    return s >= t->accept   ? ASSAY_DECISION_ACCEPT
           : s >= t->review ? ASSAY_DECISION_REVIEW
                            : ASSAY_DECISION_REJECT;
}
