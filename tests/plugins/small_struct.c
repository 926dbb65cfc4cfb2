/* A descriptor smaller than ABI v1's: the loader must refuse it. */
#include "assay/plugin.h"

static const assay_rule rules[] = {
    {ASSAY_RULE_HEADER, "small_struct.rule", NULL, 1.0, "A rule"},
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
    .struct_size = 24, .abi_version = ASSAY_ABI_VERSION,
    .name = "small_struct",
    .version = "1.0.0",
    .domain = "cloud",
    .thread_model = ASSAY_THREAD_SAFE,
    .rules = rules,
    .rule_count = 1,
    .init = init,
    .evaluate = evaluate,
};

ASSAY_PLUGIN_DEFINE(plugin)
