#include "line_reader.h"

void assay_line_reader_init(assay_line_reader *r, FILE *in, size_t max_line)
{
    r->in = in;
    r->max_line = max_line;
    r->line = 0;
    assay_buffer_init(&r->buf);
}

void assay_line_reader_free(assay_line_reader *r)
{
    assay_buffer_free(&r->buf);
}

/* Byte by byte rather than fgets: fgets cannot tell a NUL byte inside a
 * line from the end of its data, so a line holding one would swallow the
 * next line and shift every line number after it. */
assay_line_status assay_line_reader_next(assay_line_reader *r,
                                         const char **text, size_t *len)
{
    assay_buffer_reset(&r->buf);
    size_t seen = 0; /* bytes of the line, kept or not */
    int c;
    flockfile(r->in);
    while ((c = getc_unlocked(r->in)) != EOF && c != '\n')
        if (seen++ < r->max_line)
            assay_buffer_putc(&r->buf, (char)c);
    funlockfile(r->in);
    if (c == EOF) {
        if (ferror(r->in))
            return ASSAY_LINE_IO_ERROR;
        if (seen == 0)
            return ASSAY_LINE_END;
    }
    r->line++;
    if (seen > r->max_line)
        return ASSAY_LINE_TOO_LONG;
    if (r->buf.len && r->buf.data[r->buf.len - 1] == '\r')
        r->buf.len--;
    *text = assay_buffer_cstr(&r->buf);
    *len = r->buf.len;
    return ASSAY_LINE_OK;
}

int assay_line_is_blank(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r')
            return 0;
    return 1;
}
