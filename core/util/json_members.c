#include "util/json_members.h"

#include <string.h>

#include "util/buffer.h"
#include "util/json_string_run.h"

#define NOT_COPYABLE ((size_t)-1)

static const char *skip_space(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

/* Past the string whose opening quote is at p, or NULL; *escaped says
 * whether it held a backslash. Checks its bytes are valid UTF-8 with no
 * control character. */
static const char *skip_string(const char *p, const char *end, int *escaped)
{
    *escaped = 0;
    for (p++; (p = assay_json_string_run(p, end, 1)) < end;) {
        unsigned char c = (unsigned char)*p;
        if (c == '"')
            return p + 1;
        if (c < 0x20)
            return NULL;
        if (c == '\\') {
            *escaped = 1;
            p += 2;
            continue;
        }
        size_t k = assay_utf8_sequence_length((const unsigned char *)p,
                                              (size_t)(end - p));
        if (k == 0)
            return NULL;
        p += k;
    }
    return NULL;
}

/* Past the value at p (a string, number, literal, array or object), or
 * NULL. */
static const char *skip_value(const char *p, const char *end)
{
    int depth = 0, escaped;
    while (p < end) {
        char c = *p;
        if (c == '"') {
            p = skip_string(p, end, &escaped);
            if (!p)
                return NULL;
            if (depth == 0)
                return p;
            continue;
        }
        if (c == '[' || c == '{') {
            depth++;
        } else if (c == ']' || c == '}') {
            if (depth == 0)
                return p; /* the end of the enclosing object */
            if (--depth == 0)
                return p + 1;
        } else if (c == ',' && depth == 0) {
            return p;
        } else if ((unsigned char)c < 0x20 && c != ' ' && c != '\t' &&
                   c != '\n' && c != '\r') {
            return NULL;
        } else if ((unsigned char)c >= 0x80) {
            return NULL; /* outside a string: not JSON */
        }
        p++;
    }
    return depth == 0 ? p : NULL;
}

size_t assay_json_members(const char *text, size_t len,
                          assay_json_member *members, size_t max)
{
    const char *p = text, *end = text + len;
    p = skip_space(p, end);
    if (p >= end || *p != '{')
        return NOT_COPYABLE;
    p = skip_space(p + 1, end);
    size_t n = 0;
    if (p < end && *p == '}')
        return 0;
    while (p < end) {
        if (*p != '"' || n == max)
            return NOT_COPYABLE;
        int escaped;
        const char *key_end = skip_string(p, end, &escaped);
        if (!key_end || escaped)
            return NOT_COPYABLE;
        assay_json_member *m = &members[n++];
        m->key = p + 1;
        m->key_len = (size_t)(key_end - 1 - m->key);
        p = skip_space(key_end, end);
        if (p >= end || *p != ':')
            return NOT_COPYABLE;
        p = skip_space(p + 1, end);
        const char *value_end = skip_value(p, end);
        if (!value_end || value_end == p)
            return NOT_COPYABLE;
        const char *trim = value_end;
        while (trim > p && (trim[-1] == ' ' || trim[-1] == '\t' ||
                            trim[-1] == '\n' || trim[-1] == '\r'))
            trim--;
        m->value = p;
        m->value_len = (size_t)(trim - p);
        p = skip_space(value_end, end);
        if (p < end && *p == ',') {
            p = skip_space(p + 1, end);
            continue;
        }
        if (p < end && *p == '}' && skip_space(p + 1, end) == end)
            return n;
        return NOT_COPYABLE;
    }
    return NOT_COPYABLE;
}

const assay_json_member *assay_json_member_find(const assay_json_member *m,
                                                size_t n, const char *key)
{
    size_t len = strlen(key);
    for (size_t i = 0; i < n; i++)
        if (m[i].key_len == len && memcmp(m[i].key, key, len) == 0)
            return &m[i];
    return NULL;
}
