#include "engine/profile.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *need(void *p)
{
    if (!p) {
        fputs("assay: out of memory\n", stderr);
        abort();
    }
    return p;
}

static const assay_profile *sort_profile; /* qsort has no context */

static int by_id(const void *a, const void *b)
{
    return strcmp(sort_profile->rules[*(const size_t *)a].id,
                  sort_profile->rules[*(const size_t *)b].id);
}

void assay_profile_init(assay_profile *p, const assay_engine *engine,
                        int lint)
{
    memset(p, 0, sizeof *p);
    p->engine = engine;
    p->lint = lint;
    p->timed = 1;
    const assay_plugin_set *set = &engine->plugins;
    for (size_t i = 0; i < set->count; i++)
        p->rule_count += set->items[i]->rule_count;
    size_t n = p->rule_count ? p->rule_count : 1;
    p->rules = need(calloc(n, sizeof *p->rules));
    p->by_id = need(calloc(n, sizeof *p->by_id));
    size_t k = 0;
    for (size_t i = 0; i < set->count; i++)
        for (size_t r = 0; r < set->items[i]->rule_count; r++, k++) {
            assay_rule_profile *rp = &p->rules[k];
            rp->id = set->items[i]->rules[r].id;
            rp->plugin = set->items[i]->name;
            rp->plugin_index = i;
            rp->timed = set->items[i]->kind == ASSAY_KIND_LUA;
            rp->score_min = INFINITY;
            rp->score_max = -INFINITY;
            rp->last_record = (size_t)-1;
            p->by_id[k] = k;
        }
    sort_profile = p;
    qsort(p->by_id, p->rule_count, sizeof *p->by_id, by_id);
    p->clock.plugin_count = set->count;
    p->clock.rule_count = p->rule_count;
    p->clock.plugin_ns = need(calloc(set->count ? set->count : 1,
                                     sizeof *p->clock.plugin_ns));
    p->clock.rule_ns = need(calloc(n, sizeof *p->clock.rule_ns));
    if (lint)
        p->lint_scores = need(calloc(n * ASSAY_PROFILE_LINT_RECORDS,
                                     sizeof *p->lint_scores));
}

void assay_profile_free(assay_profile *p)
{
    free(p->rules);
    free(p->by_id);
    free(p->clock.plugin_ns);
    free(p->clock.rule_ns);
    free(p->lint_scores);
    memset(p, 0, sizeof *p);
}

void assay_profile_clock_add(assay_profile_clock *c,
                             const unsigned long long *plugin_ns,
                             const unsigned long long *rule_ns)
{
    for (size_t i = 0; plugin_ns && i < c->plugin_count; i++)
        c->plugin_ns[i] += plugin_ns[i];
    for (size_t i = 0; rule_ns && i < c->rule_count; i++)
        c->rule_ns[i] += rule_ns[i];
}

static assay_rule_profile *find(assay_profile *p, const char *id)
{
    size_t lo = 0, hi = p->rule_count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(p->rules[p->by_id[mid]].id, id);
        if (c == 0)
            return &p->rules[p->by_id[mid]];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static const char *rule_of(const cJSON *item)
{
    const cJSON *r = cJSON_GetObjectItemCaseSensitive(item, "rule");
    return cJSON_IsString(r) ? r->valuestring : NULL;
}

void assay_profile_add(assay_profile *p, const char *text, size_t len,
                       int is_error)
{
    if (is_error) {
        p->error_records++;
        return;
    }
    cJSON *rec = cJSON_ParseWithLength(text, len);
    if (!rec)
        return; /* the run writes valid JSON; nothing to count otherwise */
    size_t record = p->records++;
    float *lint_row = p->lint && record < ASSAY_PROFILE_LINT_RECORDS
                          ? &p->lint_scores[record * p->rule_count]
                          : NULL;
    if (lint_row) {
        for (size_t i = 0; i < p->rule_count; i++)
            lint_row[i] = NAN;
        p->lint_kept = record + 1;
    }
    const cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(rec, "findings")) {
        const char *id = rule_of(f);
        assay_rule_profile *rp = id ? find(p, id) : NULL;
        if (!rp) {
            p->plugin_failures++; /* a finding in the plugin's own name */
            continue;
        }
        const cJSON *score = cJSON_GetObjectItemCaseSensitive(f, "score");
        if (cJSON_GetObjectItemCaseSensitive(f, "error") || !cJSON_IsNumber(score)) {
            rp->errored++;
            continue;
        }
        if (rp->last_record == record)
            continue; /* a second finding of one rule: one record applied */
        rp->last_record = record;
        double v = score->valuedouble;
        rp->applied++;
        rp->score_sum += v;
        if (v < rp->score_min)
            rp->score_min = v;
        if (v > rp->score_max)
            rp->score_max = v;
        int bin = (int)(v * ASSAY_PROFILE_BINS);
        rp->histogram[bin < 0 ? 0 : bin >= ASSAY_PROFILE_BINS ? ASSAY_PROFILE_BINS - 1 : bin]++;
        if (lint_row)
            lint_row[rp - p->rules] = (float)v;
    }
    const char *lists[2] = {"vetoes", "flags"};
    for (int l = 0; l < 2; l++) {
        const cJSON *m;
        cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(rec, lists[l])) {
            const char *id = rule_of(m);
            assay_rule_profile *rp = id ? find(p, id) : NULL;
            if (rp && l == 0)
                rp->vetoed++;
            else if (rp)
                rp->flagged++;
        }
    }
    cJSON_Delete(rec);
}

/* ---- reporting --------------------------------------------------------- */

static unsigned long long rule_time(const assay_profile *p, size_t r)
{
    return p->rules[r].timed ? p->clock.rule_ns[r] : 0;
}

static unsigned long long total_time(const assay_profile *p)
{
    unsigned long long t = 0;
    for (size_t i = 0; i < p->clock.plugin_count; i++)
        t += p->clock.plugin_ns[i];
    return t;
}

/* Rules by time (timed ones first, most time first), then by id. */
static int by_time(const void *a, const void *b)
{
    const assay_profile *p = sort_profile;
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    const assay_rule_profile *rx = &p->rules[x], *ry = &p->rules[y];
    if (!p->timed)
        return strcmp(rx->id, ry->id);
    if (rx->timed != ry->timed)
        return ry->timed - rx->timed;
    unsigned long long tx = rule_time(p, x), ty = rule_time(p, y);
    if (tx != ty)
        return tx < ty ? 1 : -1;
    return strcmp(rx->id, ry->id);
}

static size_t *rule_order(const assay_profile *p)
{
    size_t *order = need(calloc(p->rule_count ? p->rule_count : 1, sizeof *order));
    for (size_t i = 0; i < p->rule_count; i++)
        order[i] = i;
    sort_profile = p;
    qsort(order, p->rule_count, sizeof *order, by_time);
    return order;
}

static size_t *plugin_order(const assay_profile *p)
{
    size_t n = p->clock.plugin_count;
    size_t *order = need(calloc(n ? n : 1, sizeof *order));
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    /* insertion sort: few plugins; most time first, then load order */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && p->clock.plugin_ns[order[j - 1]] <
                                        p->clock.plugin_ns[order[j]]; j--) {
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    return order;
}

static size_t nil_count(const assay_profile *p, const assay_rule_profile *r)
{
    (void)p;
    size_t used = r->applied + r->errored;
    return p->records > used ? p->records - used : 0;
}

static double share(unsigned long long t, unsigned long long total)
{
    return total ? (double)t / (double)total : 0;
}

/* Pearson's r of rules a and b over the kept records both applied to. */
static double correlation(const assay_profile *p, size_t a, size_t b,
                          size_t *both)
{
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    size_t n = 0;
    for (size_t i = 0; i < p->lint_kept; i++) {
        float x = p->lint_scores[i * p->rule_count + a];
        float y = p->lint_scores[i * p->rule_count + b];
        if (isnan(x) || isnan(y))
            continue;
        n++;
        sx += x;
        sy += y;
        sxx += (double)x * x;
        syy += (double)y * y;
        sxy += (double)x * y;
    }
    *both = n;
    double vx = sxx - sx * sx / (double)(n ? n : 1);
    double vy = syy - sy * sy / (double)(n ? n : 1);
    if (n < 2 || vx <= 1e-12 || vy <= 1e-12)
        return NAN;
    return (sxy - sx * sy / (double)n) / sqrt(vx * vy);
}

typedef void (*lint_emit)(void *arg, const char *kind, const char *rule,
                          const char *other, double value, size_t records);

static void lint_findings(const assay_profile *p, lint_emit emit, void *arg)
{
    for (size_t r = 0; r < p->rule_count; r++) {
        const assay_rule_profile *rp = &p->rules[r];
        if (rp->applied == 0 && rp->errored == 0 && rp->vetoed == 0 &&
            rp->flagged == 0)
            emit(arg, "never_applied", rp->id, NULL, NAN, p->records);
        else if (rp->applied >= 2 && rp->score_min == rp->score_max)
            emit(arg, "constant", rp->id, NULL, rp->score_min, rp->applied);
    }
    for (size_t a = 0; a < p->rule_count; a++)
        for (size_t b = a + 1; b < p->rule_count; b++) {
            size_t both;
            double r = correlation(p, a, b, &both);
            if (both >= 10 && !isnan(r) && fabs(r) >= 0.999)
                emit(arg, "correlated", p->rules[a].id, p->rules[b].id, r,
                     both);
        }
}

static void text_lint(void *arg, const char *kind, const char *rule,
                      const char *other, double value, size_t records)
{
    assay_buffer *out = arg;
    if (strcmp(kind, "never_applied") == 0)
        assay_buffer_printf(out, "  %s never applied (%zu records)\n", rule,
                            records);
    else if (strcmp(kind, "constant") == 0) {
        assay_buffer_printf(out, "  %s always scored ", rule);
        assay_json_score(out, value);
        assay_buffer_printf(out, " (%zu records)\n", records);
    } else
        assay_buffer_printf(out,
                            "  %s and %s move together (r = %.3f over %zu "
                            "records): one of them may be redundant\n",
                            rule, other, value, records);
}

static void histogram_text(assay_buffer *out, const size_t *h)
{
    /* An empty bin is a dot, so no line ends in spaces. */
    static const char *const bars[] = {"\u00b7", "\u2581", "\u2582", "\u2583",
                                       "\u2584", "\u2585", "\u2586",
                                       "\u2587", "\u2588"};
    size_t most = 0;
    for (int i = 0; i < ASSAY_PROFILE_BINS; i++)
        if (h[i] > most)
            most = h[i];
    for (int i = 0; i < ASSAY_PROFILE_BINS; i++) {
        size_t level = most ? (h[i] * 8 + most - 1) / most : 0;
        assay_buffer_puts(out, bars[level]);
    }
}

static void text_rules(const assay_profile *p, assay_buffer *out, int timed)
{
    unsigned long long total = total_time(p);
    assay_buffer_printf(out, "%-28s %7s %7s %7s %5s %5s %5s %6s  %s",
                        "rule", "records", "applied", "nil", "error", "veto",
                        "flag", "mean", timed ? "scores    " : "scores");
    if (timed)
        assay_buffer_printf(out, " %9s %6s", "us/call", "share");
    assay_buffer_putc(out, '\n');
    size_t *ro = rule_order(p);
    for (size_t k = 0; k < p->rule_count; k++) {
        size_t r = ro[k];
        const assay_rule_profile *rp = &p->rules[r];
        assay_buffer_printf(out, "%-28s %7zu %7zu %7zu %5zu %5zu %5zu ",
                            rp->id, p->records, rp->applied, nil_count(p, rp),
                            rp->errored, rp->vetoed, rp->flagged);
        if (rp->applied)
            assay_buffer_printf(out, "%6.3f  ", rp->score_sum / (double)rp->applied);
        else
            assay_buffer_printf(out, "%6s  ", "-");
        histogram_text(out, rp->histogram);
        if (!timed)
            assay_buffer_putc(out, '\n');
        else if (rp->timed)
            assay_buffer_printf(out, " %9.2f %5.1f%%\n",
                                p->records ? (double)rule_time(p, r) / 1e3 /
                                                 (double)p->records
                                           : 0,
                                100 * share(rule_time(p, r), total));
        else
            assay_buffer_printf(out, " %9s %6s\n", "-", "-");
    }
    free(ro);
    if (p->lint) {
        assay_buffer_printf(out, "\nlint (first %zu records):\n", p->lint_kept);
        size_t before = out->len;
        lint_findings(p, text_lint, out);
        if (out->len == before)
            assay_buffer_puts(out, "  nothing to report\n");
    }
}

void assay_profile_text(const assay_profile *p, assay_buffer *out)
{
    unsigned long long total = total_time(p);
    if (!p->timed) {
        assay_buffer_printf(out, "%zu records (%zu error records)\n\n",
                            p->records + p->error_records, p->error_records);
        text_rules(p, out, 0);
        return;
    }
    assay_buffer_printf(out,
                        "%zu records (%zu error records), %.3f s; time in "
                        "plugins %.3f s\n\n",
                        p->records + p->error_records, p->error_records,
                        p->seconds, (double)total / 1e9);
    assay_buffer_printf(out, "%-24s %10s %12s %7s\n", "plugin", "time ms",
                        "us/record", "share");
    size_t *po = plugin_order(p);
    for (size_t k = 0; k < p->clock.plugin_count; k++) {
        size_t i = po[k];
        unsigned long long t = p->clock.plugin_ns[i];
        size_t calls = p->records + p->error_records;
        assay_buffer_printf(out, "%-24s %10.1f %12.2f %6.1f%%\n",
                            p->engine->plugins.items[i]->name, (double)t / 1e6,
                            calls ? (double)t / 1e3 / (double)calls : 0,
                            100 * share(t, total));
    }
    free(po);
    assay_buffer_putc(out, '\n');
    text_rules(p, out, 1);
}

typedef struct json_lint {
    assay_buffer *out;
    int first;
} json_lint;

static void json_lint_emit(void *arg, const char *kind, const char *rule,
                           const char *other, double value, size_t records)
{
    json_lint *j = arg;
    assay_buffer_puts(j->out, j->first ? "{" : ",{");
    j->first = 0;
    assay_json_key(j->out, "kind", 1);
    assay_json_string(j->out, kind);
    assay_json_key(j->out, "rule", 0);
    assay_json_string(j->out, rule);
    if (other) {
        assay_json_key(j->out, "other", 0);
        assay_json_string(j->out, other);
    }
    if (!isnan(value)) {
        assay_json_key(j->out, other ? "r" : "score", 0);
        assay_buffer_printf(j->out, "%.4f", value);
    }
    assay_json_key(j->out, "records", 0);
    assay_json_uint(j->out, records);
    assay_buffer_putc(j->out, '}');
}

void assay_profile_json(const assay_profile *p, assay_buffer *out)
{
    unsigned long long total = total_time(p);
    assay_buffer_putc(out, '{');
    assay_json_key(out, "records", 1);
    assay_json_uint(out, p->records + p->error_records);
    assay_json_key(out, "error_records", 0);
    assay_json_uint(out, p->error_records);
    assay_json_key(out, "seconds", 0);
    if (p->timed)
        assay_buffer_printf(out, "%.6f", p->seconds);
    else
        assay_buffer_puts(out, "null");
    assay_json_key(out, "plugin_seconds", 0);
    if (p->timed)
        assay_buffer_printf(out, "%.6f", (double)total / 1e9);
    else
        assay_buffer_puts(out, "null");
    assay_json_key(out, "plugins", 0);
    assay_buffer_putc(out, '[');
    size_t *po = plugin_order(p);
    for (size_t k = 0; k < p->clock.plugin_count; k++) {
        size_t i = po[k];
        assay_buffer_puts(out, k ? ",{" : "{");
        assay_json_key(out, "plugin", 1);
        assay_json_string(out, p->engine->plugins.items[i]->name);
        assay_json_key(out, "ns", 0);
        if (p->timed)
            assay_buffer_printf(out, "%llu", p->clock.plugin_ns[i]);
        else
            assay_buffer_puts(out, "null");
        assay_json_key(out, "share", 0);
        if (p->timed)
            assay_buffer_printf(out, "%.4f", share(p->clock.plugin_ns[i], total));
        else
            assay_buffer_puts(out, "null");
        assay_buffer_putc(out, '}');
    }
    free(po);
    assay_buffer_putc(out, ']');
    assay_json_key(out, "rules", 0);
    assay_buffer_putc(out, '[');
    size_t *ro = rule_order(p);
    for (size_t k = 0; k < p->rule_count; k++) {
        size_t r = ro[k];
        const assay_rule_profile *rp = &p->rules[r];
        assay_buffer_puts(out, k ? ",{" : "{");
        assay_json_key(out, "rule", 1);
        assay_json_string(out, rp->id);
        assay_json_key(out, "plugin", 0);
        assay_json_string(out, rp->plugin);
        assay_json_key(out, "records", 0);
        assay_json_uint(out, p->records);
        assay_json_key(out, "applied", 0);
        assay_json_uint(out, rp->applied);
        assay_json_key(out, "nil", 0);
        assay_json_uint(out, nil_count(p, rp));
        assay_json_key(out, "errors", 0);
        assay_json_uint(out, rp->errored);
        assay_json_key(out, "vetoes", 0);
        assay_json_uint(out, rp->vetoed);
        assay_json_key(out, "flags", 0);
        assay_json_uint(out, rp->flagged);
        assay_json_key(out, "mean", 0);
        if (rp->applied)
            assay_json_score(out, rp->score_sum / (double)rp->applied);
        else
            assay_buffer_puts(out, "null");
        assay_json_key(out, "histogram", 0);
        assay_buffer_putc(out, '[');
        for (int b = 0; b < ASSAY_PROFILE_BINS; b++) {
            if (b)
                assay_buffer_putc(out, ',');
            assay_json_uint(out, rp->histogram[b]);
        }
        assay_buffer_putc(out, ']');
        assay_json_key(out, "ns", 0);
        if (rp->timed && p->timed)
            assay_buffer_printf(out, "%llu", rule_time(p, r));
        else
            assay_buffer_puts(out, "null");
        assay_buffer_putc(out, '}');
    }
    free(ro);
    assay_buffer_putc(out, ']');
    if (p->lint) {
        assay_json_key(out, "lint", 0);
        assay_buffer_putc(out, '[');
        json_lint j = {out, 1};
        lint_findings(p, json_lint_emit, &j);
        assay_buffer_putc(out, ']');
    }
    assay_buffer_puts(out, "}\n");
}
