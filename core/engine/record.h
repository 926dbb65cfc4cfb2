/* The record model: one parsed JSON application, and typed access to its
 * fields by dotted path ("team.size", "team.members.0").
 * Missing fields and JSON null are ASSAY_MISSING, never an error; a value
 * of another type is ASSAY_WRONG_TYPE, which the rule that met it reports. */
#ifndef ASSAY_RECORD_H
#define ASSAY_RECORD_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "util/arena.h"
#include "assay/plugin.h"

/* Deepest nesting a record may have; deeper input is an error record
 * (cJSON's parser and every walk of the tree recurse once per level). */
#define ASSAY_RECORD_MAX_DEPTH 64

typedef struct assay_record {
    cJSON *root; /* owned, or in arena */
    assay_arena *arena; /* where root lives; NULL: malloc */
    const char *id;
    size_t line;
} assay_record;

/* Parses one input line into *rec. On failure returns non-zero, writes a
 * message for the error record to err, and sets rec->id when an id could
 * still be read. rec is always safe to pass to assay_record_free. */
int assay_record_parse(assay_record *rec, const char *text, size_t len,
                       size_t line, char *err, size_t err_size);
/* The same, with the parse tree in arena (which must be empty), as the
 * batch workers parse: no malloc or free per node. */
int assay_record_parse_in(assay_record *rec, assay_arena *arena,
                          const char *text, size_t len, size_t line,
                          char *err, size_t err_size);
/* Frees the tree; for a tree in an arena, resets the arena. */
void assay_record_free(assay_record *rec);

/* Parses any JSON text (no record checks) with every node in arena; NULL
 * when it does not parse. The tree lives until the arena is reset: never
 * cJSON_Delete it. For reading many JSON lines without a malloc and free
 * per node. */
cJSON *assay_json_parse_in(assay_arena *arena, const char *text, size_t len);

/* The same, and *end set to just past the value parsed (or where the parse
 * failed): the text after a complete value is not read. */
cJSON *assay_json_parse_end_in(assay_arena *arena, const char *text,
                               size_t len, const char **end);

/* Makes cJSON allocate the nodes of an arena parse in the arena itself
 * (process-wide hooks; see record.c). Only for a program that owns the
 * process, before it starts threads: the assay command does, libassay
 * never does. Without it arena parses are copied into the arena. */
void assay_json_use_arena_hooks(void);

/* The JSON node at `path` under `root`, or NULL when absent or null.
 * A numeric path segment indexes an array. */
const cJSON *assay_record_find(const cJSON *root, const char *path);

assay_status assay_record_number(const cJSON *root, const char *path,
                                 double *out);
assay_status assay_record_string(const cJSON *root, const char *path,
                                 const char **out);
assay_status assay_record_bool(const cJSON *root, const char *path, int *out);
assay_status assay_record_array_length(const cJSON *root, const char *path,
                                       size_t *out);
/* Nesting depth of a JSON text, counted without parsing it. */
int assay_json_depth(const char *text, size_t len);

#endif
