#include "decide/allocation.h"

#include <stdlib.h>
#include <string.h>

#include "util/index_sort.h"

/* One a record, in decide's memory a record: the flags are bit-fields. */
_Static_assert(sizeof(assay_candidate) <= 64, "a candidate of 64 bytes");

/* ---- ranking ---------------------------------------------------------- */

static int compare_rank(uint32_t ia, uint32_t ib, const void *context)
{
    const assay_candidate *a = (const assay_candidate *)context + ia;
    const assay_candidate *b = (const assay_candidate *)context + ib;
    if (a->scored != b->scored)
        return a->scored ? -1 : 1;
    if (a->scored && a->score != b->score)
        return a->score > b->score ? -1 : 1;
    if (a->domain_count != b->domain_count)
        return a->domain_count > b->domain_count ? -1 : 1;
    int c = strcmp(a->id, b->id); /* bytewise: strcmp compares unsigned */
    if (c)
        return c;
    if (a->part != b->part)
        return a->part < b->part ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line;
}

/* Which step of compare_rank orders a before b, two scored records with
 * the same score. */
static assay_tie_break settled_by(const assay_candidate *a,
                                  const assay_candidate *b)
{
    if (a->domain_count != b->domain_count)
        return ASSAY_TIE_EVIDENCE;
    if (strcmp(a->id, b->id) != 0)
        return ASSAY_TIE_ID;
    return ASSAY_TIE_INPUT_ORDER;
}

const char *assay_tie_break_name(assay_tie_break t)
{
    static const char *const names[] = {"none", "more domain scores",
                                        "smaller id", "input order"};
    return names[t];
}

/* ---- deciding --------------------------------------------------------- */

assay_action assay_allocation_action(const assay_policy *p,
                                     const assay_candidate *c,
                                     assay_cause *cause)
{
    assay_action action = ASSAY_ACTION_NONE;
    *cause = ASSAY_CAUSE_NONE;
    /* The strongest action wins; a veto outranks a flag at equal action. */
    if (!c->scored && p->on_unscored > action) {
        action = p->on_unscored;
        *cause = ASSAY_CAUSE_UNSCORED;
    }
    if (c->vetoed && p->on_veto > action) {
        action = p->on_veto;
        *cause = ASSAY_CAUSE_VETO;
    }
    if (c->flagged && p->on_flag > action) {
        action = p->on_flag;
        *cause = ASSAY_CAUSE_FLAG;
    }
    return action;
}

int assay_allocation_reach(const assay_policy *p, const assay_candidate *c,
                           size_t from)
{
    for (size_t t = from; t < p->tier_count; t++)
        if (c->scored && c->score >= p->tiers[t].min_score &&
            assay_tier_accepts(&p->tiers[t], c->requests, c->request_count))
            return (int)t;
    return -1;
}

void assay_allocate(const assay_policy *p, assay_candidate *c, size_t n,
                    assay_tier_fill *fill)
{
    memset(fill, 0, p->tier_count * sizeof *fill);
    /* 4-byte indexes sorted in place: pointers, and qsort's copy of them,
     * were 16 bytes a record at decide's peak. The order is total (keys
     * are unique), so no two sorts can differ. */
    uint32_t *order = n < UINT32_MAX ? malloc((n ? n : 1) * sizeof *order)
                                     : NULL;
    if (!order)
        abort();
    for (size_t i = 0; i < n; i++)
        order[i] = (uint32_t)i;
    assay_index_sort(order, n, compare_rank, c);
    /* Each tier's last seated record so far, for the tie-break's name. */
    const assay_candidate **last = calloc(p->tier_count ? p->tier_count : 1,
                                          sizeof *last);
    if (!last)
        abort();
    size_t waitlisted = 0;
    for (size_t i = 0; i < n; i++) {
        assay_candidate *x = &c[order[i]];
        assay_cause cause;
        assay_action action = assay_allocation_action(p, x, &cause);
        x->rank = (uint32_t)(i + 1);
        x->tier = -1;
        x->tie_tier = -1;
        x->position = 0;
        x->lowered = action == ASSAY_ACTION_LOWER;
        x->cause = (unsigned char)cause;
        if (action == ASSAY_ACTION_REJECT || action == ASSAY_ACTION_REVIEW) {
            x->outcome = action == ASSAY_ACTION_REJECT ? ASSAY_OUTCOME_REJECT
                                                       : ASSAY_OUTCOME_REVIEW;
            continue;
        }
        int best = assay_allocation_reach(p, x, 0);
        if (best >= 0 && x->lowered)
            best = assay_allocation_reach(p, x, (size_t)best + 1);
        for (int t = best; t >= 0 && (size_t)t < p->tier_count;
             t = assay_allocation_reach(p, x, (size_t)t + 1)) {
            if (fill[t].used < p->tiers[t].capacity) {
                x->tier = (int16_t)t;
                x->position = (uint32_t)++fill[t].used;
                fill[t].cutoff_rank = x->rank;
                fill[t].cutoff_score = x->score;
                last[t] = x;
                break;
            }
            if (last[t] && x->score == fill[t].cutoff_score) {
                /* Full at this very score: lost to the tie-break. */
                if (!fill[t].tied_unseated++)
                    fill[t].settled_by =
                        (unsigned char)settled_by(last[t], x);
                if (x->tie_tier < 0)
                    x->tie_tier = (int16_t)t;
            }
        }
        if (x->tier >= 0)
            x->outcome = ASSAY_OUTCOME_TIER;
        else if (best >= 0 && waitlisted < p->waitlist) {
            x->outcome = ASSAY_OUTCOME_WAITLIST;
            x->position = (uint32_t)++waitlisted;
        } else
            x->outcome = ASSAY_OUTCOME_REJECT;
    }
    /* The other side of each tie: the seats given at the cut-off score. */
    for (size_t i = 0; i < n; i++) {
        assay_candidate *x = &c[order[i]];
        if (x->outcome != ASSAY_OUTCOME_TIER ||
            !fill[x->tier].tied_unseated ||
            x->score != fill[x->tier].cutoff_score)
            continue;
        fill[x->tier].tied_seated++;
        if (x->tie_tier < 0 || x->tie_tier > x->tier)
            x->tie_tier = x->tier;
    }
    free(last);
    free(order);
}
