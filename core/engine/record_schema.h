/* The record format as the loaded rules read it: a JSON Schema (draft
 * 2020-12) built from every rule's declared inputs, what `assay schema`
 * prints. A field is described by the type its rules declare (JSON null is
 * always accepted: a missing or null field is normal) and by the rules that
 * read it; "id", which every record needs, is required. Other fields are
 * allowed: the schema says what the rules read, not all a record may
 * carry. Rules that declare no inputs add nothing. */
#ifndef ASSAY_RECORD_SCHEMA_H
#define ASSAY_RECORD_SCHEMA_H

#include "engine/plugin_set.h"

/* The schema as indented JSON text with a final newline; the caller frees
 * it. NULL when out of memory. */
char *assay_record_schema(const assay_plugin_set *set);

#endif
