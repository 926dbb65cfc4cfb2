#include "line_reader.h"

#include <string.h>

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

assay_line_status assay_line_reader_next(assay_line_reader *r,
                                         const char **text, size_t *len)
{
    assay_buffer_reset(&r->buf);
    int too_long = 0, any = 0;
    char chunk[65536];
    for (;;) {
        if (!fgets(chunk, sizeof chunk, r->in)) {
            if (ferror(r->in))
                return ASSAY_LINE_IO_ERROR;
            if (!any)
                return ASSAY_LINE_END;
            break;
        }
        any = 1;
        size_t n = strlen(chunk);
        int ends = n > 0 && chunk[n - 1] == '\n';
        if (ends)
            n--;
        if (!too_long && r->buf.len + n > r->max_line)
            too_long = 1;
        if (!too_long)
            assay_buffer_append(&r->buf, chunk, n);
        if (ends)
            break;
    }
    r->line++;
    if (too_long)
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
