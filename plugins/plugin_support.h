/* Helpers shared by the shipped compiled plugins (not part of the ABI).
 * They read a field and, when it has the wrong type, report an error
 * finding for the rule that needed it, so each rule reads as its logic. */
#ifndef ASSAY_PLUGIN_SUPPORT_H
#define ASSAY_PLUGIN_SUPPORT_H

#include <math.h>
#include <stdio.h>

#include "assay/plugin.h"

/* 1: *out holds the value. 0: missing (the rule does not apply).
 * -1: wrong type, already reported as an error finding for rule. */
static inline int support_number(const assay_host *host, assay_ctx *ctx,
                                 const char *rule, const char *path,
                                 double *out)
{
    assay_status s = host->get_number(ctx, path, out);
    if (s == ASSAY_WRONG_TYPE) {
        char msg[256];
        snprintf(msg, sizeof msg,
                 "%s must be a number; fix the record's field", path);
        host->fail(ctx, rule, msg);
        return -1;
    }
    return s == ASSAY_OK;
}

static inline int support_string(const assay_host *host, assay_ctx *ctx,
                                 const char *rule, const char *path,
                                 const char **out)
{
    assay_status s = host->get_string(ctx, path, out);
    if (s == ASSAY_WRONG_TYPE) {
        char msg[256];
        snprintf(msg, sizeof msg,
                 "%s must be a string; fix the record's field", path);
        host->fail(ctx, rule, msg);
        return -1;
    }
    return s == ASSAY_OK;
}

static inline int support_bool(const assay_host *host, assay_ctx *ctx,
                               const char *rule, const char *path, int *out)
{
    assay_status s = host->get_bool(ctx, path, out);
    if (s == ASSAY_WRONG_TYPE) {
        char msg[256];
        snprintf(msg, sizeof msg,
                 "%s must be true or false; fix the record's field", path);
        host->fail(ctx, rule, msg);
        return -1;
    }
    return s == ASSAY_OK;
}

/* The domain object a plugin reads (e.g. "connectivity"). 1: present and
 * an object. 0: missing (no rule applies). -1: present with another type,
 * already reported as an error finding for each of the plugin's rules,
 * since none of them can read it. (The ABI has no object accessor: an
 * object is what is neither number, string, bool nor array.) */
static inline int support_domain_object(const assay_host *host,
                                        assay_ctx *ctx, const char *path,
                                        const assay_rule *rules,
                                        size_t rule_count)
{
    double d;
    const char *s;
    int b;
    size_t n;
    if (!host->has(ctx, path))
        return 0;
    const char *found =
        host->get_number(ctx, path, &d) == ASSAY_OK       ? "a number"
        : host->get_string(ctx, path, &s) == ASSAY_OK     ? "a string"
        : host->get_bool(ctx, path, &b) == ASSAY_OK       ? "true or false"
        : host->array_length(ctx, path, &n) == ASSAY_OK   ? "an array"
                                                          : NULL;
    if (!found)
        return 1;
    char msg[256];
    snprintf(msg, sizeof msg,
             "%s must be an object of fields, found %s; fix the record's "
             "field",
             path, found);
    for (size_t i = 0; i < rule_count; i++)
        host->fail(ctx, rules[i].id, msg);
    return -1;
}

/* The host table, kept by support_init for the rules to report through.
 * The shipped plugins hold no state of their own: one instance, NULL,
 * serves every worker. */
static const assay_host *host;

static inline int support_init(const assay_host *h, const char *config_json,
                               void **instance, char *err, size_t err_size)
{
    (void)config_json;
    (void)err;
    (void)err_size;
    host = h;
    *instance = NULL;
    return 0;
}

static inline void support_fini(void *instance)
{
    (void)instance;
}

static inline double support_clamp01(double v)
{
    return v < 0 ? 0 : v > 1 ? 1 : v;
}

/* A "lower is better" quantity (a latency) scored on a log scale: 1 at or
 * below `good`, 0.5 at `half`, 0 at or above `zero`, log-linear between,
 * so each tenfold slowdown costs the same. Requires good < half < zero. */
static inline double support_log_scale(double v, double good, double half,
                                       double zero)
{
    if (v <= good)
        return 1;
    if (v >= zero)
        return 0;
    if (v <= half)
        return 1 - 0.5 * log10(v / good) / log10(half / good);
    return 0.5 - 0.5 * log10(v / half) / log10(zero / half);
}

#endif
