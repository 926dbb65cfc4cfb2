#include "decide/explanation.h"

#include <stdlib.h>

/* The texts are built from puts and the number writers of buffer.h, not
 * printf: decide writes one explanation a record, and printf's reading of
 * its formats cost more than the text. Scores read as in records
 * (assay_json_score). */

const char *assay_explanation_decision(const assay_policy *p,
                                       const assay_candidate *c)
{
    switch (c->outcome) {
    case ASSAY_OUTCOME_TIER:
        return p->tiers[c->tier].name;
    case ASSAY_OUTCOME_WAITLIST:
        return "waitlist";
    case ASSAY_OUTCOME_REVIEW:
        return "review";
    default:
        return "reject";
    }
}

/* "rule R vetoed it: reason" and the like. */
static void cause_text(assay_buffer *b, const assay_candidate *c,
                       const assay_cause_mark *mark)
{
    if (c->cause == ASSAY_CAUSE_UNSCORED) {
        assay_buffer_puts(b, "no rule applied to it, so it has no score");
        return;
    }
    assay_buffer_puts(b, "rule ");
    assay_buffer_puts(b, mark->rule ? mark->rule : "?");
    assay_buffer_puts(b, c->cause == ASSAY_CAUSE_VETO ? " vetoed it: "
                                                      : " flagged it: ");
    assay_buffer_puts(b, mark->reason ? mark->reason : "");
}

/* ": qualifies for T, but its N seats were filled". */
static void seats_filled(assay_buffer *b, const assay_tier *tier)
{
    assay_buffer_puts(b, ": qualifies for ");
    assay_buffer_puts(b, tier->name);
    assay_buffer_puts(b, ", but its ");
    assay_json_uint(b, tier->capacity);
    assay_buffer_puts(b, " seats were filled");
}

static void why_text(assay_buffer *b, const assay_policy *p,
                     const assay_candidate *c, size_t ranked,
                     const assay_cause_mark *mark)
{
    if (c->outcome == ASSAY_OUTCOME_REVIEW ||
        (c->outcome == ASSAY_OUTCOME_REJECT && c->cause != ASSAY_CAUSE_NONE &&
         !c->lowered)) {
        assay_buffer_puts(b, c->outcome == ASSAY_OUTCOME_REVIEW
                                 ? "Held for human review: "
                                 : "Rejected: ");
        cause_text(b, c, mark);
        assay_buffer_putc(b, '.');
        return;
    }
    assay_buffer_puts(b, "Ranked ");
    assay_json_uint(b, c->rank);
    assay_buffer_puts(b, " of ");
    assay_json_uint(b, ranked);
    assay_buffer_puts(b, " with score ");
    assay_json_score(b, c->score);
    int reach = assay_allocation_reach(p, c, 0);
    if (c->lowered && reach >= 0)
        reach = assay_allocation_reach(p, c, (size_t)reach + 1);
    switch (c->outcome) {
    case ASSAY_OUTCOME_TIER:
        assay_buffer_puts(b, ": given ");
        assay_buffer_puts(b, p->tiers[c->tier].name);
        assay_buffer_puts(b, ", seat ");
        assay_json_uint(b, c->position);
        assay_buffer_puts(b, " of ");
        assay_json_uint(b, p->tiers[c->tier].capacity);
        break;
    case ASSAY_OUTCOME_WAITLIST:
        seats_filled(b, &p->tiers[reach]);
        assay_buffer_puts(b, "; waitlist position ");
        assay_json_uint(b, c->position);
        assay_buffer_puts(b, " of ");
        assay_json_uint(b, p->waitlist);
        break;
    default:
        if (reach >= 0) {
            seats_filled(b, &p->tiers[reach]);
            assay_buffer_puts(b, " and the waitlist of ");
            assay_json_uint(b, p->waitlist);
            assay_buffer_puts(b, " is full");
        } else {
            /* Every request the policy knows is one some tier requires. */
            if (c->request_count == 0) {
                assay_buffer_puts(b, ": it requested none of what the "
                                     "tiers offer (");
                uint32_t *all = malloc((p->request_count ? p->request_count
                                                         : 1) *
                                       sizeof *all);
                if (!all)
                    abort();
                for (size_t r = 0; r < p->request_count; r++)
                    all[r] = (uint32_t)r;
                assay_policy_request_text(p, all, p->request_count, b);
                free(all);
                assay_buffer_putc(b, ')');
            } else
                assay_buffer_puts(b, ": below the minimum score of every "
                                     "tier it requested");
        }
    }
    if (c->lowered) {
        assay_buffer_puts(b, "; lowered one tier because ");
        cause_text(b, c, mark);
    }
    assay_buffer_putc(b, '.');
}

/* Why candidate c did not get tier t (a tier above the one given). */
static void why_not_text(assay_buffer *b, const assay_policy *p,
                         const assay_tier_fill *fill, const assay_candidate *c,
                         size_t t, const assay_cause_mark *mark)
{
    const assay_tier *tier = &p->tiers[t];
    if (c->outcome == ASSAY_OUTCOME_REVIEW ||
        (c->outcome == ASSAY_OUTCOME_REJECT && c->cause != ASSAY_CAUSE_NONE &&
         !c->lowered)) {
        assay_buffer_puts(b, c->outcome == ASSAY_OUTCOME_REVIEW
                                 ? "held for human review: "
                                 : "rejected: ");
        cause_text(b, c, mark);
    } else if (!assay_tier_accepts(tier, c->requests, c->request_count)) {
        assay_buffer_puts(b, "not requested (it needs a request for ");
        assay_policy_request_text(p, tier->requires, tier->require_count, b);
        assay_buffer_putc(b, ')');
    } else if (c->score < tier->min_score) {
        assay_buffer_puts(b, "score ");
        assay_json_score(b, c->score);
        assay_buffer_puts(b, " is ");
        assay_json_score(b, tier->min_score - c->score);
        assay_buffer_puts(b, " below the minimum ");
        assay_json_score(b, tier->min_score);
    } else if (c->lowered && (int)t == assay_allocation_reach(p, c, 0)) {
        assay_buffer_puts(b, "lowered one tier because ");
        cause_text(b, c, mark);
    } else if (tier->capacity == 0) {
        assay_buffer_puts(b, "the tier has no seats");
    } else {
        assay_buffer_puts(b, "all ");
        assay_json_uint(b, tier->capacity);
        assay_buffer_puts(b, " seats filled at rank ");
        assay_json_uint(b, fill[t].cutoff_rank);
        assay_buffer_puts(b, " with cut-off score ");
        assay_json_score(b, fill[t].cutoff_score);
        if (c->score == fill[t].cutoff_score && fill[t].tied_unseated) {
            assay_buffer_puts(b, "; a tie at that score, lost on the "
                                 "tie-break (");
            assay_buffer_puts(b, assay_tie_break_name(
                                     (assay_tie_break)fill[t].settled_by));
            assay_buffer_putc(b, ')');
        }
    }
}

/* ,"tie":{...} for a record on either side of a tie at a cut-off. */
static void tie_member(assay_buffer *out, const assay_policy *p,
                       const assay_tier_fill *fill, const assay_candidate *c)
{
    if (c->tie_tier < 0)
        return;
    const assay_tier_fill *f = &fill[c->tie_tier];
    ASSAY_JSON_KEY(out, "tie");
    assay_buffer_putc(out, '{');
    assay_json_key(out, "tier", 1);
    assay_json_string(out, p->tiers[c->tie_tier].name);
    ASSAY_JSON_KEY(out, "score");
    assay_json_score(out, f->cutoff_score);
    ASSAY_JSON_KEY(out, "seated");
    assay_json_uint(out, f->tied_seated);
    ASSAY_JSON_KEY(out, "unseated");
    assay_json_uint(out, f->tied_unseated);
    ASSAY_JSON_KEY(out, "settled_by");
    assay_json_string(out, assay_tie_break_name(
                               (assay_tie_break)f->settled_by));
    assay_buffer_putc(out, '}');
}

void assay_explanation_write(assay_buffer *out, const assay_policy *p,
                             const assay_tier_fill *fill,
                             const assay_candidate *c, size_t ranked,
                             const assay_cause_mark *mark)
{
    assay_buffer text;
    assay_buffer_init(&text);
    why_text(&text, p, c, ranked, mark);
    ASSAY_JSON_KEY(out, "why");
    assay_json_string(out, assay_buffer_cstr(&text));
    ASSAY_JSON_KEY(out, "why_not");
    assay_buffer_putc(out, '[');
    size_t above = c->outcome == ASSAY_OUTCOME_TIER ? (size_t)c->tier
                                                    : p->tier_count;
    for (size_t t = 0; t < above; t++) {
        if (t)
            assay_buffer_putc(out, ',');
        assay_buffer_reset(&text);
        why_not_text(&text, p, fill, c, t, mark);
        assay_buffer_putc(out, '{');
        assay_json_key(out, "tier", 1);
        assay_json_string(out, p->tiers[t].name);
        ASSAY_JSON_KEY(out, "reason");
        assay_json_string(out, assay_buffer_cstr(&text));
        assay_buffer_putc(out, '}');
    }
    assay_buffer_putc(out, ']');
    tie_member(out, p, fill, c);
    assay_buffer_free(&text);
}
