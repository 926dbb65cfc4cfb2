/* A plugin built against a newer header of the same ABI major version: its
 * descriptor has fields appended that this host does not know. The host
 * must load it and ignore them. */
#include <stddef.h>

#include "assay/plugin.h"

/* assay_plugin as a later v1 header might declare it. */
typedef struct newer_plugin {
    assay_plugin v1;
    int (*appended_hook)(void *instance);
    const char *appended_note;
} newer_plugin;

static const assay_host *host;
static const assay_rule rules[] = {{"newer_minor.ok", "business", 1.0,
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
    host->finding(ctx, "newer_minor.ok", 1.0, 1.0, "loaded");
    return 0;
}

static int appended_hook(void *instance)
{
    (void)instance;
    return 0;
}

static const newer_plugin plugin = {
    .v1 = {.struct_size = sizeof(newer_plugin),
           .abi_version = 1,
           .name = "newer_minor",
           .version = "1.1.0",
           .domain = "business",
           .thread_model = ASSAY_THREAD_SAFE,
           .rules = rules,
           .rule_count = 1,
           .init = init,
           .evaluate = evaluate},
    .appended_hook = appended_hook,
    .appended_note = "a field this host does not know",
};

ASSAY_EXPORT const assay_plugin *assay_plugin_entry(void);
ASSAY_EXPORT const assay_plugin *assay_plugin_entry(void)
{
    return &plugin.v1;
}
