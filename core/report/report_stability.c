#include "report/report_stability.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/html.h"
#include "report/report_data.h"
#include "util/line_reader.h"

static void *need(void *p)
{
    if (!p) {
        fputs("assay: out of memory\n", stderr);
        abort();
    }
    return p;
}

static char *copy(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(need(malloc(n)), s, n);
}

/* ---- Reading -------------------------------------------------------- */

static size_t outcome_index(assay_report_stability *s, const char *name)
{
    for (size_t i = 0; i < s->outcome_count; i++)
        if (strcmp(s->outcomes[i], name) == 0)
            return i;
    s->outcomes = need(realloc(s->outcomes,
                               (s->outcome_count + 1) * sizeof *s->outcomes));
    s->outcomes[s->outcome_count] = copy(name);
    return s->outcome_count++;
}

static int bad_line(char *err, size_t err_size, const char *where,
                    size_t line, const char *what)
{
    snprintf(err, err_size, "%s:%zu: %s; give the output of `assay "
             "stability`", where, line, what);
    return 1;
}

static int read_entry(assay_report_stability *s, const cJSON *rec,
                      assay_stability_entry *e, const char *where,
                      size_t line, char *err, size_t err_size)
{
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(rec, "id");
    const cJSON *decision = cJSON_GetObjectItemCaseSensitive(rec, "decision");
    const cJSON *confidence =
        cJSON_GetObjectItemCaseSensitive(rec, "confidence");
    const cJSON *flagged = cJSON_GetObjectItemCaseSensitive(rec, "flagged");
    const cJSON *acc = cJSON_GetObjectItemCaseSensitive(rec, "acceptability");
    if (!cJSON_IsString(id))
        return bad_line(err, err_size, where, line, "the record has no "
                                                    "string \"id\"");
    if (!cJSON_IsString(decision) || !cJSON_IsNumber(confidence) ||
        !cJSON_IsBool(flagged) || !cJSON_IsObject(acc))
        return bad_line(err, err_size, where, line,
                        "a record needs \"decision\", \"confidence\", "
                        "\"flagged\" and \"acceptability\"");
    const cJSON *v;
    cJSON_ArrayForEach(v, acc)
    {
        if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 1)
            return bad_line(err, err_size, where, line,
                            "an acceptability must be a number from 0 to 1");
        outcome_index(s, v->string);
    }
    e->id = copy(id->valuestring);
    e->decision = copy(decision->valuestring);
    e->confidence = confidence->valuedouble;
    e->flagged = cJSON_IsTrue(flagged);
    e->acceptability_count = s->outcome_count;
    e->acceptability = need(calloc(s->outcome_count ? s->outcome_count : 1,
                                   sizeof *e->acceptability));
    cJSON_ArrayForEach(v, acc)
        e->acceptability[outcome_index(s, v->string)] = v->valuedouble;
    return 0;
}

static int by_id(const void *a, const void *b)
{
    return strcmp(((const assay_stability_entry *)a)->id,
                  ((const assay_stability_entry *)b)->id);
}

int assay_report_stability_read(assay_report_stability *s, FILE *in,
                                const char *where, char *err,
                                size_t err_size)
{
    memset(s, 0, sizeof *s);
    s->label = copy(where);
    s->threshold = NAN;
    assay_line_reader lr;
    assay_line_reader_init(&lr, in, 1u << 20);
    size_t cap = 0;
    int rc = 0;
    for (;;) {
        const char *text;
        size_t len;
        assay_line_status st = assay_line_reader_next(&lr, &text, &len);
        if (st == ASSAY_LINE_END)
            break;
        if (st != ASSAY_LINE_OK) {
            rc = bad_line(err, err_size, where, lr.line,
                          st == ASSAY_LINE_IO_ERROR ? strerror(errno)
                                                    : "a line over 1 MiB");
            break;
        }
        if (assay_line_is_blank(text, len))
            continue;
        cJSON *rec = cJSON_ParseWithLength(text, len);
        const cJSON *summary =
            cJSON_GetObjectItemCaseSensitive(rec, "summary");
        if (!cJSON_IsObject(rec)) {
            rc = bad_line(err, err_size, where, lr.line,
                          "not a JSON object");
        } else if (cJSON_IsObject(summary)) {
            cJSON_Delete(s->summary);
            s->summary = cJSON_DetachItemFromObjectCaseSensitive(rec,
                                                                 "summary");
            const cJSON *t =
                cJSON_GetObjectItemCaseSensitive(s->summary, "threshold");
            s->threshold = cJSON_IsNumber(t) ? t->valuedouble : NAN;
        } else {
            if (s->count == cap) {
                cap = cap ? cap * 2 : 64;
                s->entries = need(realloc(s->entries,
                                          cap * sizeof *s->entries));
            }
            memset(&s->entries[s->count], 0, sizeof *s->entries);
            rc = read_entry(s, rec, &s->entries[s->count], where, lr.line,
                            err, err_size);
            if (!rc)
                s->flagged += s->entries[s->count++].flagged;
        }
        cJSON_Delete(rec);
        if (rc)
            break;
    }
    assay_line_reader_free(&lr);
    if (!rc && !s->summary)
        rc = bad_line(err, err_size, where, lr.line,
                      "no summary line at the end (was the run cut short?)");
    if (!rc)
        qsort(s->entries, s->count, sizeof *s->entries, by_id);
    return rc;
}

void assay_report_stability_free(assay_report_stability *s)
{
    for (size_t i = 0; i < s->count; i++) {
        free(s->entries[i].id);
        free(s->entries[i].decision);
        free(s->entries[i].acceptability);
    }
    free(s->entries);
    for (size_t i = 0; i < s->outcome_count; i++)
        free(s->outcomes[i]);
    free(s->outcomes);
    cJSON_Delete(s->summary);
    free(s->label);
    memset(s, 0, sizeof *s);
}

const assay_stability_entry *
assay_report_stability_find(const assay_report_stability *s, const char *id)
{
    if (!s || !id || !s->count)
        return NULL;
    assay_stability_entry key = {.id = (char *)id};
    return bsearch(&key, s->entries, s->count, sizeof *s->entries, by_id);
}

void assay_report_stability_check(const assay_report_stability *s,
                                  const assay_report *r, size_t *differ,
                                  size_t *missing)
{
    *differ = *missing = 0;
    for (size_t i = 0; i < r->ok_count; i++) {
        const assay_stability_entry *e =
            assay_report_stability_find(s, r->entries[i].id);
        if (!e)
            (*missing)++;
        else if (strcmp(e->decision, r->entries[i].decision) != 0)
            (*differ)++;
    }
}

/* ---- Writing -------------------------------------------------------- */

static void number(assay_buffer *b, double v)
{
    if (isnan(v))
        assay_buffer_puts(b, "\xE2\x80\x93");
    else
        assay_json_score(b, v);
}

void assay_report_stability_cell(assay_buffer *b,
                                 const assay_report_stability *s,
                                 const char *id)
{
    const assay_stability_entry *e = assay_report_stability_find(s, id);
    if (!e)
        return;
    if (e->flagged)
        assay_buffer_puts(b, "<span class=unsure title=\"below the "
                             "stability threshold\">\xE2\x9A\xA0 ");
    number(b, e->confidence);
    if (e->flagged)
        assay_buffer_puts(b, "</span>");
}

/* The report's ok entries the chart shows: the least sure first (ties in
 * rank order), at most ASSAY_STABILITY_CHARTED, confidence below 1. */
typedef struct charted {
    size_t entry;
    const assay_stability_entry *s;
} charted;

static int least_sure_first(const void *a, const void *b)
{
    const charted *x = a, *y = b;
    if (x->s->confidence != y->s->confidence)
        return x->s->confidence < y->s->confidence ? -1 : 1;
    return (x->entry > y->entry) - (x->entry < y->entry);
}

/* The class of a decision's colour (report_chart.h); "cx" or "kx", grey,
 * for an outcome this run gave nobody. */
static void colour_class(assay_buffer *b, const assay_report *r, char kind,
                         const char *outcome)
{
    size_t d = assay_report_decision_named(r, outcome);
    if (d < r->decision_count)
        assay_buffer_printf(b, "%c%zu", kind, d);
    else
        assay_buffer_printf(b, "%cx", kind);
}

static void bars(assay_buffer *b, const assay_report *r,
                 const assay_report_stability *s, const charted *c, size_t n)
{
    enum { ROW = 22, LEFT = 150, RIGHT = 690, TOP = 26 };
    double w = RIGHT - LEFT;
    assay_buffer_printf(b, "<figure class=\"fig\" id=\"chart-stability\">"
                           "<div class=\"sv\"><svg viewBox=\"0 0 720 %d\" "
                           "role=\"img\" aria-labelledby=\"chart-stability-t"
                           "\"><title id=\"chart-stability-t\">The outcomes' "
                           "acceptabilities of the %zu least sure decisions"
                           "</title>",
                        TOP + ROW * (int)n + 30, n);
    for (int t = 0; t <= 4; t++) {
        double x = LEFT + w * t / 4;
        assay_buffer_printf(b, "<g class=\"axis\"><path class=\"grid\" "
                               "d=\"M%.1f %d V%d\"/></g><text class=\"xt\" "
                               "x=\"%.1f\" y=\"%d\">%g</text>",
                            x, TOP - 4, TOP + ROW * (int)n, x, TOP - 8,
                            t / 4.0);
    }
    for (size_t k = 0; k < n; k++) {
        const assay_report_entry *e = &r->entries[c[k].entry];
        const assay_stability_entry *se = c[k].s;
        int y = TOP + ROW * (int)k;
        assay_buffer_printf(b, "<g class=\"acc\" data-id=\"");
        assay_html_text(b, e->id);
        assay_buffer_printf(b, "\"><text class=\"yt\" x=\"%d\" y=\"%d\">",
                            LEFT - 6, y + 15);
        assay_html_text(b, e->id);
        assay_buffer_puts(b, "</text>");
        double x = LEFT;
        for (size_t o = 0; o < se->acceptability_count; o++) {
            double p = se->acceptability[o];
            if (p <= 0)
                continue;
            int given = strcmp(s->outcomes[o], se->decision) == 0;
            assay_buffer_puts(b, "<rect class=\"");
            colour_class(b, r, 'c', s->outcomes[o]);
            assay_buffer_printf(b, "%s\" x=\"%.1f\" y=\"%d\" "
                                   "width=\"%.1f\" height=\"16\"><title>",
                                given ? " given" : "", x, y + 2, p * w);
            assay_html_text(b, e->id);
            assay_buffer_puts(b, ": ");
            assay_html_text(b, s->outcomes[o]);
            assay_buffer_puts(b, " ");
            number(b, p);
            assay_buffer_puts(b, given ? " (the decision)" : "");
            assay_buffer_puts(b, "</title></rect>");
            /* A label, not colour alone, where there is room for it. */
            if (p * w >= 6.0 * (double)(strlen(s->outcomes[o]) + 8)) {
                assay_buffer_printf(b, "<text class=\"sl\" x=\"%.1f\" "
                                       "y=\"%d\">",
                                    x + 4, y + 14);
                assay_html_text(b, s->outcomes[o]);
                assay_buffer_puts(b, " ");
                number(b, p);
                assay_buffer_puts(b, "</text>");
            }
            x += p * w;
        }
        assay_buffer_puts(b, "</g>");
    }
    assay_buffer_printf(b, "<text class=\"xl\" x=\"%.1f\" y=\"%d\">share "
                           "of the weight samples that give each outcome"
                           "</text></svg></div>",
                        LEFT + w / 2, TOP + ROW * (int)n + 22);
    assay_buffer_puts(b, "<figcaption>Each bar one applicant, the least sure "
                         "first: how often each outcome came out as the "
                         "weights varied; the outlined part is the decision "
                         "given.</figcaption><ul class=\"legend\">");
    for (size_t o = 0; o < s->outcome_count; o++) {
        assay_buffer_puts(b, "<li><span class=");
        colour_class(b, r, 'k', s->outcomes[o]);
        assay_buffer_puts(b, ">");
        assay_html_text(b, s->outcomes[o]);
        assay_buffer_puts(b, "</span>");
    }
    assay_buffer_puts(b, "</ul></figure>");
}

void assay_report_stability_html(assay_buffer *b, const assay_report *r,
                                 const assay_report_stability *s)
{
    const cJSON *sm = s->summary;
    assay_buffer_puts(b, "<section id=\"stability\"><h2>How sure each "
                         "decision is</h2><p class=\"note\">From <code>");
    assay_html_text(b, s->label);
    assay_buffer_puts(b, "</code> (<code>assay stability</code>, "
                         "docs/stability.md): ");
    const cJSON *samples = cJSON_GetObjectItemCaseSensitive(sm, "samples");
    const cJSON *seed = cJSON_GetObjectItemCaseSensitive(sm, "seed");
    const cJSON *error = cJSON_GetObjectItemCaseSensitive(sm, "error");
    if (cJSON_IsNumber(samples))
        assay_buffer_printf(b, "%.0f weight samples", samples->valuedouble);
    if (cJSON_IsNumber(seed))
        assay_buffer_printf(b, " (seed %.0f)", seed->valuedouble);
    if (cJSON_IsNumber(error)) {
        assay_buffer_puts(b, ", each share within ");
        number(b, error->valuedouble);
        assay_buffer_puts(b, " at 95%");
    }
    assay_buffer_printf(b, ". The confidence of a decision is how often "
                           "the weights give it; %zu of %zu are below ",
                        s->flagged, s->count);
    number(b, s->threshold);
    assay_buffer_puts(b, " and marked \xE2\x9A\xA0 in the ranking.</p>");
    charted *c = need(calloc(r->ok_count ? r->ok_count : 1, sizeof *c));
    size_t n = 0;
    for (size_t i = 0; i < r->ok_count; i++) {
        const assay_stability_entry *e =
            assay_report_stability_find(s, r->entries[i].id);
        if (e && e->confidence < 1)
            c[n++] = (charted){i, e};
    }
    qsort(c, n, sizeof *c, least_sure_first);
    if (n)
        bars(b, r, s, c, n < ASSAY_STABILITY_CHARTED ? n
                                                      : ASSAY_STABILITY_CHARTED);
    else
        assay_buffer_puts(b, "<p class=\"note\">Every decision came out the "
                             "same under every weight sampled.</p>");
    free(c);
    assay_buffer_puts(b, "</section>");
}
