/* A map from strings to strings (both copied), for joining files by id:
 * open addressing with FNV-1a hashes, grown at half full. The first value
 * put for a key stays. */
#ifndef ASSAY_STRING_MAP_H
#define ASSAY_STRING_MAP_H

#include <stddef.h>

typedef struct assay_string_map {
    char **keys, **values; /* slots; a NULL key is free */
    size_t slots, count;
} assay_string_map;

void assay_string_map_init(assay_string_map *m);
void assay_string_map_free(assay_string_map *m);
/* Puts key -> value (value may be NULL) unless key is there; 1 if it was
 * added, 0 if the key was already there. Aborts when out of memory. */
int assay_string_map_put(assay_string_map *m, const char *key,
                         const char *value);
/* 1 with *value set (possibly to NULL) if key is there, else 0. */
int assay_string_map_get(const assay_string_map *m, const char *key,
                         const char **value);

#endif
