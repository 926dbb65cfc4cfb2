#include "util/buffer.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/json_string_run.h"

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

size_t assay_buffer_write(const assay_buffer *b, FILE *f)
{
    return b->len ? fwrite(b->data, 1, b->len, f) : 0;
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

/* Printable ASCII other than quote and backslash: copied in runs. */
static int plain(unsigned char c)
{
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

/* The length of the run of plain bytes at p: none below 0x20 or above
 * 0x7F, nor a quote or a backslash (util/json_string_run.h). */
static size_t plain_run(const unsigned char *p, size_t n)
{
    const char *from = (const char *)p;
    return (size_t)(assay_json_string_run(from, from + n, 1) - from);
}

/* Appends c's escape at o; returns its end. */
static char *put_escape(char *o, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    *o++ = '\\';
    switch (c) {
    case '\n': *o++ = 'n'; break;
    case '\t': *o++ = 't'; break;
    case '\r': *o++ = 'r'; break;
    case '"': case '\\': *o++ = (char)c; break;
    default:
        *o++ = 'u', *o++ = '0', *o++ = '0';
        *o++ = hex[c >> 4], *o++ = hex[c & 15];
    }
    return o;
}

void assay_json_string_n(assay_buffer *b, const char *s, size_t n)
{
    /* Room for the worst case (every byte a 6-byte escape) a block of 4 KiB
     * at a time, then written through a pointer: no capacity check per
     * run, and a long string does not reserve six times its size. */
    const unsigned char *p = (const unsigned char *)s;
    assay_buffer_putc(b, '"');
    size_t i = 0;
    while (i < n) {
        size_t stop = n - i > 4096 ? i + 4096 : n;
        /* + 4: a UTF-8 sequence that starts before stop may end past it */
        assay_buffer_reserve(b, 6 * (stop - i) + 4);
        char *o = b->data + b->len;
        while (i < stop) {
            size_t run = plain_run(p + i, stop - i);
            memcpy(o, s + i, run);
            o += run;
            i += run;
            if (i == stop)
                break;
            unsigned char c = p[i];
            if (c >= 0x80) {
                size_t len = assay_utf8_sequence_length(p + i, n - i);
                if (len == 0) {
                    memcpy(o, "\xEF\xBF\xBD", 3);
                    o += 3;
                    len = 1;
                } else {
                    memcpy(o, s + i, len);
                    o += len;
                }
                i += len;
                continue;
            }
            o = put_escape(o, c);
            i++;
        }
        b->len = (size_t)(o - b->data);
    }
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

/* Appends the decimal digits of v. */
static void put_digits(assay_buffer *b, unsigned long long v)
{
    char tmp[24];
    size_t n = sizeof tmp;
    do
        tmp[--n] = (char)('0' + v % 10);
    while (v /= 10);
    assay_buffer_append(b, tmp + n, sizeof tmp - n);
}

void assay_json_uint(assay_buffer *b, size_t v)
{
    put_digits(b, v);
}

void assay_json_score(assay_buffer *b, double v)
{
    if (!isfinite(v)) {
        assay_buffer_append(b, "null", 4);
        return;
    }
    double r = round(v * 10000.0);
    if (fabs(r) < 1e15) {
        /* The same text as "%.4f" of r / 10000 with trailing zeros trimmed:
         * r is a whole number of ten-thousandths, exact in a long long. */
        long long k = (long long)r;
        unsigned long long u = k < 0 ? 0ull - (unsigned long long)k
                                     : (unsigned long long)k;
        if (k < 0)
            assay_buffer_putc(b, '-');
        put_digits(b, u / 10000);
        unsigned frac = (unsigned)(u % 10000);
        if (frac) {
            char d[5] = {'.', (char)('0' + frac / 1000),
                         (char)('0' + frac / 100 % 10),
                         (char)('0' + frac / 10 % 10), (char)('0' + frac % 10)};
            size_t n = 5;
            while (d[n - 1] == '0')
                n--;
            assay_buffer_append(b, d, n);
        }
        return;
    }
    char tmp[400];
    /* Near DBL_MAX, v * 10000 overflows: such a number is whole anyway. */
    double rounded = assay_round_score(v);
    int n = snprintf(tmp, sizeof tmp, "%.4f", isfinite(rounded) ? rounded : v);
    if (n <= 0 || (size_t)n >= sizeof tmp) {
        assay_buffer_append(b, "null", 4);
        return;
    }
    while (n > 1 && tmp[n - 1] == '0')
        n--;
    if (tmp[n - 1] == '.')
        n--;
    assay_buffer_append(b, tmp, (size_t)n);
}

void assay_json_key(assay_buffer *b, const char *key, int first)
{
    /* Keys are short and nearly always plain (assay's own names): found in
     * one scalar pass and written in one piece, the general escaping only
     * for a key that needs it. */
    size_t n = 0;
    while (plain((unsigned char)key[n]))
        n++;
    if (key[n]) {
        if (!first)
            assay_buffer_putc(b, ',');
        assay_json_string(b, key);
        assay_buffer_putc(b, ':');
        return;
    }
    assay_buffer_reserve(b, n + 4);
    char *o = b->data + b->len;
    if (!first)
        *o++ = ',';
    *o++ = '"';
    memcpy(o, key, n);
    o += n;
    *o++ = '"';
    *o++ = ':';
    b->len = (size_t)(o - b->data);
}
