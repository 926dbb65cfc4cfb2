/* Autonomous driving: is the safety argument there, and does the evidence
 * support the level of automation claimed? */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assay/plugin.h"
#include "../plugin_support.h"


#define RULE_SAFETY_CASE "ad.safety_case"
#define RULE_LEVEL_EVIDENCE "ad.level_evidence"
#define RULE_DISENGAGEMENT "ad.disengagement_bound"
#define RULE_SIMULATION "ad.simulation_coverage"

static const assay_domain_info domains[] = {
    {"autonomous_driving", "Autonomous driving",
     "Automated driving: SAE level evidence, safety case, "
     "disengagements, simulation and validation"},
};

static const assay_rule rules[] = {
    {ASSAY_RULE_HEADER, RULE_SAFETY_CASE, NULL, 2.0,
     "Safety case standard: UL 4600 over ISO 21448 (SOTIF) over ISO 26262; "
     "vetoes SAE level 4+ without one"},
    {ASSAY_RULE_HEADER, RULE_LEVEL_EVIDENCE, NULL, 1.5,
     "Driving evidence (road km, plus simulation at 1:100) against what the "
     "claimed SAE level needs; flags over-claims"},
    {ASSAY_RULE_HEADER, RULE_DISENGAGEMENT, NULL, 2.0,
     "Disengagement rate judged by its 95% upper confidence bound given the "
     "road km driven"},
    {ASSAY_RULE_HEADER, RULE_SIMULATION, NULL, 1.0,
     "Simulation kilometres as scenario coverage, 10 million km for full "
     "marks"},
};

/* ---- safety case ------------------------------------------------------ */

static void rule_safety_case(assay_ctx *ctx)
{
    const char *standard = NULL;
    double level = -1;
    if (support_number(host, ctx, RULE_SAFETY_CASE,
                       "autonomous_driving.sae_level", &level) < 0)
        return;
    int s = support_string(host, ctx, RULE_SAFETY_CASE,
                           "autonomous_driving.safety_case", &standard);
    if (s < 0)
        return;
    char reason[256];
    if (s == 0) {
        /* Absent or null: no safety case. Once an applicant describes its
         * driving system, silence here is evidence, not a gap in the data. */
        if (level >= 4) {
            snprintf(reason, sizeof reason,
                     "SAE level %.0f claimed without any safety case "
                     "(ISO 26262, ISO 21448 or UL 4600)",
                     level);
            host->veto(ctx, RULE_SAFETY_CASE, reason);
        }
        snprintf(reason, sizeof reason, "no safety case standard given");
        host->finding(ctx, RULE_SAFETY_CASE, 0.0, rules[0].weight, reason);
        return;
    }
    double score;
    if (strcmp(standard, "UL 4600") == 0)
        score = 1.0; /* the autonomy-specific safety case standard */
    else if (strcmp(standard, "ISO 21448") == 0)
        score = 0.8; /* SOTIF: performance limits of the intended function */
    else if (strcmp(standard, "ISO 26262") == 0)
        score = level >= 3 ? 0.5 : 0.7; /* faults only; no SOTIF at L3+ */
    else
        score = 0.2;
    if (score == 0.2)
        snprintf(reason, sizeof reason,
                 "safety case \"%.80s\" is not a recognised standard "
                 "(ISO 26262, ISO 21448, UL 4600)",
                 standard);
    else if (level >= 3 && strcmp(standard, "ISO 26262") == 0)
        snprintf(reason, sizeof reason,
                 "ISO 26262 covers faults but not SOTIF, which SAE level %.0f "
                 "needs",
                 level);
    else
        snprintf(reason, sizeof reason, "safety case follows %s", standard);
    host->finding(ctx, RULE_SAFETY_CASE, score, rules[0].weight, reason);
}

/* ---- level against evidence ------------------------------------------- */

/* Road kilometres a claim of each SAE level needs before it is credible. */
static const double km_needed[6] = {0, 1e3, 1e4, 1e5, 1e6, 1e7};

static void rule_level_evidence(assay_ctx *ctx)
{
    double level, road = 0, sim = 0;
    if (support_number(host, ctx, RULE_LEVEL_EVIDENCE,
                       "autonomous_driving.sae_level", &level) <= 0)
        return;
    if (level != floor(level) || level < 0 || level > 5) {
        char msg[128];
        snprintf(msg, sizeof msg,
                 "autonomous_driving.sae_level is %g; it must be a whole "
                 "number from 0 to 5",
                 level);
        host->fail(ctx, RULE_LEVEL_EVIDENCE, msg);
        return;
    }
    if (level < 1)
        return; /* no automation claimed, nothing to support */
    int r = support_number(host, ctx, RULE_LEVEL_EVIDENCE,
                           "autonomous_driving.road_km", &road);
    int s = support_number(host, ctx, RULE_LEVEL_EVIDENCE,
                           "autonomous_driving.sim_km", &sim);
    if (r < 0 || s < 0 || (r == 0 && s == 0))
        return;
    road = road < 0 ? 0 : road;
    sim = sim < 0 ? 0 : sim;
    double evidence = road + sim / 100.0; /* simulation counts 1:100 */
    double needed = km_needed[(int)level];
    double score = support_clamp01(log10(1 + evidence) / log10(1 + needed));
    char reason[256];
    snprintf(reason, sizeof reason,
             "SAE level %d claimed with %.0f road km and %.0f simulated km "
             "(%.0f km equivalent); the level needs %.0f",
             (int)level, road, sim, evidence, needed);
    host->finding(ctx, RULE_LEVEL_EVIDENCE, score, rules[1].weight, reason);
    if (level >= 3 && evidence < needed / 10) {
        snprintf(reason, sizeof reason,
                 "SAE level %d claimed with under a tenth of the driving "
                 "evidence it needs (%.0f of %.0f km)",
                 (int)level, evidence, needed);
        host->flag(ctx, RULE_LEVEL_EVIDENCE, reason);
    }
}

/* ---- disengagement rate bound ----------------------------------------- */

/* One-sided 95% upper confidence bound of a Poisson mean after observing
 * `count` events: chi-square(0.95, 2 count + 2) / 2, by the Wilson-Hilferty
 * approximation (within 1% from count 0; 2.97 for count 0, the "rule of
 * three"). */
static double poisson_upper_95(double count)
{
    const double z = 1.6448536269514722; /* standard normal, 95% */
    double nu = 2 * count + 2;
    double t = 1 - 2 / (9 * nu) + z * sqrt(2 / (9 * nu));
    return nu * t * t * t / 2;
}

static void rule_disengagement(assay_ctx *ctx)
{
    double rate, road;
    int a = support_number(host, ctx, RULE_DISENGAGEMENT,
                           "autonomous_driving.disengagements_per_1000km",
                           &rate);
    int b = support_number(host, ctx, RULE_DISENGAGEMENT,
                           "autonomous_driving.road_km", &road);
    if (a <= 0 || b <= 0)
        return;
    char reason[256];
    if (road <= 0 || rate < 0) {
        snprintf(reason, sizeof reason,
                 "a disengagement rate of %g per 1000 km over %g road km "
                 "is not evidence",
                 rate, road);
        host->finding(ctx, RULE_DISENGAGEMENT, 0.0, rules[2].weight, reason);
        return;
    }
    double thousands = road / 1000.0;
    double events = rate * thousands;
    double upper = poisson_upper_95(events) / thousands;
    /* 0.1 per 1000 km or better scores 1, 10 or worse scores 0, log-linear
     * between: each tenfold improvement is worth the same. */
    double score = support_clamp01((1 - log10(upper)) / 2);
    snprintf(reason, sizeof reason,
             "%g disengagements per 1000 km over %.0f road km; 95%% upper "
             "bound %.2f per 1000 km",
             rate, road, upper);
    host->finding(ctx, RULE_DISENGAGEMENT, score, rules[2].weight, reason);
}

/* ---- simulation ------------------------------------------------------- */

static void rule_simulation(assay_ctx *ctx)
{
    double sim;
    if (support_number(host, ctx, RULE_SIMULATION, "autonomous_driving.sim_km",
                       &sim) <= 0)
        return;
    sim = sim < 0 ? 0 : sim;
    double score = support_clamp01(log10(1 + sim) / 7);
    char reason[160];
    snprintf(reason, sizeof reason,
             "%.0f simulated km (10 million for full marks)", sim);
    host->finding(ctx, RULE_SIMULATION, score, rules[3].weight, reason);
}

/* ---- plugin ----------------------------------------------------------- */

static int ad_evaluate(void *instance, assay_ctx *ctx)
{
    (void)instance;
    if (support_domain_object(host, ctx, "autonomous_driving", rules,
                              sizeof rules / sizeof rules[0]) <= 0)
        return 0;
    rule_safety_case(ctx);
    rule_level_evidence(ctx);
    rule_disengagement(ctx);
    rule_simulation(ctx);
    return 0;
}

static const assay_plugin plugin = {
    ASSAY_PLUGIN_HEADER,
    .name = "autonomous_driving",
    .version = "1.0.0",
    .domain = "autonomous_driving",
    .description = "Safety case, SAE level evidence, disengagement rate and "
                   "simulation coverage",
    .thread_model = ASSAY_THREAD_SAFE,
    .rules = rules,
    .rule_count = sizeof rules / sizeof rules[0],
    .domains = domains,
    .domain_count = sizeof domains / sizeof domains[0],
    .init = support_init,
    .evaluate = ad_evaluate,
    .fini = support_fini,
};

ASSAY_PLUGIN_DEFINE(plugin)
