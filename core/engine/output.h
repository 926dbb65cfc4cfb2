/* Output records: one JSON object a line. Field names and order are part
 * of the interface (docs/output.md).
 *
 * A scored record (assay score) holds what one record's evaluation gives:
 *   id, line, part, status "ok", domains, claimed, requests, findings,
 *   vetoes, flags, fingerprint
 * Error records are {id?, line, part, status "error", error}. Decision
 * records are written by decide/decision_output.h. */
#ifndef ASSAY_OUTPUT_H
#define ASSAY_OUTPUT_H

#include <cjson/cJSON.h>

#include "util/buffer.h"
#include "util/json_members.h"
#include "engine/result.h"

/* Appends the scored record of an evaluated input line (no newline);
 * fingerprint is the plugin set's (engine/fingerprint.h), or NULL for
 * none. */
void assay_output_scored(assay_buffer *out, const char *id, size_t line,
                         unsigned long long part, const char *fingerprint,
                         const assay_result *r);
/* Appends a scored error record; id may be NULL when none could be read. */
void assay_output_scored_error(assay_buffer *out, const char *id, size_t line,
                               unsigned long long part, const char *message);

/* Appends {"id":...,"line":... , the head every output record opens with
 * (the id left out when it is NULL); decision records share it. */
void assay_output_head(assay_buffer *out, const char *id, size_t line);

#endif
