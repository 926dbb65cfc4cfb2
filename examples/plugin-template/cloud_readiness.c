/* Cloud readiness: can the applicant's platform carry an OEM's production
 * traffic? Redundancy across providers and regions, the availability it
 * promises, and the security certifications OEMs ask for.
 *
 * An out-of-tree assay plugin: it includes <assay/plugin.h> and nothing of
 * assay's source, and parses its configuration with cJSON. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <assay/plugin.h>
#include <cjson/cJSON.h>

#define RULE_REDUNDANCY "cloud_readiness.redundancy"
#define RULE_AVAILABILITY "cloud_readiness.availability"
#define RULE_COMPLIANCE "cloud_readiness.compliance"

#define MAX_REQUIRED 8
#define NAME_SIZE 64

static const assay_domain_info domains[] = {
    {"cloud", "Cloud",
     "Cloud platforms for vehicles: redundancy, availability and "
     "compliance"},
};

static const assay_rule rules[] = {
    {ASSAY_RULE_HEADER, RULE_REDUNDANCY, NULL, 1.5,
     "Providers and regions: 0.6 for multi-region, 0.2 for each provider "
     "up to two"},
    {ASSAY_RULE_HEADER, RULE_AVAILABILITY, NULL, 1.0,
     "Uptime SLA on a log scale of allowed downtime: 99% scores 0, the "
     "target SLA (99.99% by default) scores 1"},
    {ASSAY_RULE_HEADER, RULE_COMPLIANCE, NULL, 2.0,
     "Share of the required certifications held (ISO 27001 and TISAX by "
     "default); flags OEM partners without TISAX"},
};

/* One instance per configuration; read-only once init returns, so one
 * instance serves every worker thread. */
typedef struct cloud_config {
    double target_sla;
    size_t required_count;
    char required[MAX_REQUIRED][NAME_SIZE];
} cloud_config;

static const assay_host *host;

/* ---- configuration ---------------------------------------------------- */

static int configure(cloud_config *c, const char *json, char *err,
                     size_t err_size)
{
    c->target_sla = 99.99;
    c->required_count = 2;
    snprintf(c->required[0], NAME_SIZE, "ISO 27001");
    snprintf(c->required[1], NAME_SIZE, "TISAX");

    cJSON *root = cJSON_Parse(json); /* the host checked it is an object */
    if (!root) {
        snprintf(err, err_size, "configuration is not JSON");
        return 1;
    }
    int rc = 0;
    const cJSON *sla = cJSON_GetObjectItemCaseSensitive(root, "target_sla");
    const cJSON *req =
        cJSON_GetObjectItemCaseSensitive(root, "required_certifications");
    if (sla && !(cJSON_IsNumber(sla) && sla->valuedouble > 99 &&
                 sla->valuedouble < 100)) {
        snprintf(err, err_size,
                 "target_sla must be a percentage above 99 and below 100, "
                 "e.g. 99.99");
        rc = 1;
    } else if (sla) {
        c->target_sla = sla->valuedouble;
    }
    if (!rc && req) {
        int n = cJSON_GetArraySize(req);
        if (!cJSON_IsArray(req) || n < 1 || n > MAX_REQUIRED) {
            snprintf(err, err_size,
                     "required_certifications must be an array of 1 to %d "
                     "certification names",
                     MAX_REQUIRED);
            rc = 1;
        }
        c->required_count = 0;
        const cJSON *item;
        cJSON_ArrayForEach(item, req)
        {
            if (rc)
                break;
            if (!cJSON_IsString(item) || !item->valuestring[0] ||
                strlen(item->valuestring) >= NAME_SIZE) {
                snprintf(err, err_size,
                         "required_certifications[%zu] must be a name of 1 "
                         "to %d characters",
                         c->required_count, NAME_SIZE - 1);
                rc = 1;
                break;
            }
            snprintf(c->required[c->required_count++], NAME_SIZE, "%s",
                     item->valuestring);
        }
    }
    cJSON_Delete(root);
    return rc;
}

static int cloud_init(const assay_host *h, const char *config_json,
                      void **instance, char *err, size_t err_size)
{
    host = h;
    cloud_config *c = malloc(sizeof *c);
    if (!c) {
        snprintf(err, err_size, "out of memory");
        return 1;
    }
    if (configure(c, config_json, err, err_size)) {
        free(c);
        return 1;
    }
    *instance = c;
    return 0;
}

static void cloud_fini(void *instance)
{
    free(instance);
}

/* ---- rules ------------------------------------------------------------ */

/* A field of the wrong type fails the rule that needed it, naming the
 * field; a missing field means the rule does not apply. */
static void wrong_type(assay_ctx *ctx, const char *rule, const char *path,
                       const char *what)
{
    char msg[160];
    snprintf(msg, sizeof msg, "%s must be %s; fix the record's field", path,
             what);
    host->fail(ctx, rule, msg);
}

static void rule_redundancy(assay_ctx *ctx)
{
    size_t providers = 0;
    int multi = 0;
    assay_status sp =
        host->array_length(ctx, "cloud.providers", &providers);
    assay_status sm = host->get_bool(ctx, "cloud.multi_region", &multi);
    if (sp == ASSAY_WRONG_TYPE) {
        wrong_type(ctx, RULE_REDUNDANCY, "cloud.providers",
                   "an array of provider names");
        return;
    }
    if (sm == ASSAY_WRONG_TYPE) {
        wrong_type(ctx, RULE_REDUNDANCY, "cloud.multi_region",
                   "true or false");
        return;
    }
    if (sp == ASSAY_MISSING && sm == ASSAY_MISSING)
        return;
    double score =
        (multi ? 0.6 : 0.0) + 0.2 * (double)(providers < 2 ? providers : 2);
    char reason[200];
    snprintf(reason, sizeof reason, "%zu cloud provider%s, %s", providers,
             providers == 1 ? "" : "s",
             sm == ASSAY_MISSING ? "regions not stated"
             : multi             ? "multi-region"
                                 : "single region");
    host->finding(ctx, RULE_REDUNDANCY, score, rules[0].weight, reason);
}

static void rule_availability(assay_ctx *ctx, const cloud_config *c)
{
    double sla;
    assay_status s = host->get_number(ctx, "cloud.uptime_sla", &sla);
    if (s == ASSAY_MISSING)
        return;
    if (s == ASSAY_WRONG_TYPE || !(sla >= 0 && sla < 100)) {
        wrong_type(ctx, RULE_AVAILABILITY, "cloud.uptime_sla",
                   "a percentage below 100, e.g. 99.95");
        return;
    }
    /* Score by orders of magnitude of allowed downtime: 1% (99%) is 0,
     * the target's downtime is 1. */
    double floor_log = log10(0.01);
    double target_log = log10(1 - c->target_sla / 100);
    double score =
        (floor_log - log10(1 - sla / 100)) / (floor_log - target_log);
    score = score < 0 ? 0 : score > 1 ? 1 : score;
    char reason[200];
    snprintf(reason, sizeof reason,
             "uptime SLA %g%% allows %.1f hours of downtime a year (target "
             "%g%%)",
             sla, (1 - sla / 100) * 365 * 24, c->target_sla);
    host->finding(ctx, RULE_AVAILABILITY, score, rules[1].weight, reason);
}

/* 1 if the record's certifications list holds name. */
static int certified(assay_ctx *ctx, size_t count, const char *name)
{
    for (size_t i = 0; i < count; i++) {
        const char *held;
        if (host->array_string(ctx, "cloud.certifications", i, &held) ==
                ASSAY_OK &&
            strcmp(held, name) == 0)
            return 1;
    }
    return 0;
}

static void rule_compliance(assay_ctx *ctx, const cloud_config *c)
{
    size_t count;
    assay_status s = host->array_length(ctx, "cloud.certifications", &count);
    if (s == ASSAY_MISSING)
        return;
    if (s == ASSAY_WRONG_TYPE) {
        wrong_type(ctx, RULE_COMPLIANCE, "cloud.certifications",
                   "an array of certification names");
        return;
    }
    char reason[MAX_REQUIRED * (NAME_SIZE + 2) + 16] = "";
    size_t held = 0, used = 0;
    for (size_t i = 0; i < c->required_count; i++) {
        if (certified(ctx, count, c->required[i])) {
            held++;
            continue;
        }
        int n = snprintf(reason + used, sizeof reason - used, "%s%s",
                         used ? ", " : "missing ", c->required[i]);
        used += (size_t)n; /* fits: MAX_REQUIRED names of < NAME_SIZE */
    }
    if (held == c->required_count)
        snprintf(reason, sizeof reason,
                 "holds all %zu required certifications", held);
    host->finding(ctx, RULE_COMPLIANCE,
                  (double)held / (double)c->required_count, rules[2].weight,
                  reason);

    double oems;
    if (host->get_number(ctx, "traction.oem_partners", &oems) == ASSAY_OK &&
        oems > 0 && !certified(ctx, count, "TISAX"))
        host->flag(ctx, RULE_COMPLIANCE,
                   "works with OEM partners but holds no TISAX label; check "
                   "how their data is protected");
}

static int cloud_evaluate(void *instance, assay_ctx *ctx)
{
    const cloud_config *c = instance;
    rule_redundancy(ctx);
    rule_availability(ctx, c);
    rule_compliance(ctx, c);
    return 0;
}

static const assay_plugin cloud_readiness = {
    ASSAY_PLUGIN_HEADER,
    .name = "cloud_readiness",
    .version = "1.0.0",
    .domain = "cloud",
    .description = "Cloud platform readiness for OEM production workloads",
    .thread_model = ASSAY_THREAD_SAFE,
    .rules = rules,
    .rule_count = sizeof rules / sizeof rules[0],
    .domains = domains,
    .domain_count = sizeof domains / sizeof domains[0],
    .init = cloud_init,
    .evaluate = cloud_evaluate,
    .fini = cloud_fini,
};

ASSAY_PLUGIN_DEFINE(cloud_readiness)
