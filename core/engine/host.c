#include "engine/host.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "engine/record.h"

/* ---- misuse of the table ---------------------------------------------- */

/* The context of the evaluate() running on this thread, so that a call
 * with a NULL ctx can still be charged to its record. */
static _Thread_local assay_ctx *current;

/* The plugin in init or fini on this thread (assay_host_set_caller). */
static _Thread_local const assay_loaded_plugin *caller;

/* A plugin passed what no call accepts (NULL for ctx, a path or an output):
 * an error finding on the record at hand, or a log line outside evaluate. */
static void misuse(const assay_ctx *ctx, const char *call, const char *what)
{
    assay_ctx *c = ctx ? (assay_ctx *)ctx : current;
    if (!c) {
        fprintf(stderr, "assay: %s: passed %s to host->%s outside "
                        "evaluate(); the call did nothing\n",
                caller ? caller->name : "plugin", what, call);
        return;
    }
    char msg[256];
    snprintf(msg, sizeof msg,
             "plugin \"%s\" passed %s to host->%s; the call did nothing "
             "(fix the plugin)",
             c->plugin->name, what, call);
    assay_result_add_error(c->result, c->plugin->name, c->plugin->name,
                           c->plugin->domain, msg);
}

/* 1 (after reporting it) when a record accessor got a NULL argument. */
static int bad_access(const assay_ctx *ctx, const char *path, const void *out,
                      const char *call)
{
    const char *what = !ctx    ? "a NULL ctx"
                       : !path ? "a NULL path"
                       : !out  ? "a NULL output pointer"
                               : NULL;
    if (what)
        misuse(ctx, call, what);
    return what != NULL;
}

/* ---- reading the record ----------------------------------------------- */

static int host_has(const assay_ctx *ctx, const char *path)
{
    return !bad_access(ctx, path, "", "has") &&
           assay_record_find(ctx->root, path) != NULL;
}

static assay_status host_get_number(const assay_ctx *ctx, const char *path,
                                    double *out)
{
    if (bad_access(ctx, path, out, "get_number"))
        return ASSAY_MISSING;
    return assay_record_number(ctx->root, path, out);
}

static assay_status host_get_string(const assay_ctx *ctx, const char *path,
                                    const char **out)
{
    if (bad_access(ctx, path, out, "get_string"))
        return ASSAY_MISSING;
    return assay_record_string(ctx->root, path, out);
}

static assay_status host_get_bool(const assay_ctx *ctx, const char *path,
                                  int *out)
{
    if (bad_access(ctx, path, out, "get_bool"))
        return ASSAY_MISSING;
    return assay_record_bool(ctx->root, path, out);
}

static assay_status host_array_length(const assay_ctx *ctx, const char *path,
                                      size_t *out)
{
    if (bad_access(ctx, path, out, "array_length"))
        return ASSAY_MISSING;
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
    if (bad_access(ctx, path, out, "array_number"))
        return ASSAY_MISSING;
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
    if (bad_access(ctx, path, out, "array_string"))
        return ASSAY_MISSING;
    const cJSON *c;
    assay_status s = array_item(ctx, path, index, &c);
    if (s != ASSAY_OK)
        return s;
    if (!cJSON_IsString(c))
        return ASSAY_WRONG_TYPE;
    *out = c->valuestring;
    return ASSAY_OK;
}

/* ---- reporting -------------------------------------------------------- */

/* reason, or its first ASSAY_MAX_REASON bytes (cut on a UTF-8 character
 * boundary) and a marker, in buf. */
static const char *bounded(const char *reason, char *buf)
{
    size_t n = strlen(reason);
    if (n <= ASSAY_MAX_REASON)
        return reason;
    n = ASSAY_MAX_REASON;
    while (n > 0 && ((unsigned char)reason[n] & 0xC0) == 0x80)
        n--;
    snprintf(buf, ASSAY_MAX_REASON + 32, "%.*s... (truncated)", (int)n,
             reason);
    return buf;
}

/* The declared rule a report names; an undeclared id is reported as an
 * error finding under the plugin's name and NULL is returned. */
static const assay_rule_info *declared_rule(assay_ctx *ctx,
                                            const char *rule_id,
                                            const char *call)
{
    const assay_loaded_plugin *p = ctx->plugin;
    const assay_rule_info *rule =
        rule_id ? assay_plugin_rule(p, rule_id) : NULL;
    if (!rule) {
        char msg[512];
        if (rule_id)
            snprintf(msg, sizeof msg,
                     "plugin \"%s\" reported undeclared rule \"%.100s%s\" "
                     "to host->%s; add it to the plugin's rule list",
                     p->name, rule_id, strlen(rule_id) > 100 ? "..." : "",
                     call);
        else
            snprintf(msg, sizeof msg,
                     "plugin \"%s\" passed a NULL rule id to host->%s; name "
                     "a rule of the plugin's rule list",
                     p->name, call);
        assay_result_add_error(ctx->result, p->name, p->name, p->domain,
                               msg);
    }
    return rule;
}

static void host_finding(assay_ctx *ctx, const char *rule_id, double score,
                         double weight, const char *reason)
{
    if (!ctx) {
        misuse(ctx, "finding", "a NULL ctx");
        return;
    }
    const assay_rule_info *rule = declared_rule(ctx, rule_id, "finding");
    if (!rule)
        return;
    char msg[256];
    if (!isfinite(score) || !isfinite(weight) || !(weight > 0) ||
        weight > ASSAY_MAX_WEIGHT) {
        snprintf(msg, sizeof msg,
                 "rule returned score %g with weight %g; a score must be a "
                 "number in [0, 1] and a weight a number in (0, %g]",
                 score, weight, ASSAY_MAX_WEIGHT);
    } else if (!reason) {
        snprintf(msg, sizeof msg,
                 "plugin \"%s\" passed a NULL reason to host->finding; say "
                 "why, quoting the data",
                 ctx->plugin->name);
    } else {
        char buf[ASSAY_MAX_REASON + 32];
        score = score < 0 ? 0 : score > 1 ? 1 : score;
        assay_result_add_finding(ctx->result, rule->id, ctx->plugin->name,
                                 rule->domain, score, weight,
                                 bounded(reason, buf));
        return;
    }
    assay_result_add_error(ctx->result, rule->id, ctx->plugin->name,
                           rule->domain, msg);
}

static void host_fail(assay_ctx *ctx, const char *rule_id,
                      const char *message)
{
    if (!ctx) {
        misuse(ctx, "fail", "a NULL ctx");
        return;
    }
    char buf[ASSAY_MAX_REASON + 32];
    const assay_rule_info *rule = declared_rule(ctx, rule_id, "fail");
    if (rule)
        assay_result_add_error(ctx->result, rule->id, ctx->plugin->name,
                               rule->domain,
                               message ? bounded(message, buf) : "failed");
}

/* A veto or flag. One under an undeclared rule id is not dropped: the
 * record is flagged under the plugin's name (held for review) next to the
 * error finding that names the id. */
static void mark(assay_ctx *ctx, int veto, const char *rule_id,
                 const char *reason)
{
    const char *call = veto ? "veto" : "flag";
    if (!ctx) {
        misuse(ctx, call, "a NULL ctx");
        return;
    }
    char buf[ASSAY_MAX_REASON + 32], held[ASSAY_MAX_REASON + 200];
    const char *why = reason ? bounded(reason, buf) : "(no reason given)";
    const assay_loaded_plugin *p = ctx->plugin;
    const assay_rule_info *rule = declared_rule(ctx, rule_id, call);
    if (!rule) {
        snprintf(held, sizeof held,
                 "held for review: a %s under a rule the plugin did not "
                 "declare: %s",
                 call, why);
        assay_result_add_flag(ctx->result, p->name, p->name, held);
    } else if (veto) {
        assay_result_add_veto(ctx->result, rule->id, p->name, why);
    } else {
        assay_result_add_flag(ctx->result, rule->id, p->name, why);
    }
}

static void host_veto(assay_ctx *ctx, const char *rule_id,
                      const char *reason)
{
    mark(ctx, 1, rule_id, reason);
}

static void host_flag(assay_ctx *ctx, const char *rule_id,
                      const char *reason)
{
    mark(ctx, 0, rule_id, reason);
}

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
    const assay_loaded_plugin *p = ctx ? ctx->plugin : caller;
    if (p && p->log && p->log->fn) {
        p->log->fn(p->log->user, p->name, ctx ? ctx->line : 0, level,
                   message ? message : "");
        return;
    }
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
    assay_ctx *outer = current;
    current = ctx;
    int failed = p->ops->evaluate(p, instance, ctx) != 0;
    current = outer;
    if (failed)
        assay_result_add_error(ctx->result, p->name, p->name, p->domain,
                               "plugin failed on this record");
}
