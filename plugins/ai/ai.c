/* AI: is the model good on a benchmark, fast enough for a car, deployable
 * on the car's own hardware, and trained on enough data? */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "assay/plugin.h"
#include "../plugin_support.h"


#define RULE_BENCHMARK "ai.benchmark_quality"
#define RULE_LATENCY "ai.inference_latency"
#define RULE_EDGE "ai.edge_deployment"
#define RULE_DATA "ai.training_data"

static const assay_domain_info domains[] = {
    {"ai", "AI",
     "Machine learning products: benchmark quality, in-car inference "
     "latency, edge deployment and training data"},
};

static const assay_rule rules[] = {
    {ASSAY_RULE_HEADER, RULE_BENCHMARK, NULL, 2.0,
     "Benchmark mAP: 0.30 or less scores 0, 0.75 or more full marks; flags "
     "mAP 0.9+ from under 1000 hours of data"},
    {ASSAY_RULE_HEADER, RULE_LATENCY, NULL, 1.5,
     "Inference latency for in-car use: one 30 fps camera frame (33 ms) for "
     "full marks, half at 100 ms, 0 from 1 s"},
    {ASSAY_RULE_HEADER, RULE_EDGE, NULL, 1.0,
     "Whether the model runs on in-vehicle edge hardware"},
    {ASSAY_RULE_HEADER, RULE_DATA, NULL, 1.0,
     "Training data volume in hours, log scale, 100000 hours for full "
     "marks"},
};

/* ---- benchmark quality ------------------------------------------------ */

static void rule_benchmark(assay_ctx *ctx)
{
    double map;
    if (support_number(host, ctx, RULE_BENCHMARK, "ai.benchmarks.mAP",
                       &map) <= 0)
        return;
    char reason[256];
    if (!(map >= 0 && map <= 1)) {
        snprintf(reason, sizeof reason,
                 "ai.benchmarks.mAP is %g; give it as a fraction from 0 to 1 "
                 "(71%% is 0.71)",
                 map);
        host->fail(ctx, RULE_BENCHMARK, reason);
        return;
    }
    snprintf(reason, sizeof reason,
             "benchmark mAP %.2f (0.75 or more for full marks, 0.30 or less "
             "scores 0)",
             map);
    host->finding(ctx, RULE_BENCHMARK, support_clamp01((map - 0.3) / 0.45),
                  rules[0].weight, reason);
    /* The training data rule reports a wrongly typed data_hours. */
    double hours;
    if (map >= 0.9 &&
        host->get_number(ctx, "ai.data_hours", &hours) == ASSAY_OK &&
        hours < 1000) {
        snprintf(reason, sizeof reason,
                 "mAP %.2f from only %.0f hours of training data: check the "
                 "benchmark for test-set overlap or overfitting",
                 map, hours);
        host->flag(ctx, RULE_BENCHMARK, reason);
    }
}

/* ---- inference latency ------------------------------------------------ */

static void rule_latency(assay_ctx *ctx)
{
    double ms;
    if (support_number(host, ctx, RULE_LATENCY, "ai.benchmarks.latency_ms",
                       &ms) <= 0)
        return;
    char reason[256];
    if (!(ms > 0)) {
        snprintf(reason, sizeof reason,
                 "ai.benchmarks.latency_ms is %g; it must be a positive "
                 "number of milliseconds",
                 ms);
        host->fail(ctx, RULE_LATENCY, reason);
        return;
    }
    if (ms <= 33)
        snprintf(reason, sizeof reason,
                 "%g ms per inference keeps up with a 30 fps camera (33 ms "
                 "a frame)",
                 ms);
    else if (ms <= 100)
        snprintf(reason, sizeof reason,
                 "%g ms per inference: slower than a 30 fps camera frame "
                 "(33 ms), within the 100 ms an in-car perception loop "
                 "allows",
                 ms);
    else
        snprintf(reason, sizeof reason,
                 "%g ms per inference exceeds the 100 ms an in-car "
                 "perception loop allows",
                 ms);
    host->finding(ctx, RULE_LATENCY, support_log_scale(ms, 33, 100, 1000),
                  rules[1].weight, reason);
}

/* ---- edge deployment -------------------------------------------------- */

static void rule_edge(assay_ctx *ctx)
{
    int edge;
    if (support_bool(host, ctx, RULE_EDGE, "ai.edge_deploy", &edge) <= 0)
        return;
    if (edge)
        host->finding(ctx, RULE_EDGE, 1.0, rules[2].weight,
                      "runs on in-vehicle edge hardware (ai.edge_deploy is "
                      "true)");
    else
        host->finding(ctx, RULE_EDGE, 0.3, rules[2].weight,
                      "cloud inference only (ai.edge_deploy is false); "
                      "in-car use needs on-board deployment");
}

/* ---- training data ---------------------------------------------------- */

static void rule_data(assay_ctx *ctx)
{
    double hours;
    if (support_number(host, ctx, RULE_DATA, "ai.data_hours", &hours) <= 0)
        return;
    char reason[160];
    if (hours < 0) {
        snprintf(reason, sizeof reason,
                 "ai.data_hours is %g; it must be zero or more hours", hours);
        host->fail(ctx, RULE_DATA, reason);
        return;
    }
    snprintf(reason, sizeof reason,
             "%.0f hours of training data (100000 for full marks)", hours);
    host->finding(ctx, RULE_DATA, support_clamp01(log10(1 + hours) / 5),
                  rules[3].weight, reason);
}

/* ---- plugin ----------------------------------------------------------- */

static int ai_evaluate(void *instance, assay_ctx *ctx)
{
    (void)instance;
    if (support_domain_object(host, ctx, "ai", rules,
                              sizeof rules / sizeof rules[0]) <= 0)
        return 0;
    rule_benchmark(ctx);
    rule_latency(ctx);
    rule_edge(ctx);
    rule_data(ctx);
    return 0;
}

static const assay_plugin plugin = {
    ASSAY_PLUGIN_HEADER,
    .name = "ai",
    .version = "1.0.0",
    .domain = "ai",
    .description = "Benchmark quality, in-car inference latency, edge "
                   "deployment and training data volume",
    .thread_model = ASSAY_THREAD_SAFE,
    .rules = rules,
    .rule_count = sizeof rules / sizeof rules[0],
    .domains = domains,
    .domain_count = sizeof domains / sizeof domains[0],
    .init = support_init,
    .evaluate = ai_evaluate,
    .fini = support_fini,
};

ASSAY_PLUGIN_DEFINE(plugin)
