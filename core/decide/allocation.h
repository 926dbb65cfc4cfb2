/* Allocation: from overall scores to decisions.
 *
 * Ranking: records with a score come first, by score (as printed, 4
 * decimals) from the highest; ties go to the record with more domain
 * scores (more evidence), then to the smaller id compared bytewise, then to
 * the smaller (part, line) key. Rank 1 is the best.
 *
 * Walk: in rank order, a record whose veto, flag or missing score calls
 * for reject or review gets that (a review keeps its rank and takes no
 * seat). Any other record is given the highest tier whose minimum score it
 * reaches, whose request it made and that has a seat left; a record the
 * policy lowers by one tier first loses the highest tier it reaches on
 * score and request. A record that reaches a tier on score and request
 * but found no seat goes on the waitlist, in rank order, while it has
 * room; every other record is rejected.
 *
 * Ties: a record that reached a full tier on score and request with the
 * very score (as printed) of the tier's last seat lost that seat to the
 * tie-break alone. Both sides are marked (tie_tier), and the tier's fill
 * says how many were on each side and which step of the tie-break
 * settled it. */
#ifndef ASSAY_ALLOCATION_H
#define ASSAY_ALLOCATION_H

#include <stddef.h>
#include <stdint.h>

#include "decide/policy.h"

typedef enum assay_outcome {
    ASSAY_OUTCOME_TIER,
    ASSAY_OUTCOME_WAITLIST,
    ASSAY_OUTCOME_REVIEW,
    ASSAY_OUTCOME_REJECT
} assay_outcome;

/* Why a record was held or rejected outright (not for want of a seat). */
typedef enum assay_cause {
    ASSAY_CAUSE_NONE,
    ASSAY_CAUSE_VETO,
    ASSAY_CAUSE_FLAG,
    ASSAY_CAUSE_UNSCORED
} assay_cause;

/* The step of the ranking's tie-break that put one of two records with
 * the same score first. */
typedef enum assay_tie_break {
    ASSAY_TIE_NONE,
    ASSAY_TIE_EVIDENCE,   /* more domain scores */
    ASSAY_TIE_ID,         /* the smaller id */
    ASSAY_TIE_INPUT_ORDER /* the smaller (part, line) */
} assay_tie_break;

/* "more domain scores", "smaller id", "input order". */
const char *assay_tie_break_name(assay_tie_break t);

typedef struct assay_candidate {
    /* 64 bytes, one a record (decide's memory a record is a target,
     * docs/performance.md): the pointers and 8-byte members first, the
     * small ones packed behind them. */
    /* Input. */
    const char *id;
    uint64_t part, line; /* the stable key */
    double score;        /* rounded to 4 decimals */
    const uint32_t *requests; /* policy request indexes, ascending */
    uint32_t domain_count;    /* domain scores the record has */
    uint32_t request_count;
    /* Output. */
    uint32_t rank;
    uint32_t position; /* seat number in the tier, or waitlist position */
    int16_t tier;      /* the tier given, or -1 */
    int16_t tie_tier;  /* the highest tier whose cut-off it tied at: it got
                          the last seats at that score, or lost them by the
                          tie-break; -1: none */
    /* Input. */
    unsigned scored : 1;
    unsigned vetoed : 1, flagged : 1;
    /* Output. */
    unsigned outcome : 2; /* assay_outcome */
    unsigned cause : 2;   /* assay_cause of a review, an outright reject or
                             a lowering */
    unsigned lowered : 1; /* lost its best tier to a veto or flag */
} assay_candidate;

typedef struct assay_tier_fill {
    size_t used;
    uint32_t cutoff_rank; /* rank of the last record seated; 0: none */
    double cutoff_score;
    /* A tie at the cut-off: records at cutoff_score that got a seat and
     * that reached the tier but found none; settled_by is the step that
     * ranked the last seated record before the first one left out. */
    uint32_t tied_seated, tied_unseated;
    unsigned char settled_by; /* assay_tie_break; NONE: no tie */
} assay_tier_fill;

/* Ranks and decides n candidates under p, filling their output fields
 * and fill[p->tier_count]. */
void assay_allocate(const assay_policy *p, assay_candidate *c, size_t n,
                    assay_tier_fill *fill);

/* The index of the highest tier candidate c reaches on score and request
 * at or below tier `from`, or -1. */
int assay_allocation_reach(const assay_policy *p, const assay_candidate *c,
                           size_t from);

/* The action the policy takes on c before any tier is considered, and why. */
assay_action assay_allocation_action(const assay_policy *p,
                                     const assay_candidate *c,
                                     assay_cause *cause);

#endif
