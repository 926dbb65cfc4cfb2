/* A descriptor smaller than ABI v1 (it stops before evaluate): the host
 * cannot know where the missing fields are, so it refuses the plugin. */
#include <stddef.h>
#include <stdlib.h>

#include "assay/plugin.h"

static int init(const assay_host *h, const char *config, void **instance,
                char *err, size_t err_size)
{
    (void)h, (void)config, (void)instance, (void)err, (void)err_size;
    abort(); /* the host must never call a plugin it refused */
}

static const assay_plugin plugin = {
    .struct_size = offsetof(assay_plugin, evaluate),
    .abi_version = ASSAY_ABI_VERSION,
    .name = "truncated",
    .version = "1.0.0",
    .domain = "business",
    .init = init,
};
ASSAY_PLUGIN_DEFINE(plugin)
