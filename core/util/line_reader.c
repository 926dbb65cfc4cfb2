#include "util/line_reader.h"

#include <stdlib.h>
#include <string.h>

void assay_line_reader_init(assay_line_reader *r, FILE *in, size_t max_line)
{
    memset(r, 0, sizeof *r);
    r->in = in;
    r->max_line = max_line;
}

void assay_line_reader_free(assay_line_reader *r)
{
    free(r->buf);
    r->buf = NULL;
}

/* Makes room for one more block after the unread bytes, moving them to the
 * front, and growing the buffer only while a single line needs it. */
static void make_room(assay_line_reader *r)
{
    size_t pending = r->end - r->start;
    if (r->start > 0) {
        memmove(r->buf, r->buf + r->start, pending);
        r->start = 0;
        r->end = pending;
    }
    if (r->cap - r->end >= ASSAY_LINE_READER_BLOCK)
        return;
    size_t cap = r->cap ? r->cap : ASSAY_LINE_READER_BLOCK;
    while (cap - r->end < ASSAY_LINE_READER_BLOCK)
        cap *= 2;
    char *p = realloc(r->buf, cap);
    if (!p) {
        fputs("assay: out of memory\n", stderr);
        abort();
    }
    r->buf = p;
    r->cap = cap;
}

static assay_line_status finish(assay_line_reader *r, size_t from, size_t to,
                                const char **text, size_t *len)
{
    r->line++;
    r->skipped_cr = r->skipping && r->skipped_cr;
    if (r->skipping) {
        r->skipping = 0;
        return ASSAY_LINE_TOO_LONG;
    }
    size_t n = to - from;
    if (n && r->buf[from + n - 1] == '\r')
        n--;
    if (n > r->max_line)
        return ASSAY_LINE_TOO_LONG;
    *text = r->buf + from;
    *len = n;
    return memchr(*text, '\0', n) ? ASSAY_LINE_NUL : ASSAY_LINE_OK;
}

assay_line_status assay_line_reader_next(assay_line_reader *r,
                                         const char **text, size_t *len)
{
    size_t scanned = r->start; /* no '\n' in buf[start, scanned) */
    for (;;) {
        char *nl = r->end > scanned
                       ? memchr(r->buf + scanned, '\n', r->end - scanned)
                       : NULL;
        if (nl) {
            size_t from = r->start, to = (size_t)(nl - r->buf);
            r->start = to + 1;
            r->consumed += to + 1 - from;
            return finish(r, from, to, text, len);
        }
        if (r->eof) {
            if (r->start == r->end && !r->skipping)
                return ASSAY_LINE_END;
            size_t from = r->start;
            r->start = r->end;
            r->consumed += r->end - from;
            return finish(r, from, r->end, text, len);
        }
        /* One byte more than the limit may be the '\r' of a "\r\n". */
        if (r->end - r->start > r->max_line + 1) {
            if (!r->skipping)
                r->skipped_cr = 0;
            r->skipped_cr |= memchr(r->buf + r->start, '\r',
                                    r->end - r->start - 1) != NULL;
            r->skipping = 1;
            r->consumed += r->end - r->start;
            r->start = r->end;
        }
        make_room(r);
        scanned = r->end;
        size_t got = fread(r->buf + r->end, 1, r->cap - r->end, r->in);
        r->end += got;
        if (got == 0) {
            if (ferror(r->in))
                return ASSAY_LINE_IO_ERROR;
            r->eof = 1;
        }
    }
}

int assay_line_is_blank(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r')
            return 0;
    return 1;
}
