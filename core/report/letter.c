#include "report/letter.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/html.h"

/* How many strengths and shortfalls a letter names at most. */
#define LETTER_POINTS 3

typedef struct writer {
    assay_buffer *out;
    assay_letter_format format;
    int in_list;
} writer;

/* Text from a record, escaped for Markdown: the characters that would
 * start markup are backslash-escaped and line breaks become spaces, so a
 * reason cannot add headings, links or HTML to a letter. */
static void md_text_n(assay_buffer *b, const char *s, size_t n)
{
    for (size_t i = 0; s && i < n; i++) {
        char c = s[i];
        if (c == '\n' || c == '\r' || c == '\t') {
            assay_buffer_putc(b, ' ');
            continue;
        }
        if (strchr("\\`*_[]<>|#!~&", c))
            assay_buffer_putc(b, '\\');
        assay_buffer_putc(b, c);
    }
}

/* s[0..n): text that need not end in a NUL (a line of a longer text). */
static void text_n(writer *w, const char *s, size_t n)
{
    if (w->format == ASSAY_LETTER_HTML)
        assay_html_text_n(w->out, s, n);
    else
        md_text_n(w->out, s, n);
}

static void text(writer *w, const char *s)
{
    text_n(w, s, s ? strlen(s) : 0);
}

static void end_list(writer *w)
{
    if (!w->in_list)
        return;
    if (w->format == ASSAY_LETTER_HTML)
        assay_buffer_puts(w->out, "</ul>\n");
    w->in_list = 0;
}

static void title(writer *w, const char *s)
{
    end_list(w);
    assay_buffer_puts(w->out, w->format == ASSAY_LETTER_HTML ? "<h1>" : "# ");
    text(w, s);
    assay_buffer_puts(w->out, w->format == ASSAY_LETTER_HTML ? "</h1>\n" : "\n\n");
}

static void heading(writer *w, const char *s)
{
    end_list(w);
    assay_buffer_puts(w->out, w->format == ASSAY_LETTER_HTML ? "<h2>" : "## ");
    text(w, s);
    assay_buffer_puts(w->out, w->format == ASSAY_LETTER_HTML ? "</h2>\n" : "\n\n");
}

/* A paragraph from pieces: plain text, with emphasis where strong is set. */
static void paragraph_start(writer *w)
{
    end_list(w);
    if (w->format == ASSAY_LETTER_HTML)
        assay_buffer_puts(w->out, "<p>");
}

static void paragraph_end(writer *w)
{
    assay_buffer_puts(w->out, w->format == ASSAY_LETTER_HTML ? "</p>\n" : "\n\n");
}

static void strong(writer *w, const char *s)
{
    assay_buffer_puts(w->out, w->format == ASSAY_LETTER_HTML ? "<strong>" : "**");
    text(w, s);
    assay_buffer_puts(w->out, w->format == ASSAY_LETTER_HTML ? "</strong>" : "**");
}

static void paragraph(writer *w, const char *s)
{
    paragraph_start(w);
    text(w, s);
    paragraph_end(w);
}

static void item_start(writer *w)
{
    if (!w->in_list && w->format == ASSAY_LETTER_HTML)
        assay_buffer_puts(w->out, "<ul>\n");
    w->in_list = 1;
    assay_buffer_puts(w->out, w->format == ASSAY_LETTER_HTML ? "<li>" : "- ");
}

static void item_end(writer *w)
{
    assay_buffer_puts(w->out, w->format == ASSAY_LETTER_HTML ? "</li>\n" : "\n");
}

static void item(writer *w, const char *s)
{
    item_start(w);
    text(w, s);
    item_end(w);
}

static void list_done(writer *w)
{
    int was = w->in_list;
    end_list(w);
    if (was && w->format == ASSAY_LETTER_MARKDOWN)
        assay_buffer_putc(w->out, '\n');
}

static const char *string_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A tier's name as words: "seed_grant" -> "seed grant". */
static void words(char *dst, size_t size, const char *name)
{
    size_t i = 0;
    for (; name[i] && i + 1 < size; i++)
        dst[i] = name[i] == '_' ? ' ' : name[i];
    dst[i] = '\0';
}

static void score_text(char *dst, size_t size, double v)
{
    assay_buffer b;
    assay_buffer_init(&b);
    assay_json_score(&b, v);
    snprintf(dst, size, "%s", assay_buffer_cstr(&b));
    assay_buffer_free(&b);
}

/* "a, b and c" of a JSON array of strings. */
static void joined(char *dst, size_t size, const cJSON *array)
{
    size_t n = (size_t)cJSON_GetArraySize(array), i = 0, len = 0;
    dst[0] = '\0';
    const cJSON *v;
    cJSON_ArrayForEach(v, array) {
        if (!cJSON_IsString(v))
            continue;
        const char *sep = i == 0 ? "" : i + 1 == n ? " and " : ", ";
        int k = snprintf(dst + len, size - len, "%s%s", sep, v->valuestring);
        if (k < 0 || (size_t)k >= size - len)
            break;
        len += (size_t)k;
        i++;
    }
}

/* 1 if every why_not entry gives the same reason (and there are two or
 * more). */
static int same_reason(const cJSON *why_not)
{
    const char *first = NULL;
    int n = 0;
    const cJSON *t;
    cJSON_ArrayForEach(t, why_not) {
        const char *r = string_of(t, "reason");
        if (!r || (first && strcmp(r, first) != 0))
            return 0;
        first = r;
        n++;
    }
    return n > 1;
}

static void decision_paragraph(writer *w, const cJSON *rec,
                               const char *decision)
{
    char tier[256], benefits[1024];
    paragraph_start(w);
    if (strcmp(decision, "reject") == 0) {
        text(w, "We are sorry: we cannot offer you a place in this round.");
    } else if (strcmp(decision, "review") == 0) {
        text(w, "Your application is ");
        strong(w, "held for review");
        text(w, ": the committee will look at it before it decides.");
    } else if (strcmp(decision, "waitlist") == 0) {
        text(w, "You are ");
        strong(w, "on the waitlist");
        text(w, ": if a place is given back, it is offered in waitlist "
                "order.");
    } else {
        words(tier, sizeof tier, decision);
        joined(benefits, sizeof benefits,
               cJSON_GetObjectItemCaseSensitive(rec, "benefits"));
        text(w, "We are glad to offer you a place in ");
        strong(w, tier);
        if (*benefits) {
            text(w, ", which includes ");
            text(w, benefits);
        }
        text(w, ".");
    }
    paragraph_end(w);
}

typedef struct point {
    const cJSON *finding;
    double score, value; /* value: score * weight */
} point;

/* Sorts points by key (descending with sign -1), keeping finding order
 * among equals: a stable insertion sort, as the lists are short. */
static void sort_points(point *p, size_t n, int by_value, int sign)
{
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0; j--) {
            double a = by_value ? p[j - 1].value : p[j - 1].score;
            double b = by_value ? p[j].value : p[j].score;
            if (sign * (a - b) <= 0)
                break;
            point t = p[j];
            p[j] = p[j - 1];
            p[j - 1] = t;
        }
}

/* Strengths (score 0.8 or more, by weighted score) and shortfalls (below
 * 0.5, lowest score first), each with the reason its rule gave. */
static void judged(writer *w, const cJSON *findings)
{
    size_t n = (size_t)cJSON_GetArraySize(findings), ns = 0, nw = 0;
    point *strong_points = calloc(n ? n : 1, sizeof *strong_points);
    point *weak_points = calloc(n ? n : 1, sizeof *weak_points);
    if (!strong_points || !weak_points)
        abort();
    const cJSON *f;
    cJSON_ArrayForEach(f, findings) {
        const cJSON *score = cJSON_GetObjectItemCaseSensitive(f, "score");
        const cJSON *weight = cJSON_GetObjectItemCaseSensitive(f, "weight");
        if (!cJSON_IsNumber(score) || !string_of(f, "reason"))
            continue;
        double wt = cJSON_IsNumber(weight) ? weight->valuedouble : 1;
        point pt = {f, score->valuedouble, score->valuedouble * wt};
        if (pt.score >= 0.8)
            strong_points[ns++] = pt;
        else if (pt.score < 0.5)
            weak_points[nw++] = pt;
    }
    sort_points(strong_points, ns, 1, -1);
    sort_points(weak_points, nw, 0, 1);
    if (ns) {
        heading(w, "Where your application is strong");
        for (size_t i = 0; i < ns && i < LETTER_POINTS; i++)
            item(w, string_of(strong_points[i].finding, "reason"));
        list_done(w);
    }
    if (nw) {
        heading(w, "Where it fell short");
        for (size_t i = 0; i < nw && i < LETTER_POINTS; i++)
            item(w, string_of(weak_points[i].finding, "reason"));
        list_done(w);
    }
    free(strong_points);
    free(weak_points);
}

static void marks(writer *w, const cJSON *rec, const char *key,
                  const char *head)
{
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(rec, key);
    if (cJSON_GetArraySize(list) == 0)
        return;
    heading(w, head);
    const cJSON *m;
    cJSON_ArrayForEach(m, list)
        if (string_of(m, "reason"))
            item(w, string_of(m, "reason"));
    list_done(w);
}

/* What to correct: the rules that could not read a field say which and
 * how (error findings). */
static void missing(writer *w, const cJSON *findings)
{
    int any = 0;
    const cJSON *f;
    cJSON_ArrayForEach(f, findings) {
        const char *error = string_of(f, "error");
        if (!error)
            continue;
        if (!any++)
            heading(w, "What to correct");
        item(w, error);
    }
    list_done(w);
}

/* What a held or unscored application could add: the fields its rules
 * read and did not find (ctx->missing). */
static void to_add(writer *w, const cJSON *rec, const char *decision,
                   const assay_letter_context *ctx)
{
    const cJSON *score = cJSON_GetObjectItemCaseSensitive(rec, "score");
    int held = strcmp(decision, "review") == 0 || cJSON_IsNull(score);
    if (!held || !ctx->missing || !ctx->missing[0])
        return;
    heading(w, "What you could add");
    for (const char *p = ctx->missing; *p;) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        item_start(w);
        text_n(w, p, len);
        item_end(w);
        p += len + (end != NULL);
    }
    list_done(w);
}

static void domains(writer *w, const cJSON *rec,
                    const assay_letter_context *ctx)
{
    const cJSON *ds = cJSON_GetObjectItemCaseSensitive(rec, "domains");
    if (cJSON_GetArraySize(ds) == 0)
        return;
    heading(w, "How each field was judged (0 to 1)");
    const cJSON *d;
    cJSON_ArrayForEach(d, ds) {
        if (!cJSON_IsNumber(d))
            continue;
        const char *label = ctx->domain_label
                                ? ctx->domain_label(ctx->label_data, d->string)
                                : NULL;
        char score[32];
        score_text(score, sizeof score, d->valuedouble);
        char name[256];
        words(name, sizeof name, d->string);
        item_start(w);
        text(w, label ? label : name);
        text(w, ": ");
        text(w, score);
        item_end(w);
    }
    list_done(w);
}

void assay_letter_write(assay_buffer *out, const cJSON *rec,
                        const assay_letter_context *ctx,
                        assay_letter_format format)
{
    writer w = {out, format, 0};
    const char *id = string_of(rec, "id");
    const char *programme = ctx->programme ? ctx->programme : "the programme";
    char head[1024];
    if (format == ASSAY_LETTER_HTML) {
        assay_buffer_puts(out, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
                               "<meta charset=\"utf-8\"><title>");
        assay_html_text(out, id ? id : "application");
        assay_buffer_puts(out, "</title><style>body{font:16px/1.5 "
                               "system-ui,sans-serif;max-width:40em;margin:"
                               "2em auto;padding:0 1em}</style></head>"
                               "<body>\n");
    }
    snprintf(head, sizeof head, "Your application to %s", programme);
    title(&w, head);
    paragraph_start(&w);
    text(&w, "Application ");
    text(&w, id ? id : "(no id)");
    if (ctx->name) {
        text(&w, ", ");
        text(&w, ctx->name);
    }
    paragraph_end(&w);
    const char *status = string_of(rec, "status");
    const char *decision = string_of(rec, "decision");
    if ((status && strcmp(status, "error") == 0) || !decision) {
        paragraph(&w, "We could not evaluate your application as it was "
                      "sent. Please correct it and send it again:");
        const char *error = string_of(rec, "error");
        item(&w, error ? error : "the application could not be read");
        list_done(&w);
    } else {
        decision_paragraph(&w, rec, decision);
        if (string_of(rec, "why"))
            paragraph(&w, string_of(rec, "why"));
        const cJSON *why_not = cJSON_GetObjectItemCaseSensitive(rec, "why_not");
        if (cJSON_GetArraySize(why_not) > 0 && same_reason(why_not)) {
            /* A veto, a flag or a missing score keeps it from every tier
             * alike: say so once. */
            heading(&w, "Why not a place above");
            char tiers[1024], tier[256];
            size_t len = 0;
            int i = 0, n = cJSON_GetArraySize(why_not);
            const cJSON *t;
            tiers[0] = '\0';
            cJSON_ArrayForEach(t, why_not) {
                words(tier, sizeof tier, string_of(t, "tier") ? string_of(t, "tier") : "?");
                const char *sep = i == 0 ? "" : i + 1 == n ? " and " : ", ";
                int k = snprintf(tiers + len, sizeof tiers - len, "%s%s", sep, tier);
                if (k > 0 && (size_t)k < sizeof tiers - len)
                    len += (size_t)k;
                i++;
            }
            item_start(&w);
            strong(&w, tiers);
            text(&w, ": ");
            text(&w, string_of(cJSON_GetArrayItem(why_not, 0), "reason"));
            item_end(&w);
            list_done(&w);
        } else if (cJSON_GetArraySize(why_not) > 0) {
            heading(&w, "Why not a place above");
            const cJSON *t;
            cJSON_ArrayForEach(t, why_not) {
                char tier[256];
                words(tier, sizeof tier, string_of(t, "tier") ? string_of(t, "tier") : "?");
                item_start(&w);
                strong(&w, tier);
                text(&w, ": ");
                text(&w, string_of(t, "reason") ? string_of(t, "reason") : "");
                item_end(&w);
            }
            list_done(&w);
        }
        marks(&w, rec, "vetoes", "What ruled it out");
        marks(&w, rec, "flags", "What the committee will look at");
        const cJSON *findings = cJSON_GetObjectItemCaseSensitive(rec, "findings");
        missing(&w, findings);
        to_add(&w, rec, decision, ctx);
        domains(&w, rec, ctx);
        judged(&w, findings);
    }
    end_list(&w);
    if (format == ASSAY_LETTER_HTML)
        assay_buffer_puts(out, "</body></html>\n");
}
