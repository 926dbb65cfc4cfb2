/* Output records: one JSON object a line. Field names and order are part
 * of the interface (docs/output.md).
 *
 * A scored record (assay score) holds what one record's evaluation gives:
 *   id, line, part, status "ok", domains, claimed, requests, findings,
 *   vetoes, flags
 * and a decision record (assay decide, assay run) what the batch decides:
 *   id, line, status "ok", rank, decision, benefits, score, strategy,
 *   counted, weights, domains, findings, vetoes, flags, why, why_not.
 * Error records are {id?, line, [part,] status "error", error}. */
#ifndef ASSAY_OUTPUT_H
#define ASSAY_OUTPUT_H

#include <cjson/cJSON.h>

#include "decide/allocation.h"
#include "util/buffer.h"
#include "engine/result.h"

/* Appends the scored record of an evaluated input line (no newline). */
void assay_output_scored(assay_buffer *out, const char *id, size_t line,
                         unsigned long long part, const assay_result *r);
/* Appends a scored error record; id may be NULL when none could be read. */
void assay_output_scored_error(assay_buffer *out, const char *id, size_t line,
                               unsigned long long part, const char *message);

/* Appends the decision record for the scored record `scored` (as parsed
 * from assay score's output) and its allocated candidate c; counted[d]
 * (p->domain_count entries) marks the domains its score was made of, as
 * the strategy chose them (assay_strategy_counted). */
void assay_output_decision(assay_buffer *out, const cJSON *scored,
                           const assay_policy *p, const assay_tier_fill *fill,
                           const assay_candidate *c,
                           const unsigned char *counted, size_t ranked);
/* Appends a decision error record; id may be NULL. */
void assay_output_error(assay_buffer *out, const char *id, size_t line,
                        const char *message);

#endif
