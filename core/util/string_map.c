#include "util/string_map.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static void *need(void *p)
{
    if (!p) {
        fputs("assay: out of memory\n", stderr);
        abort();
    }
    return p;
}

static char *copy(const char *s)
{
    return s ? need(strdup(s)) : NULL;
}

void assay_string_map_init(assay_string_map *m)
{
    memset(m, 0, sizeof *m);
}

void assay_string_map_free(assay_string_map *m)
{
    for (size_t i = 0; i < m->slots; i++) {
        free(m->keys[i]);
        free(m->values[i]);
    }
    free(m->keys);
    free(m->values);
    memset(m, 0, sizeof *m);
}

static size_t slot_of(char *const *keys, size_t slots, const char *key)
{
    size_t i = (size_t)(fnv1a(key) & (slots - 1));
    while (keys[i] && strcmp(keys[i], key) != 0)
        i = (i + 1) & (slots - 1);
    return i;
}

static void grow(assay_string_map *m)
{
    size_t slots = m->slots ? m->slots * 2 : 64;
    char **keys = need(calloc(slots, sizeof *keys));
    char **values = need(calloc(slots, sizeof *values));
    for (size_t i = 0; i < m->slots; i++)
        if (m->keys[i]) {
            size_t j = slot_of(keys, slots, m->keys[i]);
            keys[j] = m->keys[i];
            values[j] = m->values[i];
        }
    free(m->keys);
    free(m->values);
    m->keys = keys;
    m->values = values;
    m->slots = slots;
}

int assay_string_map_put(assay_string_map *m, const char *key,
                         const char *value)
{
    if ((m->count + 1) * 2 > m->slots)
        grow(m);
    size_t i = slot_of(m->keys, m->slots, key);
    if (m->keys[i])
        return 0;
    m->keys[i] = copy(key);
    m->values[i] = copy(value);
    m->count++;
    return 1;
}

int assay_string_map_get(const assay_string_map *m, const char *key,
                         const char **value)
{
    if (!m->slots)
        return 0;
    size_t i = slot_of(m->keys, m->slots, key);
    if (!m->keys[i])
        return 0;
    *value = m->values[i];
    return 1;
}
