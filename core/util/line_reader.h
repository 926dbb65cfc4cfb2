/* Reads JSON Lines input a block at a time (fread) and hands out its lines
 * without copying them. A line ends at '\n'; a '\r' before it is dropped; a
 * last line without '\n' still counts. A line longer than the limit is
 * skipped to its end and reported, never held in memory; a line holding a
 * NUL byte is reported too, since no JSON text may contain one. */
#ifndef ASSAY_LINE_READER_H
#define ASSAY_LINE_READER_H

#include <stdio.h>

/* Default longest input line: 1 MiB, far above any real application
 * (docs/performance.md). Memory held by the reader is at most this plus
 * one read block. */
#define ASSAY_DEFAULT_MAX_LINE (1u << 20)

/* Bytes asked of fread at a time. */
#define ASSAY_LINE_READER_BLOCK (256u << 10)

typedef struct assay_line_reader {
    FILE *in;
    size_t max_line;
    size_t line;     /* number of the line last returned, from 1 */
    size_t consumed; /* input bytes consumed by the lines returned so far */
    char *buf;
    size_t cap, start, end; /* unread lines are buf[start, end) */
    int eof, skipping;
    /* For a line returned ASSAY_LINE_TOO_LONG: 1 if the part skipped held
     * a CR before its last byte (CR-only line endings, util/line_encoding.h),
     * since the text itself is gone. */
    int skipped_cr;
} assay_line_reader;

typedef enum assay_line_status {
    ASSAY_LINE_OK,       /* text holds the line, without its line ending */
    ASSAY_LINE_TOO_LONG, /* the line exceeded max_line and was skipped */
    ASSAY_LINE_NUL,      /* the line holds a NUL byte; text holds it all */
    ASSAY_LINE_END,      /* no more input */
    ASSAY_LINE_IO_ERROR  /* a read error: errno tells */
} assay_line_status;

void assay_line_reader_init(assay_line_reader *r, FILE *in, size_t max_line);
void assay_line_reader_free(assay_line_reader *r);
/* The next line; *text and *len stay valid until the next call. The text
 * is not NUL-terminated. Aborts when out of memory (see assay_buffer). */
assay_line_status assay_line_reader_next(assay_line_reader *r,
                                         const char **text, size_t *len);
/* 1 if the text is only whitespace (such lines produce no output). */
int assay_line_is_blank(const char *text, size_t len);

#endif
