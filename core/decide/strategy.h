/* Overall scores: a record's domain scores combined by the policy's
 * strategy. Which domains count is the policy's too: a domain with weight
 * 0 never counts; a scored domain counts when the record claims it, when it
 * is "business", when the record claims no domain at all, or when the
 * policy includes unclaimed domains; a claimed domain without a score
 * counts as 0 when the policy says missing "zero". A record with no
 * counted domain has no overall score. Scores are rounded to the 4
 * decimals they are printed with before anything compares them. */
#ifndef ASSAY_STRATEGY_H
#define ASSAY_STRATEGY_H

#include <stddef.h>

#include "decide/policy.h"

struct assay_result;

/* The domain scores of one record, as a scored record carries them. */
typedef struct assay_domain_scores {
    double score[ASSAY_DOMAIN_COUNT];
    unsigned char scored;  /* bit d: domain d has a score */
    unsigned char claimed; /* bit d: the record claims domain d */
} assay_domain_scores;

/* Sets counted[d] (and value[d], 0 for a missing claimed domain) for the
 * domains that count; returns how many do, or 0 when none of them has a
 * score of its own (zeros for missing domains only dilute real evidence;
 * with none, the record is unscored and the policy's on_unscored acts). */
int assay_strategy_counted(const assay_policy *p, const assay_domain_scores *s,
                           unsigned char counted[ASSAY_DOMAIN_COUNT],
                           double value[ASSAY_DOMAIN_COUNT]);

/* Overall scores of n records. *has[i] is 0 for a record without one.
 * For TOPSIS the criteria are the domains of positive weight and the
 * alternatives the records with a score; a domain that does not count for
 * a record takes that column's worst value among the records it counts for.
 * errors[i] must start NULL; a Lua strategy function that fails for record
 * i leaves it without a score and sets errors[i] to the message (malloc'd;
 * the caller frees). */
void assay_strategy_scores(assay_policy *p, const assay_domain_scores *s,
                           size_t n, double *score, unsigned char *has,
                           char **errors);

/* The overall score of one evaluated record alone (a batch of one, for
 * TOPSIS); 1 with *score set, or 0 when it has none or the Lua strategy
 * failed. */
int assay_strategy_score_result(assay_policy *p, const struct assay_result *r,
                                double *score);

#endif
