/* Reports the configuration it was given, verbatim, as a finding's reason;
 * refuses a configuration that holds "refuse" with its own message. One
 * instance per worker, so every instance's init sees the configuration. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assay/plugin.h"

static const assay_host *host;
static const assay_rule rules[] = {{ASSAY_RULE_HEADER, "config_echo.config", "business", 1.0,
                                    "Echoes the plugin configuration"}};

static int init(const assay_host *h, const char *config, void **instance,
                char *err, size_t err_size)
{
    host = h;
    if (strstr(config, "refuse")) {
        snprintf(err, err_size, "\"refuse\" is set, so I refuse");
        return 1;
    }
    *instance = strdup(config);
    if (!*instance) {
        snprintf(err, err_size, "out of memory");
        return 1;
    }
    return 0;
}

static int evaluate(void *instance, assay_ctx *ctx)
{
    host->finding(ctx, "config_echo.config", 1.0, 1.0, instance);
    return 0;
}

static void fini(void *instance)
{
    free(instance);
}

static const assay_plugin plugin = {
    ASSAY_PLUGIN_HEADER,
    .name = "config_echo",
    .version = "1.0.0",
    .domain = "business",
    .description = "Echoes its configuration",
    .thread_model = ASSAY_THREAD_PER_WORKER,
    .rules = rules,
    .rule_count = 1,
    .init = init,
    .evaluate = evaluate,
    .fini = fini,
};
ASSAY_PLUGIN_DEFINE(plugin)
