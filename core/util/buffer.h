/* A growable byte buffer, and the JSON text writer built on it. Output
 * records are written through these so that formatting (number precision,
 * escaping, key order) is decided in one place and is byte-identical for
 * every run. */
#ifndef ASSAY_BUFFER_H
#define ASSAY_BUFFER_H

#include <stddef.h>
#include <stdio.h>

typedef struct assay_buffer {
    char *data;
    size_t len;
    size_t cap;
} assay_buffer;

void assay_buffer_init(assay_buffer *b);
void assay_buffer_free(assay_buffer *b);
void assay_buffer_reset(assay_buffer *b);
/* Aborts the process when memory runs out: a half-written record would
 * break the one-output-per-input contract silently. */
void assay_buffer_reserve(assay_buffer *b, size_t extra);
void assay_buffer_append(assay_buffer *b, const char *s, size_t n);
void assay_buffer_puts(assay_buffer *b, const char *s);
static inline void assay_buffer_putc(assay_buffer *b, char c)
{
    if (b->len + 2 > b->cap)
        assay_buffer_reserve(b, 1);
    b->data[b->len++] = c;
}
void assay_buffer_printf(assay_buffer *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Writes the buffer's bytes to f; returns how many were written (len when
 * all were). An empty buffer may have no storage yet, so nothing is passed
 * to fwrite then. */
size_t assay_buffer_write(const assay_buffer *b, FILE *f);
/* The buffer's text, NUL-terminated (the NUL is not counted in len). */
const char *assay_buffer_cstr(assay_buffer *b);

/* JSON pieces. Strings are escaped (control characters, quotes, backslash;
 * invalid UTF-8 bytes become U+FFFD so output is always valid JSON). */
void assay_json_string(assay_buffer *b, const char *s);
void assay_json_string_n(assay_buffer *b, const char *s, size_t n);
/* A score or weight: at most 4 decimals, trailing zeros trimmed, so 0.75
 * prints as 0.75 and 2/3 as 0.6667. Non-finite prints as null. */
void assay_json_score(assay_buffer *b, double v);
/* "key": with a leading comma unless first, the key escaped as any string
 * is: keys read from an input (a domain's name in a scored record) must
 * not be able to end the object, or the line, they are written in. */
void assay_json_key(assay_buffer *b, const char *key, int first);
/* ,"key": for a string literal of assay's own that needs no escaping,
 * written in one piece: the hot writers' keys, without assay_json_key's
 * look at each byte. */
#define ASSAY_JSON_KEY(b, key)                                               \
    assay_buffer_append((b), ",\"" key "\":", sizeof(",\"" key "\":") - 1)
/* A whole number, such as a line number. */
void assay_json_uint(assay_buffer *b, size_t v);

/* Length of the valid UTF-8 sequence at s (1..4, at most avail bytes), or
 * 0 when it is not valid UTF-8 (overlong, surrogate, past U+10FFFF). */
size_t assay_utf8_sequence_length(const unsigned char *s, size_t avail);

/* Rounds a score to the 4 decimals it is printed with, so that a value read
 * back from output compares equal to the one that was written. */
double assay_round_score(double v);

#endif
