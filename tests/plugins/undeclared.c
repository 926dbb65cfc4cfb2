/* Reports a rule it never declared: an error finding, not a crash. */
#include "assay/plugin.h"

static const assay_host *host;

static const assay_rule rules[] = {
    {ASSAY_RULE_HEADER, "undeclared.rule", NULL, 1.0, "A rule"},
};

static int init(const assay_host *h, const char *config_json,
                void **instance, char *err, size_t err_size)
{
    (void)h;
    (void)config_json;
    (void)err;
    (void)err_size;
    *instance = NULL;
    host = h;
    return 0;
}

static int evaluate(void *instance, assay_ctx *ctx)
{
    (void)instance;
    host->finding(ctx, "ghost", 0.5, 1.0, "not declared");
    return 0;
}

static const assay_plugin plugin = {
    ASSAY_PLUGIN_HEADER,
    .name = "undeclared",
    .version = "1.0.0",
    .domain = "cloud",
    .thread_model = ASSAY_THREAD_SAFE,
    .rules = rules,
    .rule_count = 1,
    .init = init,
    .evaluate = evaluate,
};

ASSAY_PLUGIN_DEFINE(plugin)
