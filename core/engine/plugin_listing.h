/* Listing the plugins of a set: what `assay plugins` prints. */
#ifndef ASSAY_PLUGIN_LISTING_H
#define ASSAY_PLUGIN_LISTING_H

#include <stdio.h>

#include "engine/plugin_set.h"

/* Writes each plugin of set, in load order, for people: name, version,
 * description, path, kind (and ABI), domain, thread model, configuration
 * file and one line a rule; then the declared domains, with label,
 * description and where each was first declared. */
void assay_plugin_listing_text(const assay_plugin_set *set, FILE *out);

/* The same as one JSON object {"assay_version", "abi_version", "plugins":
 * [...], "domains": [{name, label, description, declared_by}]} without a
 * newline, for scripts; the caller frees it. NULL when out
 * of memory. */
char *assay_plugin_listing_json(const assay_plugin_set *set);

#endif
