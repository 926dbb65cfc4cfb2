/* A well-formed plugin for the loader and host tests. It reports what the
 * record's "good" object asks for: a score, a veto, a flag, a log line,
 * a failure. */
#include <stdio.h>

#include "assay/plugin.h"

static const assay_host *host;

/* business as the shipped rule files declare it, so good loads beside them
 * and alone alike. */
static const assay_domain_info domains[] = {
    {"business", "Business",
     "Team, traction and funding, judged for every applicant"},
};

static const assay_rule rules[] = {
    {ASSAY_RULE_HEADER, "good.rule", NULL, 1.0, "Scores good.score"},
    {ASSAY_RULE_HEADER, "good.business", "business", 2.0, "Scores good.business_score"},
};

static int good_init(const assay_host *h, const char *config_json,
                     void **instance, char *err, size_t err_size)
{
    (void)config_json;
    (void)err;
    (void)err_size;
    host = h;
    *instance = NULL;
    return 0;
}

static int good_evaluate(void *instance, assay_ctx *ctx)
{
    (void)instance;
    double v;
    int b;
    const char *text;
    char reason[64];
    if (host->get_string(ctx, "good.log", &text) == ASSAY_OK)
        host->log(ctx, ASSAY_LOG_WARN, text);
    if (host->get_number(ctx, "good.score", &v) == ASSAY_OK) {
        snprintf(reason, sizeof reason, "good.score is %g", v);
        host->finding(ctx, "good.rule", v, 1.0, reason);
    }
    if (host->get_number(ctx, "good.business_score", &v) == ASSAY_OK)
        host->finding(ctx, "good.business", v, 2.0, "business score");
    if (host->get_bool(ctx, "good.veto", &b) == ASSAY_OK && b)
        host->veto(ctx, "good.rule", "vetoed by good.veto");
    if (host->get_bool(ctx, "good.flag", &b) == ASSAY_OK && b)
        host->flag(ctx, "good.rule", "flagged by good.flag");
    if (host->get_bool(ctx, "good.fail", &b) == ASSAY_OK && b)
        return 1;
    return 0;
}

static void good_fini(void *instance)
{
    (void)instance;
}

static const assay_plugin plugin = {
    ASSAY_PLUGIN_HEADER,
    .name = "good",
    .version = "1.0.0",
    .domain = "cloud",
    .description = "A plugin that does what the record asks",
    .thread_model = ASSAY_THREAD_SAFE,
    .rules = rules,
    .rule_count = 2,
    .domains = domains,
    .domain_count = 1,
    .init = good_init,
    .evaluate = good_evaluate,
    .fini = good_fini,
};

ASSAY_PLUGIN_DEFINE(plugin)
