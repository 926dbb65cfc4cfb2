/* A plugin built against a newer header of the same ABI major version: its
 * descriptor has fields appended that this host does not know. The host
 * must load it and ignore them. */
#include <stddef.h>

#include "assay/plugin.h"

/* assay_plugin and assay_rule as a later ABI 2 header might declare them. */
typedef struct newer_plugin {
    assay_plugin v1;
    int (*appended_hook)(void *instance);
    const char *appended_note;
} newer_plugin;

static const assay_host *host;
typedef struct newer_rule {
    assay_rule v2;
    const char *appended_unit;
} newer_rule;

static const newer_rule rules[] = {
    {{.struct_size = sizeof(newer_rule), .id = "newer_minor.ok",
      .domain = "business", .weight = 1.0, .description = "Always 1"},
     "points"},
    {{.struct_size = sizeof(newer_rule), .id = "newer_minor.second",
      .domain = "business", .weight = 3.0, .description = "Always 0.25"},
     "points"}};

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
    host->finding(ctx, "newer_minor.second", 0.25, 3.0, "second rule read");
    return 0;
}

static int appended_hook(void *instance)
{
    (void)instance;
    return 0;
}

static const newer_plugin plugin = {
    .v1 = {.struct_size = sizeof(newer_plugin),
           .abi_version = ASSAY_ABI_VERSION,
           .name = "newer_minor",
           .version = "1.1.0",
           .domain = "business",
           .thread_model = ASSAY_THREAD_SAFE,
           .rules = &rules[0].v2,
           .rule_count = 2,
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
