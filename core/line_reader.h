/* Reads JSON Lines input a line at a time with a cap on line length: a
 * longer line is skipped to its end and reported, never held in memory. */
#ifndef ASSAY_LINE_READER_H
#define ASSAY_LINE_READER_H

#include <stdio.h>

#include "buffer.h"

/* Default longest input line: 1 MiB, far above any real application. */
#define ASSAY_DEFAULT_MAX_LINE (1u << 20)

typedef struct assay_line_reader {
    FILE *in;
    size_t max_line;
    size_t line; /* number of the line last returned, from 1 */
    assay_buffer buf;
} assay_line_reader;

typedef enum assay_line_status {
    ASSAY_LINE_OK,       /* text holds the line, without its newline */
    ASSAY_LINE_TOO_LONG, /* the line exceeded max_line and was skipped */
    ASSAY_LINE_END,      /* no more input */
    ASSAY_LINE_IO_ERROR  /* a read error: errno tells */
} assay_line_status;

void assay_line_reader_init(assay_line_reader *r, FILE *in, size_t max_line);
void assay_line_reader_free(assay_line_reader *r);
/* The next line; *text and *len valid until the next call. */
assay_line_status assay_line_reader_next(assay_line_reader *r,
                                         const char **text, size_t *len);
/* 1 if the text is only whitespace (such lines produce no output). */
int assay_line_is_blank(const char *text, size_t len);

#endif
