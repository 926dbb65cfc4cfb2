/* Stochastic multicriteria acceptability analysis (SMAA) of a decision.
 *
 * The weights of k criteria (a policy's domains) are uncertain: uniform
 * over the weight simplex (weights >= 0 summing to 1), cut down by
 * optional bounds on single weights and orderings between two weights,
 * with some weights fixed. Each sample draws a weight vector (GSL's
 * Dirichlet generator with every alpha 1 is uniform over the simplex; the
 * cuts are applied by rejection), asks the caller which outcome each of n
 * alternatives gets under those weights (the whole allocation, capacities
 * included), and counts. The results per alternative are its outcome
 * acceptability indices (the share of samples giving each outcome) and,
 * for each outcome, the central weight vector (the mean of the weights that
 * gave it).
 *
 * After Lahdelma, Hokkanen and Salminen, "SMAA - Stochastic multiobjective
 * acceptability analysis", EJOR 106 (1998), and Tervonen and Figueira, "A
 * survey on stochastic multicriteria acceptability analysis methods",
 * J. Multi-Crit. Decis. Anal. 15 (2008). Outcomes here are a tier, the
 * waitlist, review or reject rather than ranks: what a committee acts on.
 *
 * Reproducible: samples are drawn in chunks of ASSAY_SMAA_CHUNK, chunk c
 * from its own generator seeded from (seed, c), and chunks are summed in
 * chunk order, so the result is the same bytes for every thread count. */
#ifndef ASSAY_SMAA_H
#define ASSAY_SMAA_H

#include <stddef.h>
#include <stdint.h>

#define ASSAY_SMAA_CHUNK 256u

/* An ordering between two criteria: weight[heavier] >= weight[lighter]. */
typedef struct assay_smaa_order {
    size_t heavier, lighter;
} assay_smaa_order;

/* Where the weights may lie. lower/upper may be NULL (0 and 1); fixed[i]
 * non-zero fixes weight i at lower[i] (lower must then be given). */
typedef struct assay_smaa_space {
    size_t k;
    const double *lower, *upper;
    const unsigned char *fixed;
    const assay_smaa_order *orders;
    size_t order_count;
} assay_smaa_space;

/* The caller's model: the outcome (0 .. outcomes-1) of each of the n
 * alternatives under weights w (k of them, summing to 1). Called from
 * several threads at once, each with its own scratch from scratch_new. */
typedef struct assay_smaa_model {
    size_t n, outcomes;
    void *shared;
    void *(*scratch_new)(void *shared);
    void (*scratch_free)(void *scratch);
    /* 0, or non-zero to stop the analysis (the model's own failure). */
    int (*outcome)(void *shared, void *scratch, const double *w,
                   uint32_t *outcome_of);
} assay_smaa_model;

typedef struct assay_smaa_result {
    size_t n, k, outcomes, samples;
    uint64_t *count;  /* n * outcomes: samples giving alternative i outcome o */
    double *central;  /* n * outcomes * k: mean weights giving that outcome */
    uint64_t tries;   /* weight vectors drawn, rejected ones included */
} assay_smaa_result;

/* The samples needed for a Monte Carlo error of at most `error` (a 95%
 * half-width, at worst p = 1/2) on every acceptability: 0.9604/error^2,
 * rounded up. */
size_t assay_smaa_samples_for(double error);

/* The 95% half-width of an acceptability estimated from `samples`. */
double assay_smaa_error_of(size_t samples);

/* Checks the space: bounds within [0, 1], lower <= upper, fixed weights
 * summing to at most 1, the free weights able to meet their bounds, valid
 * indexes. 0, or -1 with a message in err. */
int assay_smaa_space_check(const assay_smaa_space *s, char *err,
                           size_t err_size);

/* Runs `samples` samples on `threads` threads (1 or more). 0 on success;
 * -1 with a message in err when the space is empty or so small that
 * rejection cannot find it (fewer than 1 in 100,000 draws land in it), or
 * the model failed. */
int assay_smaa_run(const assay_smaa_space *s, const assay_smaa_model *m,
                   size_t samples, uint64_t seed, unsigned threads,
                   assay_smaa_result *out, char *err, size_t err_size);

void assay_smaa_result_free(assay_smaa_result *r);

#endif
