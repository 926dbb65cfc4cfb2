#include "engine/output.h"

#include "engine/explanation.h"
#include "decide/policy.h"

/* ---- scored records --------------------------------------------------- */

static void write_marks(assay_buffer *out, const char *key,
                        const assay_mark *marks, size_t count)
{
    assay_json_key(out, key, 0);
    assay_buffer_putc(out, '[');
    for (size_t i = 0; i < count; i++) {
        if (i)
            assay_buffer_putc(out, ',');
        assay_buffer_putc(out, '{');
        assay_json_key(out, "rule", 1);
        assay_json_string(out, marks[i].rule);
        assay_json_key(out, "plugin", 0);
        assay_json_string(out, marks[i].plugin);
        assay_json_key(out, "reason", 0);
        assay_json_string(out, marks[i].reason);
        assay_buffer_putc(out, '}');
    }
    assay_buffer_putc(out, ']');
}

static const char *domain_name(const assay_result *r, int d)
{
    return d >= 0 && (size_t)d < r->domain_count ? r->domains->items[d].name
                                                 : "?";
}

static void write_finding(assay_buffer *out, const assay_result *r,
                          const assay_finding *f)
{
    assay_buffer_putc(out, '{');
    assay_json_key(out, "rule", 1);
    assay_json_string(out, f->rule);
    assay_json_key(out, "plugin", 0);
    assay_json_string(out, f->plugin);
    assay_json_key(out, "domain", 0);
    assay_json_string(out, domain_name(r, f->domain));
    if (f->error) {
        assay_json_key(out, "error", 0);
        assay_json_string(out, f->error);
    } else {
        assay_json_key(out, "score", 0);
        assay_json_score(out, f->score);
        assay_json_key(out, "weight", 0);
        assay_json_score(out, f->weight);
        assay_json_key(out, "reason", 0);
        assay_json_string(out, f->reason);
    }
    assay_buffer_putc(out, '}');
}

static void write_head(assay_buffer *out, const char *id, size_t line)
{
    assay_buffer_putc(out, '{');
    int first = 1;
    if (id) {
        assay_json_key(out, "id", 1);
        assay_json_string(out, id);
        first = 0;
    }
    assay_json_key(out, "line", first);
    assay_json_uint(out, line);
}

void assay_output_scored(assay_buffer *out, const char *id, size_t line,
                         unsigned long long part, const assay_result *r)
{
    write_head(out, id, line);
    assay_json_key(out, "part", 0);
    assay_json_uint(out, (size_t)part);
    assay_json_key(out, "status", 0);
    assay_json_string(out, "ok");
    assay_json_key(out, "domains", 0);
    assay_buffer_putc(out, '{');
    int first = 1;
    for (size_t d = 0; d < r->domain_count; d++) {
        if (!r->domain_scored[d])
            continue;
        assay_json_key(out, r->domains->items[d].name, first);
        assay_json_score(out, r->domain_score[d]);
        first = 0;
    }
    assay_buffer_putc(out, '}');
    assay_json_key(out, "claimed", 0);
    assay_buffer_putc(out, '[');
    first = 1;
    for (size_t d = 0; d < r->domain_count; d++)
        if (r->claimed[d]) {
            if (!first)
                assay_buffer_putc(out, ',');
            assay_json_string(out, r->domains->items[d].name);
            first = 0;
        }
    assay_buffer_putc(out, ']');
    assay_json_key(out, "requests", 0);
    assay_buffer_putc(out, '[');
    first = 1;
    for (int i = 0; assay_request_name(i); i++)
        if ((r->requests >> i) & 1) {
            if (!first)
                assay_buffer_putc(out, ',');
            assay_json_string(out, assay_request_name(i));
            first = 0;
        }
    assay_buffer_putc(out, ']');
    assay_json_key(out, "findings", 0);
    assay_buffer_putc(out, '[');
    for (size_t i = 0; i < r->finding_count; i++) {
        if (i)
            assay_buffer_putc(out, ',');
        write_finding(out, r, &r->findings[i]);
    }
    assay_buffer_putc(out, ']');
    write_marks(out, "vetoes", r->vetoes, r->veto_count);
    write_marks(out, "flags", r->flags, r->flag_count);
    assay_buffer_putc(out, '}');
}

void assay_output_scored_error(assay_buffer *out, const char *id, size_t line,
                               unsigned long long part, const char *message)
{
    write_head(out, id, line);
    assay_json_key(out, "part", 0);
    assay_json_uint(out, (size_t)part);
    assay_json_key(out, "status", 0);
    assay_json_string(out, "error");
    assay_json_key(out, "error", 0);
    assay_json_string(out, message);
    assay_buffer_putc(out, '}');
}

/* ---- decision records ------------------------------------------------- */

/* Writes a value read back from a scored record. Every number in one is a
 * score or a weight, so it is written as one; that reproduces the text
 * assay score wrote. */
static void write_value(assay_buffer *out, const cJSON *v)
{
    if (cJSON_IsString(v)) {
        assay_json_string(out, v->valuestring);
    } else if (cJSON_IsNumber(v)) {
        assay_json_score(out, v->valuedouble);
    } else if (cJSON_IsBool(v)) {
        assay_buffer_puts(out, cJSON_IsTrue(v) ? "true" : "false");
    } else if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
        int object = cJSON_IsObject(v), first = 1;
        assay_buffer_putc(out, object ? '{' : '[');
        const cJSON *item;
        cJSON_ArrayForEach(item, v)
        {
            if (object)
                assay_json_key(out, item->string, first);
            else if (!first)
                assay_buffer_putc(out, ',');
            write_value(out, item);
            first = 0;
        }
        assay_buffer_putc(out, object ? '}' : ']');
    } else {
        assay_buffer_puts(out, "null");
    }
}

static void copy_field(assay_buffer *out, const cJSON *scored, const char *key)
{
    assay_json_key(out, key, 0);
    write_value(out, cJSON_GetObjectItemCaseSensitive(scored, key));
}

static const char *mark_field(const cJSON *scored, const char *list,
                              const char *key)
{
    const cJSON *first =
        cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(scored, list), 0);
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(first, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* "strategy", "counted" and "weights": how the score was made, so that
 * whoever explains it reads the policy's reasoning instead of redoing it. */
static void write_score_basis(assay_buffer *out, const assay_policy *p,
                              const unsigned char *counted)
{
    assay_json_key(out, "strategy", 0);
    assay_json_string(out, assay_strategy_name(p->strategy));
    assay_json_key(out, "counted", 0);
    assay_buffer_putc(out, '[');
    int first = 1;
    for (size_t d = 0; d < p->domain_count; d++)
        if (counted[d]) {
            if (!first)
                assay_buffer_putc(out, ',');
            assay_json_string(out, p->domains[d].name);
            first = 0;
        }
    assay_buffer_putc(out, ']');
    /* TOPSIS weighs every criterion for every record: a domain that does
     * not count takes the batch's worst value, with its weight. */
    int all = !first && p->strategy == ASSAY_STRATEGY_TOPSIS;
    assay_json_key(out, "weights", 0);
    assay_buffer_putc(out, '{');
    first = 1;
    for (size_t d = 0; d < p->domain_count; d++)
        if (counted[d] || (all && p->domains[d].weight > 0)) {
            assay_json_key(out, p->domains[d].name, first);
            assay_json_score(out, p->domains[d].weight);
            first = 0;
        }
    assay_buffer_putc(out, '}');
}

void assay_output_decision(assay_buffer *out, const cJSON *scored,
                           const assay_policy *p, const assay_tier_fill *fill,
                           const assay_candidate *c,
                           const unsigned char *counted, size_t ranked)
{
    write_head(out, c->id, (size_t)c->line);
    assay_json_key(out, "status", 0);
    assay_json_string(out, "ok");
    assay_json_key(out, "rank", 0);
    assay_json_uint(out, c->rank);
    assay_json_key(out, "decision", 0);
    assay_json_string(out, assay_explanation_decision(p, c));
    assay_json_key(out, "benefits", 0);
    assay_buffer_putc(out, '[');
    if (c->outcome == ASSAY_OUTCOME_TIER) {
        const assay_tier *t = &p->tiers[c->tier];
        for (size_t i = 0; i < t->benefit_count; i++) {
            if (i)
                assay_buffer_putc(out, ',');
            assay_json_string(out, t->benefits[i]);
        }
    }
    assay_buffer_putc(out, ']');
    assay_json_key(out, "score", 0);
    if (c->scored)
        assay_json_score(out, c->score);
    else
        assay_buffer_puts(out, "null");
    write_score_basis(out, p, counted);
    copy_field(out, scored, "domains");
    copy_field(out, scored, "findings");
    copy_field(out, scored, "vetoes");
    copy_field(out, scored, "flags");
    const char *list = c->cause == ASSAY_CAUSE_VETO   ? "vetoes"
                       : c->cause == ASSAY_CAUSE_FLAG ? "flags"
                                                      : NULL;
    assay_cause_mark mark = {NULL, NULL};
    if (list) {
        mark.rule = mark_field(scored, list, "rule");
        mark.reason = mark_field(scored, list, "reason");
    }
    assay_explanation_write(out, p, fill, c, ranked, &mark);
    assay_buffer_putc(out, '}');
}

void assay_output_error(assay_buffer *out, const char *id, size_t line,
                        const char *message)
{
    write_head(out, id, line);
    assay_json_key(out, "status", 0);
    assay_json_string(out, "error");
    assay_json_key(out, "error", 0);
    assay_json_string(out, message);
    assay_buffer_putc(out, '}');
}
