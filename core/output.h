/* Output records: one JSON object a line. Field names and order are part
 * of the interface (docs/output.md). */
#ifndef ASSAY_OUTPUT_H
#define ASSAY_OUTPUT_H

#include "buffer.h"
#include "result.h"

/* Appends the record for a successfully evaluated input line (no newline). */
void assay_output_result(assay_buffer *out, const char *id, size_t line,
                         const assay_result *r);
/* Appends an error record; id may be NULL when none could be read. */
void assay_output_error(assay_buffer *out, const char *id, size_t line,
                        const char *message);

#endif
