/* The plain JSON reader (json_plain.h). It mirrors cJSON 1.7's parser
 * where a tree is built: a node's type is assigned, not combined; a key is
 * parsed as a string and moved from valuestring to string; true has
 * valueint 1; a number's valueint is its value saturated to int; a list's
 * first item's prev is its last item. */
#include "util/json_plain.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "util/json_string_run.h"

typedef struct reader {
    const char *p, *end;
    assay_arena *arena;
} reader;

/* The exact powers of ten of a double. */
static const double powers_of_ten[] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

static void skip_space(reader *r)
{
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' ||
                             *r->p == '\r' || *r->p == '\t'))
        r->p++;
}

static cJSON *new_node(reader *r)
{
    cJSON *n = assay_arena_alloc(r->arena, sizeof *n);
    memset(n, 0, sizeof *n);
    return n;
}

/* The string at r->p (a quote), copied; NULL when it has an escape, a
 * control character or no end. */
static char *string(reader *r)
{
    const char *start = r->p + 1;
    const char *stop = assay_json_string_run(start, r->end, 0);
    if (stop >= r->end || *stop != '"')
        return NULL;
    size_t n = (size_t)(stop - start);
    char *s = assay_arena_alloc(r->arena, n + 1);
    memcpy(s, start, n);
    s[n] = '\0';
    r->p = stop + 1;
    return s;
}

static int is_digit(reader *r)
{
    return r->p < r->end && *r->p >= '0' && *r->p <= '9';
}

/* A number in JSON's grammar whose value is exact from its digits: 0, or
 * 1 with the number in item. */
static int number(reader *r, cJSON *item)
{
    const char *start = r->p;
    int negative = 0;
    if (*r->p == '-') {
        negative = 1;
        r->p++;
    }
    if (!is_digit(r))
        return 0;
    uint64_t mantissa = 0;
    int digits = 0, scale = 0;
    if (*r->p == '0') {
        r->p++;
        if (is_digit(r))
            return 0; /* a leading zero: cJSON's to read */
    } else {
        while (is_digit(r)) {
            if (++digits > 19)
                return 0;
            mantissa = mantissa * 10 + (uint64_t)(*r->p++ - '0');
        }
    }
    if (r->p < r->end && *r->p == '.') {
        r->p++;
        if (!is_digit(r))
            return 0;
        while (is_digit(r)) {
            if (mantissa || *r->p != '0')
                if (++digits > 19)
                    return 0;
            mantissa = mantissa * 10 + (uint64_t)(*r->p++ - '0');
            scale--;
        }
    }
    if (r->p < r->end && (*r->p == 'e' || *r->p == 'E')) {
        r->p++;
        int exponent_negative = 0;
        if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
            exponent_negative = *r->p++ == '-';
        if (!is_digit(r))
            return 0;
        int exponent = 0;
        while (is_digit(r)) {
            if (exponent > 1000)
                return 0;
            exponent = exponent * 10 + (*r->p++ - '0');
        }
        scale += exponent_negative ? -exponent : exponent;
    }
    /* Digits and a separator, or the end: anything else is cJSON's, and
     * so is a number longer than the 63 bytes cJSON copies of one. */
    if (r->p < r->end &&
        (*r->p == '\0' || strchr(",]} \t\r\n", *r->p) == NULL))
        return 0;
    if (r->p - start > 40)
        return 0;
    /* Both factors exact, so the one rounding is strtod's. */
    if (mantissa > (UINT64_C(1) << 53) || scale < -22 || scale > 22)
        return 0;
    double value = (double)mantissa;
    value = scale < 0 ? value / powers_of_ten[-scale]
                      : value * powers_of_ten[scale];
    if (negative)
        value = -value;
    item->type = cJSON_Number;
    item->valuedouble = value;
    item->valueint = value >= INT_MAX            ? INT_MAX
                     : value <= (double)INT_MIN ? INT_MIN
                                                : (int)value;
    return 1;
}

static int literal(reader *r, const char *word, size_t n)
{
    if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0)
        return 0;
    r->p += n;
    return 1;
}

static int value(reader *r, cJSON *item, int depth);

/* The items of a list or members of an object (r->p at its bracket). */
static int container(reader *r, cJSON *item, int depth, int object)
{
    if (depth >= ASSAY_JSON_PLAIN_DEPTH)
        return 0;
    char close = object ? '}' : ']';
    r->p++;
    skip_space(r);
    cJSON *head = NULL, *last = NULL;
    if (r->p < r->end && *r->p == close) {
        r->p++;
    } else {
        for (;;) {
            cJSON *child = new_node(r);
            if (last) {
                last->next = child;
                child->prev = last;
            } else {
                head = child;
            }
            last = child;
            skip_space(r);
            if (object) {
                if (r->p >= r->end || *r->p != '"' ||
                    !(child->string = string(r)))
                    return 0;
                skip_space(r);
                if (r->p >= r->end || *r->p != ':')
                    return 0;
                r->p++;
                skip_space(r);
            }
            if (!value(r, child, depth + 1))
                return 0;
            skip_space(r);
            if (r->p < r->end && *r->p == ',') {
                r->p++;
                continue;
            }
            if (r->p < r->end && *r->p == close) {
                r->p++;
                break;
            }
            return 0;
        }
        head->prev = last;
    }
    item->type = object ? cJSON_Object : cJSON_Array;
    item->child = head;
    return 1;
}

static int value(reader *r, cJSON *item, int depth)
{
    if (r->p >= r->end)
        return 0;
    switch (*r->p) {
    case '"':
        item->type = cJSON_String;
        return (item->valuestring = string(r)) != NULL;
    case '{':
        return container(r, item, depth, 1);
    case '[':
        return container(r, item, depth, 0);
    case 't':
        item->type = cJSON_True;
        item->valueint = 1;
        return literal(r, "true", 4);
    case 'f':
        item->type = cJSON_False;
        return literal(r, "false", 5);
    case 'n':
        item->type = cJSON_NULL;
        return literal(r, "null", 4);
    default:
        return (*r->p == '-' || (*r->p >= '0' && *r->p <= '9')) &&
               number(r, item);
    }
}

cJSON *assay_json_parse_plain(assay_arena *arena, const char *text,
                              size_t len, const char **end)
{
    reader r = {text, text + len, arena};
    skip_space(&r);
    cJSON *root = new_node(&r);
    if (!value(&r, root, 0))
        return NULL;
    const char *after = r.p;
    skip_space(&r);
    if (r.p != r.end)
        return NULL;
    if (end)
        *end = after;
    return root;
}
