/* Committee overrides: decisions the committee takes in assay's place,
 * read from a committee file (decide/committee_file.h) with the columns
 *   id, decision, reason, who, when   (all required)
 * where decision is a tier's name, waitlist, review or reject.
 *
 * They are applied after the allocation, in the file's order, so that
 * every record can show what assay would have decided beside what the
 * committee decided (docs/office.md):
 *   - an application overridden out of a seat leaves that seat free (the
 *     committee gives it with another override);
 *   - an application overridden into a tier that has a free seat takes it;
 *     when the tier is full, its lowest-ranked holder that no override
 *     placed moves to the waitlist (ahead of its capacity, if need be),
 *     and both records say so;
 *   - the waitlist is then numbered again in rank order.
 * Capacities always hold: an override into a tier every seat of which an
 * override already holds is an error. */
#ifndef ASSAY_OVERRIDES_H
#define ASSAY_OVERRIDES_H

#include <stddef.h>
#include <stdint.h>

#include "decide/allocation.h"
#include "decide/committee_file.h"
#include "decide/policy.h"

typedef struct assay_override {
    size_t line;
    const char *id, *decision, *reason, *who, *when; /* in the file */
    unsigned char outcome; /* assay_outcome */
    int16_t tier;          /* for ASSAY_OUTCOME_TIER, else -1 */
} assay_override;

typedef struct assay_overrides {
    assay_committee_file file;
    assay_override *items;
    size_t count;
} assay_overrides;

/* What overrides did to one candidate. */
typedef struct assay_override_note {
    const assay_override *override; /* the committee's decision on it */
    const assay_override *displaced_by; /* the override that took its seat */
    int64_t displaced;    /* overridden: the candidate it displaced, or -1 */
    int64_t displacer;    /* displaced: the candidate that took its seat */
    int noted;            /* either of the above */
    assay_candidate original; /* assay's own decision */
} assay_override_note;

/* Reads the overrides at path; NULL after printing every problem as
 * "path:line: what; what to do" (an unknown decision, with did you mean;
 * a second override of the same id). */
assay_overrides *assay_overrides_read(const assay_policy *p, const char *path);
void assay_overrides_free(assay_overrides *o);

/* Applies o to the n allocated candidates c (skip[i] set: not ranked, an
 * error record), updating fill and filling notes[n] (zeroed first).
 * Returns 0, or non-zero after printing "path:line: ..." for an id no
 * candidate has, or a tier full of overrides. */
int assay_overrides_apply(const assay_overrides *o, const assay_policy *p,
                          assay_candidate *c, size_t n,
                          const unsigned char *skip, assay_tier_fill *fill,
                          assay_override_note *notes);

#endif
