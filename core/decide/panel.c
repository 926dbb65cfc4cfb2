#include "decide/panel.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "decide/committee_file.h"
#include "decide/krippendorff.h"
#include "util/string_map.h"

enum { C_REVIEWER, C_ID, C_SCORE, C_CRITERION, C_COMMENT, C_CONFLICT };
static const char *const columns[] = {"reviewer",  "id",      "score",
                                      "criterion", "comment", "conflict"};

typedef struct review {
    size_t reviewer, app, criterion, line;
    double score, normalised;
    const char *comment; /* in the file's rows, or NULL */
    int counted;         /* not left out for a conflict */
} review;

struct assay_panel {
    char *domain;
    double low, high;
    size_t min_reviewers;
    int level;
    assay_committee_file file;
    char **reviewers, **criteria;
    size_t reviewer_count, criterion_count;
    assay_panel_entry *apps;
    size_t app_count;
    assay_string_map app_index; /* id -> index, as decimal text */
    review *reviews;
    size_t review_count, left_out;
    double *alpha;         /* per criterion; NaN: undefined */
    size_t *alpha_units;   /* per criterion: applications it scored */
};

static size_t name_index(char ***names, size_t *count, const char *name)
{
    for (size_t i = 0; i < *count; i++)
        if (strcmp((*names)[i], name) == 0)
            return i;
    *names = realloc(*names, (*count + 1) * sizeof **names);
    if (!*names)
        abort();
    (*names)[*count] = strdup(name);
    if (!(*names)[*count])
        abort();
    return (*count)++;
}

static size_t app_index(assay_panel *panel, const char *id, size_t line)
{
    const char *at;
    if (assay_string_map_get(&panel->app_index, id, &at))
        return (size_t)strtoull(at, NULL, 10);
    char text[32];
    snprintf(text, sizeof text, "%zu", panel->app_count);
    assay_string_map_put(&panel->app_index, id, text);
    panel->apps = realloc(panel->apps,
                          (panel->app_count + 1) * sizeof *panel->apps);
    if (!panel->apps)
        abort();
    assay_panel_entry *e = &panel->apps[panel->app_count];
    memset(e, 0, sizeof *e);
    e->id = id; /* in the file's rows */
    e->line = line;
    return panel->app_count++;
}

/* 1 yes, 0 no, -1 neither. */
static int yes_no(const char *s)
{
    static const char *const yes[] = {"yes", "y", "true", "1"};
    static const char *const no[] = {"no", "n", "false", "0"};
    if (!s)
        return 0;
    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(s, yes[i]) == 0)
            return 1;
        if (strcasecmp(s, no[i]) == 0)
            return 0;
    }
    return -1;
}

/* ---- reading ---------------------------------------------------------- */

static int read_reviews(assay_panel *panel, const char *path)
{
    assay_committee_file *f = &panel->file;
    int failed = assay_committee_file_read(f, path, "reviews", columns, 6, 3);
    panel->reviews = calloc(f->count ? f->count : 1, sizeof *panel->reviews);
    if (!panel->reviews)
        abort();
    assay_string_map seen, conflicted;
    assay_string_map_init(&seen);
    assay_string_map_init(&conflicted);
    for (size_t i = 0; i < f->count; i++) {
        char **v = f->rows[i].values;
        size_t line = f->rows[i].line;
        char *end;
        double score = strtod(v[C_SCORE], &end);
        if (*end || !isfinite(score)) {
            fprintf(stderr, "assay: %s:%zu: score \"%s\" is not a number; "
                            "give a number from %g to %g\n",
                    path, line, v[C_SCORE], panel->low, panel->high);
            failed = 1;
            continue;
        }
        if (score < panel->low || score > panel->high) {
            fprintf(stderr, "assay: %s:%zu: score %g is outside the panel's "
                            "scale, %g to %g (the policy's panel {scale})\n",
                    path, line, score, panel->low, panel->high);
            failed = 1;
            continue;
        }
        int conflict = yes_no(v[C_CONFLICT]);
        if (conflict < 0) {
            fprintf(stderr, "assay: %s:%zu: conflict \"%s\" is neither yes "
                            "nor no; leave it empty for no\n",
                    path, line, v[C_CONFLICT]);
            failed = 1;
            continue;
        }
        review *r = &panel->reviews[panel->review_count];
        r->reviewer = name_index(&panel->reviewers, &panel->reviewer_count,
                                 v[C_REVIEWER]);
        r->app = app_index(panel, v[C_ID], line);
        r->criterion =
            name_index(&panel->criteria, &panel->criterion_count,
                       v[C_CRITERION] ? v[C_CRITERION] : "overall");
        r->line = line;
        r->score = score;
        r->comment = v[C_COMMENT];
        char key[96], at[32];
        snprintf(key, sizeof key, "%zu:%zu:%zu", r->reviewer, r->app,
                 r->criterion);
        snprintf(at, sizeof at, "%zu", line);
        const char *first;
        if (!assay_string_map_put(&seen, key, at)) {
            assay_string_map_get(&seen, key, &first);
            fprintf(stderr, "assay: %s:%zu: %s already scored %s on %s at "
                            "line %s; keep one score\n",
                    path, line, v[C_REVIEWER], v[C_ID],
                    panel->criteria[r->criterion], first);
            failed = 1;
            continue;
        }
        if (conflict) {
            snprintf(key, sizeof key, "%zu:%zu", r->reviewer, r->app);
            assay_string_map_put(&conflicted, key, NULL);
        }
        panel->review_count++;
    }
    for (size_t i = 0; i < panel->review_count; i++) {
        review *r = &panel->reviews[i];
        char key[64];
        snprintf(key, sizeof key, "%zu:%zu", r->reviewer, r->app);
        const char *unused;
        r->counted = !assay_string_map_get(&conflicted, key, &unused);
        panel->left_out += !r->counted;
    }
    assay_string_map_free(&seen);
    assay_string_map_free(&conflicted);
    return failed;
}

/* ---- normalising ------------------------------------------------------ */

static void normalise(assay_panel *panel)
{
    size_t m = panel->reviewer_count ? panel->reviewer_count : 1;
    double *sum = calloc(m, sizeof *sum), *sq = calloc(m, sizeof *sq);
    size_t *n = calloc(m, sizeof *n);
    if (!sum || !sq || !n)
        abort();
    double all = 0, all_sq = 0;
    size_t count = 0;
    for (size_t i = 0; i < panel->review_count; i++) {
        const review *r = &panel->reviews[i];
        if (!r->counted)
            continue;
        sum[r->reviewer] += r->score;
        sq[r->reviewer] += r->score * r->score;
        n[r->reviewer]++;
        all += r->score;
        all_sq += r->score * r->score;
        count++;
    }
    double mean = count ? all / count : 0;
    double var = count ? all_sq / count - mean * mean : 0;
    double sd = var > 0 ? sqrt(var) : 0;
    for (size_t i = 0; i < panel->review_count; i++) {
        review *r = &panel->reviews[i];
        if (!r->counted)
            continue;
        size_t k = n[r->reviewer];
        double m_r = sum[r->reviewer] / (double)k;
        double v_r = sq[r->reviewer] / (double)k - m_r * m_r;
        double s_r = v_r > 1e-12 ? sqrt(v_r) : 0;
        double v = k >= 2 && s_r > 0 ? mean + sd * (r->score - m_r) / s_r
                                     : mean;
        double x = (v - panel->low) / (panel->high - panel->low);
        r->normalised = assay_round_score(x < 0 ? 0 : x > 1 ? 1 : x);
    }
    free(sum);
    free(sq);
    free(n);
}

/* ---- each application's findings -------------------------------------- */

static int by_app(const void *pa, const void *pb)
{
    const review *a = *(review *const *)pa, *b = *(review *const *)pb;
    if (a->app != b->app)
        return a->app < b->app ? -1 : 1;
    if (a->criterion != b->criterion)
        return a->criterion < b->criterion ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line;
}

static void number(assay_buffer *b, double v)
{
    assay_buffer_printf(b, "%g", v);
}

/* One criterion's finding from its reviews r[0 .. n) of one application;
 * returns its score, or -1 when every one was left out. */
static double criterion_finding(const assay_panel *panel, review **r,
                                size_t n, assay_buffer *items)
{
    assay_buffer reason;
    assay_buffer_init(&reason);
    double sum = 0;
    size_t counted = 0;
    for (size_t i = 0; i < n; i++) {
        if (!r[i]->counted)
            continue;
        if (counted)
            assay_buffer_puts(&reason, "; ");
        assay_buffer_printf(&reason, "%s gave ",
                            panel->reviewers[r[i]->reviewer]);
        number(&reason, r[i]->score);
        if (!counted) {
            assay_buffer_puts(&reason, " of ");
            number(&reason, panel->low);
            assay_buffer_puts(&reason, " to ");
            number(&reason, panel->high);
        }
        assay_buffer_puts(&reason, ", ");
        assay_json_score(&reason, r[i]->normalised);
        assay_buffer_puts(&reason, " normalised");
        if (r[i]->comment)
            assay_buffer_printf(&reason, ": \"%s\"", r[i]->comment);
        sum += r[i]->normalised;
        counted++;
    }
    for (size_t i = 0; i < n; i++)
        if (!r[i]->counted)
            assay_buffer_printf(&reason, "%s%s left out (conflict of "
                                         "interest)",
                                counted || i ? "; " : "",
                                panel->reviewers[r[i]->reviewer]);
    double score = -1;
    if (counted) {
        score = assay_round_score(sum / (double)counted);
        if (items->len)
            assay_buffer_putc(items, ',');
        assay_buffer_putc(items, '{');
        assay_json_key(items, "rule", 1);
        char id[512];
        snprintf(id, sizeof id, "%s.%s", panel->domain,
                 panel->criteria[r[0]->criterion]);
        assay_json_string(items, id);
        assay_json_key(items, "plugin", 0);
        assay_json_string(items, "panel");
        assay_json_key(items, "domain", 0);
        assay_json_string(items, panel->domain);
        assay_json_key(items, "score", 0);
        assay_json_score(items, score);
        assay_json_key(items, "weight", 0);
        assay_buffer_putc(items, '1');
        assay_json_key(items, "reason", 0);
        assay_json_string(items, assay_buffer_cstr(&reason));
        assay_buffer_putc(items, '}');
    }
    assay_buffer_free(&reason);
    return score;
}

/* The reviews r[0 .. n) of one application, sorted by criterion. */
static void app_findings(assay_panel *panel, review **r, size_t n)
{
    assay_panel_entry *e = &panel->apps[r[0]->app];
    unsigned char *counted = calloc(panel->reviewer_count, 1);
    unsigned char *left = calloc(panel->reviewer_count, 1);
    if (!counted || !left)
        abort();
    assay_buffer items;
    assay_buffer_init(&items);
    double sum = 0;
    size_t findings = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && r[j]->criterion == r[i]->criterion)
            j++;
        double s = criterion_finding(panel, r + i, j - i, &items);
        if (s >= 0) {
            sum += s;
            findings++;
        }
        for (size_t k = i; k < j; k++)
            (r[k]->counted ? counted : left)[r[k]->reviewer] = 1;
        i = j;
    }
    for (size_t k = 0; k < panel->reviewer_count; k++) {
        e->reviewers += counted[k];
        e->conflicts += left[k];
    }
    e->counted = findings && e->reviewers >= panel->min_reviewers;
    e->score = findings ? assay_round_score(sum / (double)findings) : 0;
    e->findings = strdup(assay_buffer_cstr(&items));
    if (!e->findings)
        abort();
    assay_buffer_free(&items);
    free(counted);
    free(left);
}

static void agreement(assay_panel *panel)
{
    size_t c_count = panel->criterion_count ? panel->criterion_count : 1;
    panel->alpha = calloc(c_count, sizeof *panel->alpha);
    panel->alpha_units = calloc(c_count, sizeof *panel->alpha_units);
    size_t cells = (panel->app_count ? panel->app_count : 1) *
                   (panel->reviewer_count ? panel->reviewer_count : 1);
    double *values = malloc(cells * sizeof *values);
    size_t *unit = malloc((panel->app_count ? panel->app_count : 1) *
                          sizeof *unit);
    if (!panel->alpha || !panel->alpha_units || !values || !unit)
        abort();
    for (size_t c = 0; c < panel->criterion_count; c++) {
        for (size_t a = 0; a < panel->app_count; a++)
            unit[a] = SIZE_MAX;
        size_t units = 0;
        for (size_t i = 0; i < cells; i++)
            values[i] = NAN;
        for (size_t i = 0; i < panel->review_count; i++) {
            const review *r = &panel->reviews[i];
            if (r->criterion != c || !r->counted)
                continue;
            if (unit[r->app] == SIZE_MAX)
                unit[r->app] = units++;
            values[unit[r->app] * panel->reviewer_count + r->reviewer] =
                r->score;
        }
        panel->alpha_units[c] = units;
        panel->alpha[c] = assay_krippendorff_alpha(
            values, units, panel->reviewer_count, (assay_level)panel->level);
    }
    free(values);
    free(unit);
}

assay_panel *assay_panel_read(const assay_policy *p, const char *path)
{
    if (!p->panel.line) {
        fprintf(stderr, "assay: %s: the policy declares no panel; add "
                        "panel { scale = { 1, 5 } } (the scale the reviewers "
                        "score on; docs/office.md) and weigh its domain\n",
                p->path);
        return NULL;
    }
    char err[4096];
    if (assay_policy_check_domain((assay_policy *)p, p->panel.domain,
                                  "the review panel", err, sizeof err)) {
        fprintf(stderr, "assay: %s\n", err);
        return NULL;
    }
    assay_panel *panel = calloc(1, sizeof *panel);
    if (!panel)
        abort();
    panel->domain = strdup(p->panel.domain);
    panel->low = p->panel.low;
    panel->high = p->panel.high;
    panel->min_reviewers = p->panel.min_reviewers;
    panel->level = p->panel.level;
    assay_string_map_init(&panel->app_index);
    if (!panel->domain)
        abort();
    if (read_reviews(panel, path)) {
        assay_panel_free(panel);
        return NULL;
    }
    normalise(panel);
    review **sorted = malloc((panel->review_count ? panel->review_count : 1) *
                             sizeof *sorted);
    if (!sorted)
        abort();
    for (size_t i = 0; i < panel->review_count; i++)
        sorted[i] = &panel->reviews[i];
    qsort(sorted, panel->review_count, sizeof *sorted, by_app);
    for (size_t i = 0; i < panel->review_count;) {
        size_t j = i;
        while (j < panel->review_count && sorted[j]->app == sorted[i]->app)
            j++;
        app_findings(panel, sorted + i, j - i);
        i = j;
    }
    free(sorted);
    agreement(panel);
    return panel;
}

void assay_panel_free(assay_panel *panel)
{
    if (!panel)
        return;
    for (size_t i = 0; i < panel->reviewer_count; i++)
        free(panel->reviewers[i]);
    for (size_t i = 0; i < panel->criterion_count; i++)
        free(panel->criteria[i]);
    for (size_t i = 0; i < panel->app_count; i++)
        free(panel->apps[i].findings);
    free(panel->reviewers);
    free(panel->criteria);
    free(panel->apps);
    free(panel->reviews);
    free(panel->alpha);
    free(panel->alpha_units);
    free(panel->domain);
    assay_string_map_free(&panel->app_index);
    assay_committee_file_free(&panel->file);
    free(panel);
}

assay_panel_entry *assay_panel_find(assay_panel *panel, const char *id)
{
    const char *at;
    if (!panel || !assay_string_map_get(&panel->app_index, id, &at))
        return NULL;
    return &panel->apps[strtoull(at, NULL, 10)];
}

int assay_panel_check_seen(const assay_panel *panel, const char *inputs_name)
{
    int missing = 0;
    for (size_t i = 0; i < panel->app_count; i++)
        if (!panel->apps[i].seen) {
            fprintf(stderr, "assay: %s:%zu: application \"%s\" is not in "
                            "%s; check its id\n",
                    panel->file.path, panel->apps[i].line, panel->apps[i].id,
                    inputs_name);
            missing = 1;
        }
    return missing;
}

const char *assay_panel_path(const assay_panel *panel)
{
    return panel->file.path;
}

const char *assay_panel_domain(const assay_panel *panel)
{
    return panel->domain;
}

void assay_panel_entry_json(const assay_panel *panel,
                            const assay_panel_entry *e, assay_buffer *out)
{
    assay_buffer_putc(out, '{');
    assay_json_key(out, "reviewers", 1);
    assay_json_uint(out, e->reviewers);
    assay_json_key(out, "min_reviewers", 0);
    assay_json_uint(out, panel->min_reviewers);
    assay_json_key(out, "conflicts", 0);
    assay_json_uint(out, e->conflicts);
    assay_json_key(out, "counted", 0);
    assay_buffer_puts(out, e->counted ? "true" : "false");
    assay_buffer_putc(out, '}');
}

static const char *const level_names[] = {"nominal", "ordinal", "interval",
                                          "ratio"};

void assay_panel_summary_json(const assay_panel *panel, assay_buffer *out)
{
    size_t counted = 0;
    for (size_t i = 0; i < panel->app_count; i++)
        counted += panel->apps[i].counted;
    assay_buffer_putc(out, '{');
    assay_json_key(out, "domain", 1);
    assay_json_string(out, panel->domain);
    assay_json_key(out, "reviews", 0);
    assay_json_uint(out, panel->review_count);
    assay_json_key(out, "left_out", 0);
    assay_json_uint(out, panel->left_out);
    assay_json_key(out, "reviewers", 0);
    assay_json_uint(out, panel->reviewer_count);
    assay_json_key(out, "applications", 0);
    assay_json_uint(out, panel->app_count);
    assay_json_key(out, "counted", 0);
    assay_json_uint(out, counted);
    assay_json_key(out, "level", 0);
    assay_json_string(out, level_names[panel->level]);
    assay_json_key(out, "criteria", 0);
    assay_buffer_putc(out, '[');
    for (size_t c = 0; c < panel->criterion_count; c++) {
        if (c)
            assay_buffer_putc(out, ',');
        assay_buffer_putc(out, '{');
        assay_json_key(out, "criterion", 1);
        assay_json_string(out, panel->criteria[c]);
        assay_json_key(out, "applications", 0);
        assay_json_uint(out, panel->alpha_units[c]);
        assay_json_key(out, "alpha", 0);
        if (isnan(panel->alpha[c]))
            assay_buffer_puts(out, "null");
        else
            assay_json_score(out, panel->alpha[c]);
        assay_buffer_putc(out, '}');
    }
    assay_buffer_puts(out, "]}");
}

void assay_panel_summary_text(const assay_panel *panel, assay_buffer *out)
{
    size_t counted = 0;
    for (size_t i = 0; i < panel->app_count; i++)
        counted += panel->apps[i].counted;
    assay_buffer_printf(out,
                        "  panel (%s): %zu reviews by %zu reviewers of %zu "
                        "applications, %zu counted; %zu left out for a "
                        "conflict of interest\n"
                        "  agreement (Krippendorff's alpha, %s):",
                        panel->domain, panel->review_count,
                        panel->reviewer_count, panel->app_count, counted,
                        panel->left_out, level_names[panel->level]);
    for (size_t c = 0; c < panel->criterion_count; c++) {
        assay_buffer_printf(out, "%s %s ", c ? "," : "", panel->criteria[c]);
        if (isnan(panel->alpha[c]))
            assay_buffer_puts(out, "undefined");
        else
            assay_buffer_printf(out, "%.3f", panel->alpha[c]);
    }
    assay_buffer_putc(out, '\n');
}
