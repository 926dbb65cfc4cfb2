/* A plugin built against the ABI 2 header from before assay_rule gained
 * input_descriptions: its rule struct (copied below) ends at input_count,
 * and its rules array has that stride. The host must read its inputs and
 * give them no description, reading nothing past each rule's size. */
#include <stddef.h>

#include "assay/plugin.h"

typedef struct rule_before_words {
    uint32_t struct_size;
    const char *id;
    const char *domain;
    double weight;
    const char *description;
    const assay_input *inputs;
    size_t input_count;
} rule_before_words;

static const assay_host *host;
static const assay_input first_inputs[] = {{"kiln.temperature_c",
                                            ASSAY_INPUT_NUMBER}};
static const assay_input second_inputs[] = {{"glaze.lead_free",
                                             ASSAY_INPUT_BOOLEAN}};
static const rule_before_words rules[] = {
    {sizeof(rule_before_words), "before_words.first", NULL, 1.0, "First",
     first_inputs, 1},
    {sizeof(rule_before_words), "before_words.second", NULL, 2.0, "Second",
     second_inputs, 1}};

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
    host->finding(ctx, "before_words.first", 1.0, 1.0, "read");
    return 0;
}

static const assay_domain_info domains[] = {{"kiln", "Kiln", "Firing"}};

static const assay_plugin plugin = {
    .struct_size = sizeof(assay_plugin),
    .abi_version = ASSAY_ABI_VERSION,
    .name = "before_words",
    .version = "1.0.0",
    .domain = "kiln",
    .thread_model = ASSAY_THREAD_SAFE,
    .rules = (const assay_rule *)(const void *)rules,
    .rule_count = 2,
    .init = init,
    .evaluate = evaluate,
    .domains = domains,
    .domain_count = 1,
};

ASSAY_EXPORT const void *assay_plugin_entry(void);
ASSAY_EXPORT const void *assay_plugin_entry(void)
{
    return &plugin;
}
