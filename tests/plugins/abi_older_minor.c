/* A plugin built before any field was appended to assay_plugin: its
 * descriptor is exactly the ABI v1 size (through fini). The host must load
 * it and read nothing past struct_size. */
#include <stddef.h>

#include "assay/plugin.h"

static const assay_host *host;
static const assay_rule rules[] = {{"older_minor.ok", "business", 1.0,
                                    "Always 1"}};

static int init(const assay_host *h, const char *config, void **instance,
                char *err, size_t err_size)
{
    (void)config, (void)instance, (void)err, (void)err_size;
    host = h;
    return 0;
}

static int evaluate(void *instance, assay_ctx *ctx)
{
    (void)instance;
    host->finding(ctx, "older_minor.ok", 1.0, 1.0, "loaded");
    return 0;
}

static const assay_plugin plugin = {
    .struct_size = offsetof(assay_plugin, fini) + sizeof(void (*)(void *)),
    .abi_version = 1,
    .name = "older_minor",
    .version = "0.9.0",
    .domain = "business",
    .thread_model = ASSAY_THREAD_SAFE,
    .rules = rules,
    .rule_count = 1,
    .init = init,
    .evaluate = evaluate,
};
ASSAY_PLUGIN_DEFINE(plugin)
