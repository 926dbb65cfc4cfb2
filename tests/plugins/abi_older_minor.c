/* A plugin built against the ABI 1 header, before assay_rule had a size and
 * assay_plugin had domains: the structs below are copies of ABI 1's. The
 * host must load it, read its rules in the ABI 1 layout and declare its
 * descriptor's domain implicitly (label = name). */
#include <stddef.h>

#include "assay/plugin.h"

/* ABI 1's assay_rule: no struct_size, no inputs. */
typedef struct rule_v1 {
    const char *id;
    const char *domain;
    double weight;
    const char *description;
} rule_v1;

/* ABI 1's assay_plugin: ends at fini. */
typedef struct plugin_v1 {
    uint32_t struct_size;
    uint32_t abi_version;
    const char *name;
    const char *version;
    const char *domain;
    const char *description;
    assay_thread_model thread_model;
    const rule_v1 *rules;
    size_t rule_count;
    int (*init)(const assay_host *host, const char *config_json,
                void **instance, char *err, size_t err_size);
    int (*evaluate)(void *instance, assay_ctx *ctx);
    void (*fini)(void *instance);
} plugin_v1;

static const assay_host *host;
static const rule_v1 rules[] = {
    {"older_minor.ok", NULL, 1.0, "Always 1"},
    {"older_minor.second", "older", 2.0, "Always 0.5"}};

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
    host->finding(ctx, "older_minor.second", 0.5, 2.0, "second rule read");
    return 0;
}

static const plugin_v1 plugin = {
    .struct_size = sizeof(plugin_v1),
    .abi_version = 1,
    .name = "older_minor",
    .version = "0.9.0",
    .domain = "older",
    .thread_model = ASSAY_THREAD_SAFE,
    .rules = rules,
    .rule_count = 2,
    .init = init,
    .evaluate = evaluate,
};

ASSAY_EXPORT const void *assay_plugin_entry(void);
ASSAY_EXPORT const void *assay_plugin_entry(void)
{
    return &plugin;
}
