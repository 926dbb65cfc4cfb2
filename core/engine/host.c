#include "engine/host.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "engine/record.h"

static int host_has(const assay_ctx *ctx, const char *path)
{
    return assay_record_find(ctx->root, path) != NULL;
}

static assay_status host_get_number(const assay_ctx *ctx, const char *path,
                                    double *out)
{
    return assay_record_number(ctx->root, path, out);
}

static assay_status host_get_string(const assay_ctx *ctx, const char *path,
                                    const char **out)
{
    return assay_record_string(ctx->root, path, out);
}

static assay_status host_get_bool(const assay_ctx *ctx, const char *path,
                                  int *out)
{
    return assay_record_bool(ctx->root, path, out);
}

static assay_status host_array_length(const assay_ctx *ctx, const char *path,
                                      size_t *out)
{
    return assay_record_array_length(ctx->root, path, out);
}

static assay_status array_item(const assay_ctx *ctx, const char *path,
                               size_t index, const cJSON **out)
{
    const cJSON *a = assay_record_find(ctx->root, path);
    if (!a)
        return ASSAY_MISSING;
    if (!cJSON_IsArray(a))
        return ASSAY_WRONG_TYPE;
    const cJSON *c = a->child;
    while (c && index--)
        c = c->next;
    if (!c || cJSON_IsNull(c))
        return ASSAY_MISSING;
    *out = c;
    return ASSAY_OK;
}

static assay_status host_array_number(const assay_ctx *ctx, const char *path,
                                      size_t index, double *out)
{
    const cJSON *c;
    assay_status s = array_item(ctx, path, index, &c);
    if (s != ASSAY_OK)
        return s;
    if (!cJSON_IsNumber(c))
        return ASSAY_WRONG_TYPE;
    *out = c->valuedouble;
    return ASSAY_OK;
}

static assay_status host_array_string(const assay_ctx *ctx, const char *path,
                                      size_t index, const char **out)
{
    const cJSON *c;
    assay_status s = array_item(ctx, path, index, &c);
    if (s != ASSAY_OK)
        return s;
    if (!cJSON_IsString(c))
        return ASSAY_WRONG_TYPE;
    *out = c->valuestring;
    return ASSAY_OK;
}

/* The declared rule a report names; an undeclared id is reported as an
 * error finding under the plugin's name and NULL is returned. */
static const assay_rule_info *declared_rule(assay_ctx *ctx,
                                            const char *rule_id)
{
    const assay_loaded_plugin *p = ctx->plugin;
    const assay_rule_info *rule =
        rule_id ? assay_plugin_rule(p, rule_id) : NULL;
    if (!rule) {
        char msg[512];
        snprintf(msg, sizeof msg,
                 "plugin \"%s\" reported undeclared rule \"%s\"; add it to "
                 "the plugin's rule list",
                 p->name, rule_id ? rule_id : "(null)");
        assay_result_add_error(ctx->result, p->name, p->name, p->domain,
                               msg);
    }
    return rule;
}

static void host_finding(assay_ctx *ctx, const char *rule_id, double score,
                         double weight, const char *reason)
{
    const assay_rule_info *rule = declared_rule(ctx, rule_id);
    if (!rule)
        return;
    if (!isfinite(score) || !isfinite(weight) || !(weight > 0)) {
        char msg[256];
        snprintf(msg, sizeof msg,
                 "rule returned score %g with weight %g; a score must be a "
                 "number in [0, 1] and a weight a positive number",
                 score, weight);
        assay_result_add_error(ctx->result, rule->id, ctx->plugin->name,
                               rule->domain, msg);
        return;
    }
    score = score < 0 ? 0 : score > 1 ? 1 : score;
    assay_result_add_finding(ctx->result, rule->id, ctx->plugin->name,
                             rule->domain, score, weight, reason);
}

static void host_fail(assay_ctx *ctx, const char *rule_id,
                      const char *message)
{
    const assay_rule_info *rule = declared_rule(ctx, rule_id);
    if (rule)
        assay_result_add_error(ctx->result, rule->id, ctx->plugin->name,
                               rule->domain, message ? message : "failed");
}

static void host_veto(assay_ctx *ctx, const char *rule_id,
                      const char *reason)
{
    const assay_rule_info *rule = declared_rule(ctx, rule_id);
    if (rule)
        assay_result_add_veto(ctx->result, rule->id, ctx->plugin->name,
                              reason);
}

static void host_flag(assay_ctx *ctx, const char *rule_id,
                      const char *reason)
{
    const assay_rule_info *rule = declared_rule(ctx, rule_id);
    if (rule)
        assay_result_add_flag(ctx->result, rule->id, ctx->plugin->name,
                              reason);
}

/* The plugin in init or fini on this thread (assay_host_set_caller). */
static _Thread_local const assay_loaded_plugin *caller;

const assay_loaded_plugin *
assay_host_set_caller(const assay_loaded_plugin *plugin)
{
    const assay_loaded_plugin *previous = caller;
    caller = plugin;
    return previous;
}

static void host_log(const assay_ctx *ctx, assay_log_level level,
                     const char *message)
{
    static const char *const names[] = {"debug", "info", "warning", "error"};
    const char *lv =
        (unsigned)level <= ASSAY_LOG_ERROR ? names[level] : "log";
    if (ctx)
        fprintf(stderr, "assay: %s: line %zu: %s: %s\n", ctx->plugin->name,
                ctx->line, lv, message ? message : "");
    else
        fprintf(stderr, "assay: %s: %s: %s\n",
                caller ? caller->name : "plugin", lv, message ? message : "");
}

static const assay_host host_table = {
    .size = sizeof(assay_host),
    .abi_version = ASSAY_ABI_VERSION,
    .has = host_has,
    .get_number = host_get_number,
    .get_string = host_get_string,
    .get_bool = host_get_bool,
    .array_length = host_array_length,
    .array_number = host_array_number,
    .array_string = host_array_string,
    .finding = host_finding,
    .fail = host_fail,
    .veto = host_veto,
    .flag = host_flag,
    .log = host_log,
};

const assay_host *assay_host_table(void)
{
    return &host_table;
}

void assay_host_evaluate(assay_ctx *ctx, void *instance)
{
    assay_loaded_plugin *p = ctx->plugin;
    if (p->ops->evaluate(p, instance, ctx) != 0)
        assay_result_add_error(ctx->result, p->name, p->name, p->domain,
                               "plugin failed on this record");
}
