/* An ABI 2 plugin whose rules array opens with a struct_size smaller than
 * ABI 2's smallest rule (through description): refused at load. */
#include "assay/plugin.h"

static int init(const assay_host *h, const char *config, void **instance,
                char *err, size_t err_size)
{
    (void)h, (void)config, (void)instance, (void)err, (void)err_size;
    return 0;
}

static int evaluate(void *instance, assay_ctx *ctx)
{
    (void)instance, (void)ctx;
    return 0;
}

static const assay_rule rules[] = {
    {.struct_size = 8, .id = "rule_small.rule", .weight = 1,
     .description = "A rule"}};

static const assay_plugin plugin = {
    ASSAY_PLUGIN_HEADER,
    .name = "rule_small",
    .version = "1.0.0",
    .domain = "business",
    .thread_model = ASSAY_THREAD_SAFE,
    .rules = rules,
    .rule_count = 1,
    .init = init,
    .evaluate = evaluate,
};

ASSAY_PLUGIN_DEFINE(plugin)
