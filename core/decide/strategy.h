/* Overall scores: a record's domain scores combined by the policy's
 * strategy. Which domains count is the policy's too: a domain with weight
 * 0 never counts; a scored domain counts when the record claims it, when
 * the policy declares it `always`, when the record claims no domain at
 * all, or when the policy includes unclaimed domains; a claimed domain without a score
 * counts as 0 when the policy says missing "zero". A record with no
 * counted domain has no overall score. Scores are rounded to the 4
 * decimals they are printed with before anything compares them. */
#ifndef ASSAY_STRATEGY_H
#define ASSAY_STRATEGY_H

#include <stddef.h>
#include <stdint.h>

#include "decide/policy.h"

struct assay_result;

/* A domain score; domain is an index in the policy's domains. Packed to
 * 12 bytes: decide keeps about two a record (its memory a record is a
 * target, docs/performance.md), and x86-64 and AArch64 read an unaligned
 * double at full speed. Read its members, never through a pointer to
 * one. */
typedef struct __attribute__((packed)) assay_domain_score {
    uint32_t domain;
    double score;
} assay_domain_score;

/* The domain scores of one record, as a scored record carries them: only
 * the domains it has, so a run may declare any number. */
typedef struct assay_domain_scores {
    const assay_domain_score *scores; /* score_count entries */
    const uint32_t *claimed; /* policy indices of the claimed domains */
    /* 32 bits: a record's line is shorter than 4 GiB (decide refuses a
     * longer one), and each entry takes several bytes of it; 24 bytes in
     * all, one a record in decide's memory. */
    uint32_t score_count, claimed_count;
} assay_domain_scores;

/* Sets counted[d] (and value[d], 0 for a missing claimed domain) for the
 * domains that count; both have p->domain_count entries. Returns how many
 * count, or 0 when none of them has a score of its own (zeros for missing
 * domains only dilute real evidence; with none, the record is unscored and
 * the policy's on_unscored acts). */
int assay_strategy_counted(const assay_policy *p, const assay_domain_scores *s,
                           unsigned char *counted, double *value);

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
 * TOPSIS); 1 with *score set, or 0 when it has none, the Lua strategy
 * failed or the policy does not weigh one of its domains. */
int assay_strategy_score_result(assay_policy *p, const struct assay_result *r,
                                double *score);

#endif
