/* The host side of the plugin ABI: the function table handed to plugins,
 * and the evaluation context it reads records from and reports into. */
#ifndef ASSAY_HOST_H
#define ASSAY_HOST_H

#include <cjson/cJSON.h>

#include "assay/plugin.h"
#include "engine/plugin_set.h"
#include "engine/result.h"

struct assay_ctx {
    const cJSON *root;                  /* the record */
    size_t line;                        /* its input line */
    assay_loaded_plugin *plugin;        /* the plugin being run */
    assay_result *result;               /* where findings go */
    /* Profiling (assay profile): nanoseconds per rule of this plugin, to
     * add each rule call's time to; NULL when not profiling. */
    unsigned long long *rule_ns;
};

/* The table every plugin receives; static, valid for the process. */
const assay_host *assay_host_table(void);

/* Names the plugin whose init or fini runs on this thread (NULL: none), so
 * that a log line written outside evaluate (no ctx) says whose it is.
 * Returns the previous one, to restore. */
const assay_loaded_plugin *
assay_host_set_caller(const assay_loaded_plugin *plugin);

/* Runs one plugin on the record in ctx (ctx->plugin set by the caller),
 * turning a plugin's own failure into an error finding. */
void assay_host_evaluate(assay_ctx *ctx, void *instance);

#endif
