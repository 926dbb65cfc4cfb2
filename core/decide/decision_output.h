/* Decision records (assay decide, assay run): what the batch decides, one
 * JSON object a line. Field names and order are part of the interface
 * (docs/output.md):
 *   id, line, status "ok", rank, decision, benefits, score, strategy,
 *   counted, weights, domains, findings, vetoes, flags, why, why_not.
 * Error records are {id?, line, status "error", error}. */
#ifndef ASSAY_DECISION_OUTPUT_H
#define ASSAY_DECISION_OUTPUT_H

#include <cjson/cJSON.h>

#include "decide/allocation.h"
#include "decide/scored_record_scan.h"
#include "util/buffer.h"
#include "util/json_members.h"

/* What assay decide adds to a scored record's own evidence: the review
 * panel's findings, its domain score and its "panel" object (each NULL or
 * 0 when there is none). */
typedef struct assay_decision_extra {
    const char *domain; /* the domain of the score below */
    double score;
    int scored;
    const char *findings; /* JSON items, comma-separated, appended */
    const char *panel;    /* a JSON object, written as "panel" */
    /* A committee override (decide/overrides.h): why replaces the
     * explanation's sentence; audit (JSON members) is written as the
     * object audit_key, with assay's own decision of original, under
     * original_fill, as its "assay". */
    const char *why;
    const char *audit_key, *audit;
    const assay_candidate *original;
    const assay_tier_fill *original_fill;
} assay_decision_extra;

/* Appends the decision record for the scored record `scored` (as parsed
 * from assay score's output) and its allocated candidate c; counted[d]
 * (p->domain_count entries) marks the domains its score was made of, as
 * the strategy chose them (assay_strategy_counted); extra may be NULL. */
void assay_output_decision(assay_buffer *out, const cJSON *scored,
                           const assay_policy *p, const assay_tier_fill *fill,
                           const assay_candidate *c,
                           const unsigned char *counted, size_t ranked,
                           const assay_decision_extra *extra);
/* The same from the scored record's text, its top-level members as
 * assay_json_members found them: domains, findings, vetoes and flags are
 * copied as they are written, without parsing them (only the list of
 * vetoes or flags a decision rests on is parsed, for the first one's rule
 * and reason). Not for a record the committee adds to
 * (assay_decision_extra). */
void assay_output_decision_copied(assay_buffer *out,
                                  const assay_json_member *members,
                                  size_t member_count, const assay_policy *p,
                                  const assay_tier_fill *fill,
                                  const assay_candidate *c,
                                  const unsigned char *counted, size_t ranked);
/* The same from the text of a record in score's own layout: its domains
 * and the run of findings, vetoes and flags are copied from the spans
 * found (decide/scored_record_scan.h), found with_marks when the decision
 * rests on a veto or flag; byte for byte what
 * assay_output_decision_copied writes. */
void assay_output_decision_spans(assay_buffer *out, const char *text,
                                 const assay_scored_spans *spans,
                                 const assay_policy *p,
                                 const assay_tier_fill *fill,
                                 const assay_candidate *c,
                                 const unsigned char *counted, size_t ranked);
/* Appends a decision error record; id may be NULL. */
void assay_output_error(assay_buffer *out, const char *id, size_t line,
                        const char *message);

#endif
