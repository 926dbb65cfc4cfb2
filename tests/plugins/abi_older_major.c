/* A plugin that claims ABI version 0, older than any major this host
 * supports: refused at load, before init runs. */
#include <stdlib.h>

#include "assay/plugin.h"

static int init(const assay_host *h, const char *config, void **instance,
                char *err, size_t err_size)
{
    (void)h, (void)config, (void)instance, (void)err, (void)err_size;
    abort(); /* the host must never call a plugin it refused */
}

static int evaluate(void *instance, assay_ctx *ctx)
{
    (void)instance, (void)ctx;
    return 0;
}

static const assay_plugin plugin = {
    .struct_size = sizeof(assay_plugin),
    .abi_version = 0,
    .name = "older_major",
    .version = "0.1.0",
    .domain = "business",
    .init = init,
    .evaluate = evaluate,
};
ASSAY_PLUGIN_DEFINE(plugin)
