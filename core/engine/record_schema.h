/* The record format as the loaded rules read it: a JSON Schema (draft
 * 2020-12) built from every rule's declared inputs, what `assay schema`
 * prints. A field is described by the type its rules declare (JSON null is
 * always accepted: a missing or null field is normal) and by the rules that
 * read it; "id", which every record needs, is required. Other fields are
 * allowed: the schema says what the rules read, not all a record may
 * carry. Rules that declare no inputs add nothing. */
#ifndef ASSAY_RECORD_SCHEMA_H
#define ASSAY_RECORD_SCHEMA_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "engine/plugin_set.h"

/* The JSON types a field may have, as bits. */
enum {
    ASSAY_FIELD_OBJECT = 1 << 0,
    ASSAY_FIELD_ARRAY = 1 << 1,
    ASSAY_FIELD_NUMBER = 1 << 2,
    ASSAY_FIELD_STRING = 1 << 3,
    ASSAY_FIELD_BOOLEAN = 1 << 4,
    ASSAY_FIELD_ANY = 1 << 5 /* declared "any": every type */
};

/* One field of the record format: what the rules that read it (and its
 * descendants) declare. The root stands for the record itself. */
typedef struct assay_schema_field {
    char *name;  /* the member name (all digits: also an array position) */
    long index;  /* > 0: that 1-based array position too */
    unsigned types; /* ASSAY_FIELD_* bits; an object for a parent */
    cJSON *readers; /* array of the ids of the rules that read it, or NULL */
    /* It in plain words: the first declaring rule's description of it, or
     * NULL; owned by the plugin set. */
    const char *title;
    struct assay_schema_field *children; /* sorted by name */
    size_t child_count;
} assay_schema_field;

/* Builds the tree of every field the loaded rules declare into *root; 0 on
 * success, non-zero (root left empty) when out of memory. */
int assay_schema_fields(const assay_plugin_set *set, assay_schema_field *root);
void assay_schema_fields_free(assay_schema_field *root);
/* The field at dotted path under root, or NULL. */
const assay_schema_field *assay_schema_field_at(const assay_schema_field *root,
                                                const char *path);
/* The child of f named name, or NULL. */
const assay_schema_field *
assay_schema_field_child(const assay_schema_field *f, const char *name);

/* The schema as indented JSON text with a final newline; the caller frees
 * it. NULL when out of memory. */
char *assay_record_schema(const assay_plugin_set *set);

#endif
