#include "report/html.h"

#include <string.h>

void assay_html_text_n(assay_buffer *b, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, run = 0; /* bytes copied verbatim, flushed lazily */
    assay_buffer_reserve(b, n);
    while (i < n) {
        unsigned char c = p[i];
        size_t len = 1;
        const char *esc = NULL;
        switch (c) {
        case '&':
            esc = "&amp;";
            break;
        case '<':
            esc = "&lt;";
            break;
        case '>':
            esc = "&gt;";
            break;
        case '"':
            esc = "&quot;";
            break;
        case '\'':
            esc = "&#39;";
            break;
        default:
            if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
                esc = "\xEF\xBF\xBD";
            } else if (c >= 0x80) {
                len = assay_utf8_sequence_length(p + i, n - i);
                if (len == 0) {
                    esc = "\xEF\xBF\xBD";
                    len = 1;
                }
            }
        }
        if (esc) {
            assay_buffer_append(b, s + i - run, run);
            run = 0;
            assay_buffer_puts(b, esc);
        } else {
            run += len;
        }
        i += len;
    }
    assay_buffer_append(b, s + n - run, run);
}

void assay_html_text(assay_buffer *b, const char *s)
{
    if (s)
        assay_html_text_n(b, s, strlen(s));
}

void assay_html_name(assay_buffer *b, const char *s)
{
    if (!s)
        return;
    /* '_' is ASCII: cutting there never splits a UTF-8 sequence. */
    for (const char *u; (u = strchr(s, '_')) && u[1]; s = u + 1) {
        assay_html_text_n(b, s, (size_t)(u - s) + 1);
        assay_buffer_puts(b, "<wbr>");
    }
    assay_html_text(b, s);
}
