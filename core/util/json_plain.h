/* A fast reader of plain JSON into cJSON trees. Records are parsed once
 * per evaluation, and cJSON spends most of that time on its general
 * paths (escapes, any number through strtod). This reader takes the text
 * only when it is plain: no escapes in strings, numbers of at most 19
 * digits whose value one multiplication or division by a power of ten
 * gives exactly as strtod would, whitespace of space, tab, CR and LF, and
 * nesting of at most ASSAY_JSON_PLAIN_DEPTH. It builds exactly the tree
 * cJSON_ParseWithLengthOpts would (every field, every link), and declines
 * everything else, which the caller then gives to cJSON: so what is
 * accepted and every message about what is not stay cJSON's. */
#ifndef ASSAY_JSON_PLAIN_H
#define ASSAY_JSON_PLAIN_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "util/arena.h"

#define ASSAY_JSON_PLAIN_DEPTH 64

/* The tree of text[0..len) in arena, with *end (when not NULL) just after
 * its value, where cJSON would leave it; NULL when the text is not plain
 * JSON followed by whitespace only (arena may then hold a partial tree,
 * released with its next reset). */
cJSON *assay_json_parse_plain(assay_arena *arena, const char *text,
                              size_t len, const char **end);

#endif
