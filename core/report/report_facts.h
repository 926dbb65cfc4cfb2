/* The facts the rules used: the fields each rule declares it reads, as
 * the run's manifest lists them (plugins[].rules[].inputs), and an
 * application's values of those fields, taken from its input line while
 * the report reads the input for names. Only the declared fields are
 * kept, each value cut to ASSAY_REPORT_FACT_BYTES, so a record costs the
 * report its few declared values and never the whole application. */
#ifndef ASSAY_REPORT_FACTS_H
#define ASSAY_REPORT_FACTS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "engine/inputs.h"
#include "util/buffer.h"

/* A value longer than this (in bytes, as shown) is cut, at a character's
 * start, and shown with a mark that says how long it was. */
enum { ASSAY_REPORT_FACT_BYTES = 200 };

/* A field some rule declares, once however many rules read it. */
typedef struct assay_report_field {
    assay_field_path path;
    char *type;        /* "number", ... as declared */
    char *description; /* the first rule's words for it, or NULL */
} assay_report_field;

/* The fields one rule declares, as indices into the facts' fields. */
typedef struct assay_report_rule_inputs {
    char *rule;
    size_t *fields;
    size_t field_count; /* 0: it declares none */
} assay_report_rule_inputs;

typedef struct assay_report_facts {
    int declared; /* the manifest names its plugins' rules */
    assay_report_field *fields; /* sorted by path */
    size_t field_count;
    assay_report_rule_inputs *rules; /* sorted by rule id */
    size_t rule_count;
} assay_report_facts;

/* One value of a declared field in an application, as shown. */
typedef struct assay_report_fact {
    const char *text; /* NULL: missing (absent, or null) */
    size_t chars;     /* the whole value's characters when text is cut;
                         0 when text is whole */
} assay_report_fact;

void assay_report_facts_init(assay_report_facts *f);
void assay_report_facts_free(assay_report_facts *f);

/* Reads the rules' declared inputs from a manifest; a manifest whose
 * plugins carry no `rules` (one written before they did, or by assay
 * decide) leaves declared 0. Entries that are not as a run writes them
 * are left out. */
void assay_report_facts_read(assay_report_facts *f, const cJSON *manifest);

/* The declared inputs of rule, or NULL when the manifest does not name it. */
const assay_report_rule_inputs *
assay_report_facts_rule(const assay_report_facts *f, const char *rule);

/* Appends the values of every declared field in application rec as a
 * JSON array, one element a field in the facts' order: null when
 * missing, the value as shown (a string's text; a number, boolean,
 * array or object as JSON writes it), or [text, chars] when cut. */
void assay_report_facts_extract(const assay_report_facts *f,
                                const cJSON *rec, assay_buffer *out);

/* Reads such an array back into facts (field_count of them; strings point
 * into values). Returns 0, or 1 when values is not one extract wrote. */
int assay_report_facts_values(const assay_report_facts *f,
                              const cJSON *values, assay_report_fact *facts);

#endif
