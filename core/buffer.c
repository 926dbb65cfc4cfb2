#include "buffer.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void assay_buffer_init(assay_buffer *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void assay_buffer_free(assay_buffer *b)
{
    free(b->data);
    assay_buffer_init(b);
}

void assay_buffer_reset(assay_buffer *b)
{
    b->len = 0;
}

void assay_buffer_reserve(assay_buffer *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        fputs("assay: out of memory\n", stderr);
        abort();
    }
    b->data = p;
    b->cap = cap;
}

void assay_buffer_append(assay_buffer *b, const char *s, size_t n)
{
    assay_buffer_reserve(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
}

void assay_buffer_puts(assay_buffer *b, const char *s)
{
    assay_buffer_append(b, s, strlen(s));
}

void assay_buffer_putc(assay_buffer *b, char c)
{
    assay_buffer_reserve(b, 1);
    b->data[b->len++] = c;
}

void assay_buffer_printf(assay_buffer *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    assay_buffer_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

const char *assay_buffer_cstr(assay_buffer *b)
{
    assay_buffer_reserve(b, 0);
    b->data[b->len] = '\0';
    return b->data;
}

size_t assay_utf8_sequence_length(const unsigned char *s, size_t avail)
{
    unsigned char c = s[0];
    size_t n;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4;
    else
        return 0;
    if (n > avail)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if (n == 3 && c == 0xE0 && s[1] < 0xA0)
        return 0; /* overlong */
    if (n == 3 && c == 0xED && s[1] >= 0xA0)
        return 0; /* surrogate */
    if (n == 4 && c == 0xF0 && s[1] < 0x90)
        return 0; /* overlong */
    if (n == 4 && c == 0xF4 && s[1] >= 0x90)
        return 0; /* past U+10FFFF */
    return n;
}

void assay_json_string_n(assay_buffer *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    assay_buffer_reserve(b, n + 2);
    assay_buffer_putc(b, '"');
    size_t run = 0; /* bytes copied verbatim, flushed lazily */
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        size_t len = 1;
        const char *esc = NULL;
        char ubuf[7];
        if (c == '"')
            esc = "\\\"";
        else if (c == '\\')
            esc = "\\\\";
        else if (c == '\n')
            esc = "\\n";
        else if (c == '\t')
            esc = "\\t";
        else if (c == '\r')
            esc = "\\r";
        else if (c < 0x20) {
            ubuf[0] = '\\', ubuf[1] = 'u', ubuf[2] = '0', ubuf[3] = '0';
            ubuf[4] = hex[c >> 4], ubuf[5] = hex[c & 15], ubuf[6] = '\0';
            esc = ubuf;
        } else if (c >= 0x80) {
            len = assay_utf8_sequence_length(p + i, n - i);
            if (len == 0) {
                esc = "\xEF\xBF\xBD";
                len = 1;
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
    assay_buffer_putc(b, '"');
}

void assay_json_string(assay_buffer *b, const char *s)
{
    if (!s) {
        assay_buffer_append(b, "null", 4);
        return;
    }
    assay_json_string_n(b, s, strlen(s));
}

double assay_round_score(double v)
{
    return round(v * 10000.0) / 10000.0;
}

void assay_json_score(assay_buffer *b, double v)
{
    if (!isfinite(v)) {
        assay_buffer_append(b, "null", 4);
        return;
    }
    char tmp[64];
    int n = snprintf(tmp, sizeof tmp, "%.4f", assay_round_score(v));
    if (n <= 0 || (size_t)n >= sizeof tmp) {
        assay_buffer_append(b, "null", 4);
        return;
    }
    while (n > 1 && tmp[n - 1] == '0')
        n--;
    if (tmp[n - 1] == '.')
        n--;
    if (n == 2 && tmp[0] == '-' && tmp[1] == '0')
        n = 1, tmp[0] = '0'; /* no "-0" */
    assay_buffer_append(b, tmp, (size_t)n);
}

void assay_json_key(assay_buffer *b, const char *key, int first)
{
    if (!first)
        assay_buffer_putc(b, ',');
    assay_json_string(b, key);
    assay_buffer_putc(b, ':');
}
