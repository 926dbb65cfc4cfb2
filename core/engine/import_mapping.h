/* An import mapping: how a spreadsheet's columns become an application's
 * fields (docs/office.md). A mapping is a JSON file:
 *
 *   {"delimiter": ",",
 *    "columns": [{"column": "Company", "field": "name"},
 *                {"column": "Founded", "field": "founded", "type": "integer"},
 *                {"column": "Fields", "field": "domains", "type": "list",
 *                 "separator": ";"}],
 *    "ignore": ["Website"]}
 *
 * One column must map to the field "id". Types: string (the default),
 * number, integer, boolean, list (of strings, or of "items" type). */
#ifndef ASSAY_IMPORT_MAPPING_H
#define ASSAY_IMPORT_MAPPING_H

#include <stddef.h>

typedef enum assay_field_type {
    ASSAY_FIELD_STRING,
    ASSAY_FIELD_NUMBER,
    ASSAY_FIELD_INTEGER,
    ASSAY_FIELD_BOOLEAN,
    ASSAY_FIELD_LIST
} assay_field_type;

typedef struct assay_mapped_column {
    char *column;          /* the header cell's text */
    char *field;           /* dotted path in the application */
    assay_field_type type;
    assay_field_type items; /* of a list */
    char separator;         /* of a list */
} assay_mapped_column;

typedef struct assay_mapping {
    char *path;
    char delimiter;
    assay_mapped_column *columns; /* in the mapping's order */
    size_t column_count;
    char **ignored;
    size_t ignored_count;
} assay_mapping;

/* Loads and checks the mapping at path. On failure returns NULL and writes
 * "path: what is wrong and what to do" to err. Free with
 * assay_mapping_free. */
assay_mapping *assay_mapping_load(const char *path, char *err,
                                  size_t err_size);
void assay_mapping_free(assay_mapping *m);

/* The mapped column whose header is `column`, or NULL. */
const assay_mapped_column *assay_mapping_column(const assay_mapping *m,
                                                const char *column);
/* 1 when the mapping lists `column` under "ignore". */
int assay_mapping_ignores(const assay_mapping *m, const char *column);

const char *assay_field_type_name(assay_field_type t);

#endif
