/* The shape of every fault_*.c test plugin: one rule, "<name>.rule",
 * scoring 0.5 on every record, and a fault, fault_action(), on the record
 * whose "fault" field names the plugin's trigger. A plugin may also define
 * FAULT_EVERY_CALL (run on every record) and FAULT_FINI (its fini).
 * Define FAULT_NAME and FAULT_TRIGGER, then include this. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assay/plugin.h"

static const assay_host *host;

static const assay_rule rules[] = {
    {ASSAY_RULE_HEADER, FAULT_NAME ".rule", NULL, 1.0, "Scores every record 0.5"},
};

static void fault_action(assay_ctx *ctx);

static int fault_init(const assay_host *h, const char *config_json,
                      void **instance, char *err, size_t err_size)
{
    (void)config_json;
    (void)err;
    (void)err_size;
    host = h;
    *instance = NULL;
    return 0;
}

static int fault_evaluate(void *instance, assay_ctx *ctx)
{
    (void)instance;
    const char *fault;
#ifdef FAULT_EVERY_CALL
    FAULT_EVERY_CALL;
#endif
    if (host->get_string(ctx, "fault", &fault) == ASSAY_OK &&
        strcmp(fault, FAULT_TRIGGER) == 0)
        fault_action(ctx);
    host->finding(ctx, FAULT_NAME ".rule", 0.5, 1.0, "scored");
    return 0;
}

static void fault_fini(void *instance)
{
    (void)instance;
#ifdef FAULT_FINI
    FAULT_FINI;
#endif
}

static const assay_plugin plugin = {
    ASSAY_PLUGIN_HEADER,
    .name = FAULT_NAME,
    .version = "1.0.0",
    .domain = "cloud",
    .description = "A plugin with one fault, for the isolation tests",
    .thread_model = ASSAY_THREAD_SAFE,
    .rules = rules,
    .rule_count = 1,
    .init = fault_init,
    .evaluate = fault_evaluate,
    .fini = fault_fini,
};

ASSAY_PLUGIN_DEFINE(plugin)
