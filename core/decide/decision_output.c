#include "decide/decision_output.h"

#include <string.h>

#include "decide/explanation.h"
#include "decide/policy.h"
#include "engine/output.h"

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

/* The member key of the first veto or flag in marks (an array). */
static const char *mark_field(const cJSON *marks, const char *key)
{
    const cJSON *v =
        cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(marks, 0), key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The list of marks (vetoes or flags) that c's decision rests on, or NULL
 * when it rests on none. */
static const char *cause_list(const assay_candidate *c)
{
    return c->cause == ASSAY_CAUSE_VETO   ? "vetoes"
           : c->cause == ASSAY_CAUSE_FLAG ? "flags"
                                          : NULL;
}

/* "strategy", "counted" and "weights": how the score was made, so that
 * whoever explains it reads the policy's reasoning instead of redoing it. */
static void write_score_basis(assay_buffer *out, const assay_policy *p,
                              const unsigned char *counted)
{
    ASSAY_JSON_KEY(out, "strategy");
    assay_json_string(out, assay_strategy_name(p->strategy));
    ASSAY_JSON_KEY(out, "counted");
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
    ASSAY_JSON_KEY(out, "weights");
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

/* The object or array at key, with `more` (JSON text: members or items)
 * before its closing bracket. */
static void copy_extended(assay_buffer *out, const cJSON *scored,
                          const char *key, const char *more)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(scored, key);
    assay_buffer mark;
    assay_buffer_init(&mark);
    write_value(&mark, v);
    assay_json_key(out, key, 0);
    if (more && *more && (mark.data[0] == '{' || mark.data[0] == '[')) {
        assay_buffer_append(out, mark.data, mark.len - 1);
        if (mark.len > 2)
            assay_buffer_putc(out, ',');
        assay_buffer_puts(out, more);
        assay_buffer_putc(out, mark.data[mark.len - 1]);
    } else {
        assay_buffer_append(out, mark.data, mark.len);
    }
    assay_buffer_free(&mark);
}

/* The rule and reason of c's first veto or flag, when that is its cause. */
static assay_cause_mark cause_mark(const cJSON *scored,
                                   const assay_candidate *c)
{
    const char *list = cause_list(c);
    assay_cause_mark mark = {NULL, NULL};
    if (list) {
        const cJSON *marks = cJSON_GetObjectItemCaseSensitive(scored, list);
        mark.rule = mark_field(marks, "rule");
        mark.reason = mark_field(marks, "reason");
    }
    return mark;
}

/* ,"why" (the override's), "why_not" (assay's) and the audit object with
 * assay's own decision and why. */
static void write_overridden(assay_buffer *out, const cJSON *scored,
                             const assay_policy *p, size_t ranked,
                             const assay_decision_extra *extra)
{
    assay_buffer own;
    assay_buffer_init(&own);
    assay_cause_mark mark = cause_mark(scored, extra->original);
    assay_explanation_write(&own, p, extra->original_fill, extra->original,
                            ranked, &mark);
    const char *text = assay_buffer_cstr(&own); /* ,"why":...,"why_not":... */
    const char *why_not = strstr(text, ",\"why_not\":");
    /* An overridden record's tiers above are the committee's choice, so
     * assay's why_not goes with assay's decision; a displaced one keeps
     * its own. */
    int overridden = strcmp(extra->audit_key, "override") == 0;
    ASSAY_JSON_KEY(out, "why");
    assay_json_string(out, extra->why);
    assay_buffer_puts(out, overridden ? ",\"why_not\":[]" : why_not);
    assay_json_key(out, extra->audit_key, 0);
    assay_buffer_putc(out, '{');
    assay_buffer_puts(out, extra->audit);
    ASSAY_JSON_KEY(out, "assay");
    assay_buffer_putc(out, '{');
    assay_json_key(out, "decision", 1);
    assay_json_string(out, assay_explanation_decision(p, extra->original));
    if (overridden)
        assay_buffer_puts(out, text);
    else
        assay_buffer_append(out, text, (size_t)(why_not - text));
    assay_buffer_puts(out, "}}");
    assay_buffer_free(&own);
}

/* A decision record up to its copied fields: id, line, status, rank,
 * decision, benefits, score and how it was made. */
static void write_decision_head(assay_buffer *out, const assay_policy *p,
                                const assay_candidate *c,
                                const unsigned char *counted)
{
    assay_output_head(out, c->id, (size_t)c->line);
    ASSAY_JSON_KEY(out, "status");
    assay_json_string(out, "ok");
    ASSAY_JSON_KEY(out, "rank");
    assay_json_uint(out, c->rank);
    ASSAY_JSON_KEY(out, "decision");
    assay_json_string(out, assay_explanation_decision(p, c));
    ASSAY_JSON_KEY(out, "benefits");
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
    ASSAY_JSON_KEY(out, "score");
    if (c->scored)
        assay_json_score(out, c->score);
    else
        assay_buffer_puts(out, "null");
    write_score_basis(out, p, counted);
}

static const char *const copied_fields[] = {"domains", "findings", "vetoes",
                                            "flags"};

void assay_output_decision(assay_buffer *out, const cJSON *scored,
                           const assay_policy *p, const assay_tier_fill *fill,
                           const assay_candidate *c,
                           const unsigned char *counted, size_t ranked,
                           const assay_decision_extra *extra)
{
    write_decision_head(out, p, c, counted);
    if (extra && extra->scored) {
        assay_buffer score;
        assay_buffer_init(&score);
        assay_json_key(&score, extra->domain, 1);
        assay_json_score(&score, extra->score);
        copy_extended(out, scored, "domains", assay_buffer_cstr(&score));
        assay_buffer_free(&score);
    } else {
        copy_field(out, scored, "domains");
    }
    copy_extended(out, scored, "findings", extra ? extra->findings : NULL);
    if (extra && extra->panel) {
        ASSAY_JSON_KEY(out, "panel");
        assay_buffer_puts(out, extra->panel);
    }
    copy_field(out, scored, "vetoes");
    copy_field(out, scored, "flags");
    if (extra && extra->why) {
        write_overridden(out, scored, p, ranked, extra);
    } else {
        assay_cause_mark mark = cause_mark(scored, c);
        assay_explanation_write(out, p, fill, c, ranked, &mark);
    }
    assay_buffer_putc(out, '}');
}

/* The explanation and the record's end, for a decision copied from a
 * scored record's text: the one veto or flag it may rest on is read from
 * the text of its list alone (marks[0..len), NULL when it rests on none),
 * parsed here: a short array. */
static void write_explanation_end(assay_buffer *out, const assay_policy *p,
                                  const assay_tier_fill *fill,
                                  const assay_candidate *c, size_t ranked,
                                  const char *marks_text, size_t len)
{
    cJSON *marks = marks_text ? cJSON_ParseWithLength(marks_text, len) : NULL;
    assay_cause_mark mark = {mark_field(marks, "rule"),
                             mark_field(marks, "reason")};
    assay_explanation_write(out, p, fill, c, ranked, &mark);
    cJSON_Delete(marks);
    assay_buffer_putc(out, '}');
}

void assay_output_decision_copied(assay_buffer *out,
                                  const assay_json_member *members,
                                  size_t member_count, const assay_policy *p,
                                  const assay_tier_fill *fill,
                                  const assay_candidate *c,
                                  const unsigned char *counted, size_t ranked)
{
    write_decision_head(out, p, c, counted);
    for (size_t i = 0; i < 4; i++) {
        const assay_json_member *m =
            assay_json_member_find(members, member_count, copied_fields[i]);
        assay_json_key(out, copied_fields[i], 0);
        if (m)
            assay_buffer_append(out, m->value, m->value_len);
        else
            assay_buffer_puts(out, "null");
    }
    const char *list = cause_list(c);
    const assay_json_member *m =
        list ? assay_json_member_find(members, member_count, list) : NULL;
    write_explanation_end(out, p, fill, c, ranked, m ? m->value : NULL,
                          m ? m->value_len : 0);
}

void assay_output_decision_spans(assay_buffer *out, const char *text,
                                 const assay_scored_spans *spans,
                                 const assay_policy *p,
                                 const assay_tier_fill *fill,
                                 const assay_candidate *c,
                                 const unsigned char *counted, size_t ranked)
{
    write_decision_head(out, p, c, counted);
    ASSAY_JSON_KEY(out, "domains");
    assay_buffer_append(out, text + spans->domains_at, spans->domains_len);
    assay_buffer_putc(out, ',');
    assay_buffer_append(out, text + spans->rest_at, spans->rest_len);
    int veto = c->cause == ASSAY_CAUSE_VETO;
    write_explanation_end(out, p, fill, c, ranked,
                          cause_list(c) ? text + (veto ? spans->vetoes_at
                                                       : spans->flags_at)
                                        : NULL,
                          veto ? spans->vetoes_len : spans->flags_len);
}

void assay_output_error(assay_buffer *out, const char *id, size_t line,
                        const char *message)
{
    assay_output_head(out, id, line);
    ASSAY_JSON_KEY(out, "status");
    assay_json_string(out, "error");
    ASSAY_JSON_KEY(out, "error");
    assay_json_string(out, message);
    assay_buffer_putc(out, '}');
}
