/* Declared rule inputs: the record fields a rule reads, with their types.
 * The host uses them to skip a rule none of whose fields is present (it
 * would return nothing anyway), to list what each rule reads and to write
 * a JSON Schema of the record format. A field path is split into its steps
 * once, when the rule loads, not on every record. */
#ifndef ASSAY_INPUTS_H
#define ASSAY_INPUTS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "assay/plugin.h" /* assay_input_type */

/* The name of a type as rule files write it ("number"), or NULL. */
const char *assay_input_type_name(assay_input_type type);

/* The type named name; -1 when there is none of that name. */
int assay_input_type_of(const char *name);

/* The accepted type names, for messages: "number, string, ...". */
const char *assay_input_type_list(void);

/* 1 if path is a usable field path: steps of one or more bytes, none
 * holding a NUL, separated by single dots. */
int assay_input_path_valid(const char *path, size_t len);

/* One step of a field path: a member name, or (all digits) a 1-based array
 * index, which also names a member of that name in an object. */
typedef struct assay_path_step {
    const char *name; /* into the path's copy; not NUL-terminated */
    size_t len;
    long index; /* > 0 when the step is all digits */
} assay_path_step;

/* A field path split into its steps, owning a copy of the text. */
typedef struct assay_field_path {
    char *text;
    assay_path_step *steps;
    size_t step_count;
} assay_field_path;

/* Splits path (assay_input_path_valid) into fp; 0 on success. */
int assay_field_path_init(assay_field_path *fp, const char *path);
void assay_field_path_free(assay_field_path *fp);

/* The node at fp under root, or NULL when a step is missing, crosses
 * something that is not an object or array, or ends at JSON null. */
const cJSON *assay_field_path_find(const assay_field_path *fp,
                                   const cJSON *root);

#endif
