/* The letter to one applicant (assay letters): what was decided, why, why
 * not each tier above, how the application was judged, and, for an
 * application that was held or could not be scored, what is missing.
 *
 * A letter is built as a short list of blocks (a title, paragraphs,
 * headed lists) from one decision record, then written as Markdown or as
 * a self-contained HTML page, so the two forms say the same. Every piece
 * of text from the record is escaped for the form it goes into. */
#ifndef ASSAY_LETTER_H
#define ASSAY_LETTER_H

#include <cjson/cJSON.h>

#include "util/buffer.h"

typedef enum assay_letter_format {
    ASSAY_LETTER_MARKDOWN,
    ASSAY_LETTER_HTML
} assay_letter_format;

typedef struct assay_letter_context {
    const char *programme; /* "the programme" when NULL */
    const char *name;      /* the applicant's name from the input, or NULL */
    /* Domain labels, when known (NULL: the domain's name is shown). */
    const char *(*domain_label)(void *data, const char *domain);
    void *label_data;
    /* For a held or unscored application: the fields the rules that count
     * for it read and did not find, one a line, each in the rules' own
     * words ("the number of people in the team
     * (team.size)"); NULL when not known. */
    const char *missing;
} assay_letter_context;

/* Appends the letter for decision record `decision` (a line of `assay run`
 * or `assay decide` output, error records included). */
void assay_letter_write(assay_buffer *out, const cJSON *decision,
                        const assay_letter_context *ctx,
                        assay_letter_format format);

#endif
