/* How sure is each decision (assay stability): the policy's decisions
 * re-made under every weight vector a committee might hold.
 *
 * The criteria are the policy's domains of positive weight. Their weights
 * are uncertain within the declared space (decide/smaa.h): uniform over
 * the simplex by default, optionally bounded per domain, ordered between
 * two domains, or fixed. Each sample sets the policy's weights, scores
 * every record with the policy's strategy and allocates the seats with
 * capacities and the waitlist exactly as `assay decide` does, so a record
 * that would lose its seat to another one's rise is counted as such. The
 * outcomes are the tiers in order, then waitlist, review and reject. */
#ifndef ASSAY_STABILITY_H
#define ASSAY_STABILITY_H

#include <stddef.h>
#include <stdint.h>

#include "decide/allocation.h"
#include "decide/policy.h"
#include "decide/smaa.h"
#include "decide/strategy.h"

typedef struct assay_stability_input {
    assay_policy *policy;
    const assay_domain_scores *scores; /* n, in the candidates' order */
    const assay_candidate *candidates; /* n, as read (outputs unset) */
    size_t n;
} assay_stability_input;

/* The criteria of a policy: indexes into p->domains of positive weight,
 * in policy order; returns how many (criteria must hold domain_count). */
size_t assay_stability_criteria(const assay_policy *p, size_t *criteria);

/* The outcome index of an allocated candidate: its tier, or tier_count +
 * 0/1/2 for waitlist, review and reject. */
uint32_t assay_stability_outcome(const assay_policy *p,
                                 const assay_candidate *c);

/* The name of outcome o ("waitlist" ... or the tier's name). */
const char *assay_stability_outcome_name(const assay_policy *p, uint32_t o);

/* Each record's outcome (outcome_of[i], n entries) under the weights the
 * policy holds now, decided exactly as one sample is: the policy's
 * strategy, then the allocation. 0, or -1 with err (out of memory, the
 * policy's Lua strategy failed on a record). */
int assay_stability_decide(const assay_stability_input *in,
                           uint32_t *outcome_of, char *err, size_t err_size);

/* Runs the analysis over the criteria's weight space s (s->k criteria in
 * assay_stability_criteria's order). current[i] receives each record's
 * outcome under the policy's own weights. 0, or -1 with err. A Lua
 * strategy runs on one thread (its state is not shared). */
int assay_stability_run(const assay_stability_input *in,
                        const assay_smaa_space *s, size_t samples,
                        uint64_t seed, unsigned threads, uint32_t *current,
                        assay_smaa_result *out, char *err, size_t err_size);

#endif
