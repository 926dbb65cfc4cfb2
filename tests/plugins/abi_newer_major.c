/* A plugin built for ABI version 3, a major version this host does not
 * support: refused at load, before init runs. */
#include <stddef.h>
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

/* A descriptor with a field appended and a major version above the host's. */
typedef struct v2_plugin {
    assay_plugin v1;
    unsigned long v2_flags;
} v2_plugin;

static const v2_plugin plugin = {
    .v1 = {.struct_size = sizeof(v2_plugin),
           .abi_version = ASSAY_ABI_VERSION + 1,
           .name = "newer_major",
           .version = "2.0.0",
           .domain = "business",
           .init = init,
           .evaluate = evaluate},
    .v2_flags = 1,
};

ASSAY_EXPORT const assay_plugin *assay_plugin_entry(void);
ASSAY_EXPORT const assay_plugin *assay_plugin_entry(void)
{
    return &plugin.v1;
}
