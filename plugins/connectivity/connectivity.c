/* Connectivity: can the product talk to vehicles and infrastructure the way
 * V2X needs, fast enough, and is it certified to be on the road? */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "assay/plugin.h"
#include "../plugin_support.h"


#define RULE_V2X "conn.v2x_readiness"
#define RULE_LATENCY "conn.latency"
#define RULE_CERTIFIED "conn.certification"

static const assay_domain_info domains[] = {
    {"connectivity", "Connectivity",
     "Vehicle connectivity: V2X readiness, network latency, "
     "certification, stack coverage and teleoperation"},
};

static const assay_rule rules[] = {
    {ASSAY_RULE_HEADER, RULE_V2X, NULL, 2.0,
     "5G and C-V2X readiness from connectivity.tech; flags DSRC without "
     "C-V2X, which China's 5.9 GHz V2X band does not carry"},
    {ASSAY_RULE_HEADER, RULE_LATENCY, NULL, 2.0,
     "End-to-end latency against 3GPP V2X needs: 10 ms or less for advanced "
     "V2X (TS 22.186), 100 ms for basic safety messages (TS 22.185)"},
    {ASSAY_RULE_HEADER, RULE_CERTIFIED, NULL, 1.0,
     "Certification of the V2X equipment for road deployment"},
};

/* ---- 5G / C-V2X readiness --------------------------------------------- */

static void rule_v2x(assay_ctx *ctx)
{
    const char *path = "connectivity.tech";
    size_t n;
    assay_status s = host->array_length(ctx, path, &n);
    if (s == ASSAY_MISSING)
        return;
    if (s == ASSAY_WRONG_TYPE) {
        host->fail(ctx, RULE_V2X,
                   "connectivity.tech must be an array of strings, e.g. "
                   "[\"5G\", \"C-V2X\"]; fix the record's field");
        return;
    }
    int has_5g = 0, has_cv2x = 0, has_dsrc = 0, has_lte = 0;
    char list[160] = "";
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        const char *t;
        s = host->array_string(ctx, path, i, &t);
        if (s == ASSAY_MISSING)
            continue;
        if (s == ASSAY_WRONG_TYPE) {
            char msg[160];
            snprintf(msg, sizeof msg,
                     "connectivity.tech element %zu is not a string; list "
                     "technologies by name, e.g. \"C-V2X\"",
                     i + 1);
            host->fail(ctx, RULE_V2X, msg);
            return;
        }
        has_5g |= strcmp(t, "5G") == 0;
        has_cv2x |= strcmp(t, "C-V2X") == 0;
        has_dsrc |= strcmp(t, "DSRC") == 0;
        has_lte |= strcmp(t, "LTE") == 0;
        if (used < sizeof list) {
            int w = snprintf(list + used, sizeof list - used, "%s%.40s",
                             used ? ", " : "", t);
            used += w > 0 ? (size_t)w : 0;
        }
    }
    if (!list[0])
        snprintf(list, sizeof list, "none");
    double score;
    const char *why;
    if (has_cv2x && has_5g)
        score = 1.0, why = "C-V2X with 5G: direct (PC5) links and a 5G "
                           "network path";
    else if (has_cv2x)
        score = 0.8, why = "C-V2X without 5G: direct (PC5) links, no 5G "
                           "network path";
    else if (has_5g)
        score = 0.5, why = "5G without C-V2X: network links only, no direct "
                           "vehicle-to-vehicle path";
    else if (has_dsrc)
        score = 0.3, why = "DSRC without C-V2X";
    else if (has_lte)
        score = 0.2, why = "LTE only: neither 5G nor C-V2X";
    else
        score = 0.0, why = "neither 5G nor C-V2X";
    char reason[320];
    snprintf(reason, sizeof reason, "%s (tech: %s)", why, list);
    host->finding(ctx, RULE_V2X, score, rules[0].weight, reason);
    if (has_dsrc && !has_cv2x)
        host->flag(ctx, RULE_V2X,
                   "DSRC without C-V2X: China's 5.9 GHz V2X band "
                   "(5905-5925 MHz) is allocated to LTE-V2X, so check the "
                   "target market");
}

/* ---- latency ---------------------------------------------------------- */

static void rule_latency(assay_ctx *ctx)
{
    double ms;
    if (support_number(host, ctx, RULE_LATENCY, "connectivity.latency_ms",
                       &ms) <= 0)
        return;
    char reason[256];
    if (!(ms > 0)) {
        snprintf(reason, sizeof reason,
                 "connectivity.latency_ms is %g; it must be a positive number "
                 "of milliseconds",
                 ms);
        host->fail(ctx, RULE_LATENCY, reason);
        return;
    }
    if (ms <= 10)
        snprintf(reason, sizeof reason,
                 "%g ms end-to-end latency meets the 3-10 ms of advanced V2X "
                 "(3GPP TS 22.186)",
                 ms);
    else if (ms <= 100)
        snprintf(reason, sizeof reason,
                 "%g ms end-to-end latency: within the 100 ms of basic safety "
                 "messages (3GPP TS 22.185), above the 10 ms of advanced V2X "
                 "(TS 22.186)",
                 ms);
    else
        snprintf(reason, sizeof reason,
                 "%g ms end-to-end latency exceeds the 100 ms that basic "
                 "safety messages allow (3GPP TS 22.185)",
                 ms);
    host->finding(ctx, RULE_LATENCY, support_log_scale(ms, 10, 100, 1000),
                  rules[1].weight, reason);
}

/* ---- certification ---------------------------------------------------- */

static void rule_certification(assay_ctx *ctx)
{
    int certified;
    if (support_bool(host, ctx, RULE_CERTIFIED, "connectivity.certified",
                     &certified) <= 0)
        return;
    if (certified)
        host->finding(ctx, RULE_CERTIFIED, 1.0, rules[2].weight,
                      "V2X equipment certified (connectivity.certified is "
                      "true)");
    else
        host->finding(ctx, RULE_CERTIFIED, 0.3, rules[2].weight,
                      "V2X equipment not certified yet (connectivity."
                      "certified is false); road deployment needs it");
}

/* ---- plugin ----------------------------------------------------------- */

static int conn_evaluate(void *instance, assay_ctx *ctx)
{
    (void)instance;
    if (support_domain_object(host, ctx, "connectivity", rules,
                              sizeof rules / sizeof rules[0]) <= 0)
        return 0;
    rule_v2x(ctx);
    rule_latency(ctx);
    rule_certification(ctx);
    return 0;
}

static const assay_plugin plugin = {
    ASSAY_PLUGIN_HEADER,
    .name = "connectivity",
    .version = "1.0.0",
    .domain = "connectivity",
    .description = "5G and C-V2X readiness, V2X latency against 3GPP "
                   "figures, certification",
    .thread_model = ASSAY_THREAD_SAFE,
    .rules = rules,
    .rule_count = sizeof rules / sizeof rules[0],
    .domains = domains,
    .domain_count = sizeof domains / sizeof domains[0],
    .init = support_init,
    .evaluate = conn_evaluate,
    .fini = support_fini,
};

ASSAY_PLUGIN_DEFINE(plugin)
