/* What weights did the committee use (assay calibrate): the policy's
 * domain weights fitted to a committee's final decisions on scored
 * records, and how well the policy agrees with those decisions before and
 * after.
 *
 * The criteria are the policy's domains of positive weight (as for assay
 * stability); the policy must combine them with its weighted mean, the
 * model decide/weight_fit.h fits. A record enters the fit when the
 * committee decided it, it has an overall score, its veto, flag or lack
 * of a score does not decide it whatever the weights (the policy's action
 * is none, or a lowering), and it requested something a tier requires:
 * only for those can the weights change whether it gets a seat. It counts
 * as seated when the committee gave it any tier. Records are shuffled
 * into the cross-validation folds by the seed.
 *
 * A criterion that counts for none of the fitted records cannot be
 * fitted and keeps the policy's weight. The fitted weights, which sum to
 * 1, are scaled to the policy's total weight over the fitted criteria, so
 * that those left alone keep their place beside them, and rounded to 4
 * decimals; the agreement after is that of the policy with exactly these
 * weights. */
#ifndef ASSAY_CALIBRATE_H
#define ASSAY_CALIBRATE_H

#include <stddef.h>
#include <stdint.h>

#include "decide/decide.h"
#include "decide/past_decisions.h"
#include "decide/policy.h"
#include "decide/weight_fit.h"

typedef struct assay_calibrate_options {
    double lambda; /* < 0: chosen by cross-validation */
    size_t folds;
    uint64_t seed; /* shuffles the records into the folds */
} assay_calibrate_options;

/* One scored record the committee decided. Outcomes are indexes as
 * assay_stability_outcome gives them (tiers, waitlist, review, reject). */
typedef struct assay_calibrated {
    size_t record; /* index in the scored set */
    size_t line;   /* of its decision in the decisions file */
    uint32_t committee, before, after;
    double score_before, score_after; /* NAN: no overall score */
    unsigned char fitted;             /* entered the fit */
} assay_calibrated;

typedef struct assay_calibration {
    size_t k;                     /* criteria */
    size_t *criteria;             /* k indexes into the policy's domains */
    unsigned char *fitted_domain; /* k: 1 where the fit set the weight */
    double *before, *after;       /* k: the policy's weights; the fitted */
    assay_fit fit;                /* over the fitted criteria, in order */
    assay_calibrated *items;      /* in the scored set's order */
    size_t count;
    size_t fitted, seated; /* records in the fit; of which seated */
    size_t left_out;  /* decisions matched to no record or no outcome */
    size_t undecided; /* scored records without a committee decision */
    size_t outcomes;  /* tiers + 3 */
    /* Spearman's rho between the committee's decision (as an order:
     * highest tier first, then waitlist, review, reject) and the policy's
     * overall score, over the fitted records (whose seats the weights can
     * change); NAN when undefined. */
    double rho_before, rho_after;
    size_t rho_count_before, rho_count_after;
} assay_calibration;

/* Matches the decisions (named decisions_name in messages) to the scored
 * records by id, fits, and decides again under the fitted weights. A
 * decision whose id no scored record has, or has more than once, or whose
 * decision is none of the policy's outcomes, is reported on stderr as
 * "file:line: ..." and left out. 0, or -1 with err (a policy that does not
 * combine with the weighted mean, nothing to fit, a fit that fails).
 * Free out with assay_calibration_free either way. */
int assay_calibrate(assay_policy *p, const assay_scored_set *set,
                    const assay_past_decisions *d, const char *decisions_name,
                    const assay_calibrate_options *o, assay_calibration *out,
                    char *err, size_t err_size);
void assay_calibration_free(assay_calibration *c);

#endif
