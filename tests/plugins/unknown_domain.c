/* A rule names a domain no plugin declares (a misspelt one). */
#include "assay/plugin.h"

static const assay_rule rules[] = {
    {ASSAY_RULE_HEADER, "unknown_domain.rule", "wether", 1.0, "A rule"},
};

static int init(const assay_host *h, const char *config_json,
                void **instance, char *err, size_t err_size)
{
    (void)h;
    (void)config_json;
    (void)err;
    (void)err_size;
    *instance = NULL;
    return 0;
}

static int evaluate(void *instance, assay_ctx *ctx)
{
    (void)instance;
    (void)ctx;
    return 0;
}

static const assay_plugin plugin = {
    ASSAY_PLUGIN_HEADER,
    .name = "unknown_domain",
    .version = "1.0.0",
    .domain = "weather",
    .thread_model = ASSAY_THREAD_SAFE,
    .rules = rules,
    .rule_count = 1,
    .init = init,
    .evaluate = evaluate,
};

ASSAY_PLUGIN_DEFINE(plugin)
