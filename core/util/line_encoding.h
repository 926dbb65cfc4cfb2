/* What an input line that does not read as a JSON Lines record most
 * likely is, when the cause is the file's encoding or line endings rather
 * than the record: the messages then say how to convert the file. Only
 * asked about lines already refused, so good input costs nothing. */
#ifndef ASSAY_LINE_ENCODING_H
#define ASSAY_LINE_ENCODING_H

#include <stddef.h>

/* 16 or 32 when a line holding NUL bytes looks like UTF-16 or UTF-32 text
 * (a byte-order mark, or NULs in every other or three bytes out of four,
 * as ASCII characters have them), else 0. */
int assay_line_wide_encoding(const char *text, size_t len);

/* How many pieces of text a CR (old Mac line ending) separates the line
 * into, counting those that are not blank: 2 or more when the CRs are the
 * file's line endings, else 0 or 1. */
size_t assay_line_cr_pieces(const char *text, size_t len);

/* The message's advice for CR-only line endings. */
#define ASSAY_CR_ADVICE                                                      \
    "convert them with tr '\\r' '\\n' <FILE >FILE.jsonl"

#endif
