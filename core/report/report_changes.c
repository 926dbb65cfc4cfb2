#include "report/report_changes.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "decide/decision_diff.h"
#include "report/html.h"
#include "report/report_data.h"
#include "util/problems.h"

/* ---- Reading: what assay diff --json says, the few parts shown ------ */

static int keep(assay_report_changes *c, cJSON *change)
{
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(change, "change");
    if (!cJSON_IsString(kind) || strcmp(kind->valuestring, "rank") == 0)
        return 0;
    if (c->changed_total++ >= ASSAY_REPORT_CHANGES_LISTED)
        return 0;
    cJSON **grown = realloc(c->changed, c->changed_total * sizeof *grown);
    if (!grown)
        abort();
    c->changed = grown;
    c->changed[c->changed_count++] = change;
    return 1;
}

int assay_report_changes_load(assay_report_changes *c, const char *previous,
                              const char *current, char *err,
                              size_t err_size)
{
    memset(c, 0, sizeof *c);
    size_t n = strlen(previous) + 1;
    c->previous = malloc(n);
    if (!c->previous)
        abort();
    memcpy(c->previous, previous, n);
    assay_decision_diff d;
    assay_problems problems;
    assay_problems_init(&problems);
    assay_buffer json;
    assay_buffer_init(&json);
    int rc = assay_decision_diff_load(&d, previous, current, &problems) != 0 ||
             assay_decision_diff_json(&d, &json, &problems) != 0;
    if (rc)
        assay_problems_join(&problems, err, err_size);
    /* One line a change, the summary last: the rank-only moves are
     * counted there and dropped here. */
    const char *line = json.data, *end = json.data + json.len;
    while (!rc && line && line < end) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        size_t len = nl ? (size_t)(nl - line) : (size_t)(end - line);
        cJSON *obj = cJSON_ParseWithLength(line, len);
        cJSON *summary = cJSON_DetachItemFromObjectCaseSensitive(obj,
                                                                 "summary");
        if (summary) {
            cJSON_Delete(c->summary);
            c->summary = summary;
        }
        if (summary || !keep(c, obj))
            cJSON_Delete(obj);
        line = nl ? nl + 1 : NULL;
    }
    assay_decision_diff_free(&d);
    assay_problems_free(&problems);
    assay_buffer_free(&json);
    return rc;
}

void assay_report_changes_free(assay_report_changes *c)
{
    free(c->previous);
    cJSON_Delete(c->summary);
    for (size_t i = 0; i < c->changed_count; i++)
        cJSON_Delete(c->changed[i]);
    free(c->changed);
    memset(c, 0, sizeof *c);
}

/* ---- Writing -------------------------------------------------------- */

static const cJSON *member(const cJSON *o, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(o, key);
}

static const char *string_at(const cJSON *o, const char *key)
{
    const cJSON *v = member(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static double number_at(const cJSON *o, const char *key)
{
    const cJSON *v = member(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

static size_t count_at(const cJSON *o, const char *key)
{
    double v = number_at(o, key);
    return isnan(v) || v < 0 ? 0 : (size_t)v;
}

static void score(assay_buffer *b, double v)
{
    if (isnan(v))
        assay_buffer_puts(b, "\xE2\x80\x93");
    else
        assay_json_score(b, v);
}

static void arrow(assay_buffer *b)
{
    assay_buffer_puts(b, " \xE2\x86\x92 ");
}

/* A decision with its colour swatch when this run knows it. */
static void decision(assay_buffer *b, const assay_report *r, const char *d)
{
    size_t i = d ? assay_report_decision_named(r, d) : r->decision_count;
    if (i < r->decision_count)
        assay_buffer_printf(b, "<span class=k%zu>", i);
    else
        assay_buffer_puts(b, "<span>");
    assay_html_text(b, d ? d : "\xE2\x80\x93");
    assay_buffer_puts(b, "</span>");
}

/* An applicant by id, linked to its section when the page shows it, with
 * its name. */
static void applicant(assay_buffer *b, const assay_report *r, const char *id)
{
    const assay_report_entry *e = NULL;
    size_t at = 0;
    for (size_t i = 0; id && i < r->ok_count && !e; i++)
        if (strcmp(r->entries[i].id, id) == 0)
            e = &r->entries[at = i];
    if (e && e->shown)
        assay_buffer_printf(b, "<a class=id href=#a%zu>", at);
    else
        assay_buffer_puts(b, "<span class=id>");
    assay_html_text(b, id);
    assay_buffer_puts(b, e && e->shown ? "</a>" : "</span>");
    if (e && e->name) {
        assay_buffer_puts(b, " <bdi class=nm>");
        assay_html_text(b, e->name);
        assay_buffer_puts(b, "</bdi>");
    }
}

static void outcome(assay_buffer *b, const assay_report *r, const cJSON *o)
{
    if (!cJSON_IsObject(o)) {
        assay_buffer_puts(b, "not in the run");
        return;
    }
    decision(b, r, string_at(o, "decision"));
    double rank = number_at(o, "rank");
    if (!isnan(rank))
        assay_buffer_printf(b, ", rank %.0f", rank);
    assay_buffer_puts(b, ", score ");
    score(b, number_at(o, "score"));
}

/* A finding's values: "score 0.6, weight 1", or its error. */
static void values(assay_buffer *b, const cJSON *v)
{
    const char *error = string_at(v, "error");
    if (error) {
        assay_buffer_puts(b, "error: ");
        assay_html_text(b, error);
        return;
    }
    assay_buffer_puts(b, "score ");
    score(b, number_at(v, "score"));
    assay_buffer_puts(b, ", weight ");
    score(b, number_at(v, "weight"));
}

static void finding_item(assay_buffer *b, const cJSON *f)
{
    const char *change = string_at(f, "change");
    const cJSON *old = member(f, "old"), *now = member(f, "new");
    assay_buffer_puts(b, "<li><code>");
    assay_html_text(b, string_at(f, "rule"));
    assay_buffer_puts(b, "</code> ");
    if (change && strcmp(change, "added") == 0) {
        assay_buffer_puts(b, "applies now: ");
        values(b, now);
    } else if (change && strcmp(change, "removed") == 0) {
        assay_buffer_puts(b, "no longer applies (was ");
        values(b, old);
        assay_buffer_puts(b, ")");
    } else {
        values(b, old);
        arrow(b);
        values(b, now);
    }
    const char *reason = string_at(cJSON_IsObject(now) ? now : old, "reason");
    if (reason) {
        assay_buffer_puts(b, " (");
        assay_html_text(b, reason);
        assay_buffer_puts(b, ")");
    }
}

static void mark_item(assay_buffer *b, const char *kind, const cJSON *m)
{
    const char *change = string_at(m, "change");
    const cJSON *v = member(m, change && strcmp(change, "removed") == 0
                                   ? "old" : "new");
    assay_buffer_printf(b, "<li>%s <code>", kind);
    assay_html_text(b, string_at(m, "rule"));
    assay_buffer_puts(b, "</code> ");
    assay_html_text(b, change && strcmp(change, "removed") == 0 ? "gone"
                                                               : "new");
    const char *reason = string_at(v, "reason");
    if (reason) {
        assay_buffer_puts(b, ": ");
        assay_html_text(b, reason);
    }
}

static void number_item(assay_buffer *b, const char *kind, const cJSON *x)
{
    assay_buffer_printf(b, "<li>%s ", kind);
    assay_html_text(b, string_at(x, "domain"));
    assay_buffer_puts(b, ": ");
    score(b, number_at(x, "old"));
    arrow(b);
    score(b, number_at(x, "new"));
}

/* Why one applicant's decision changed, in the diff's own terms. */
static void why_changed(assay_buffer *b, const assay_report *r,
                        const cJSON *c)
{
    assay_buffer_puts(b, "<ul>");
    const cJSON *x;
    cJSON_ArrayForEach(x, member(c, "findings")) finding_item(b, x);
    cJSON_ArrayForEach(x, member(c, "vetoes")) mark_item(b, "veto", x);
    cJSON_ArrayForEach(x, member(c, "flags")) mark_item(b, "flag", x);
    cJSON_ArrayForEach(x, member(c, "domains")) number_item(b, "domain", x);
    cJSON_ArrayForEach(x, member(c, "weights"))
        number_item(b, "policy weight of", x);
    const char *from = string_at(c, "seat_from"), *to = string_at(c, "seat_to");
    if (from) {
        assay_buffer_puts(b, "<li>took the ");
        assay_html_text(b, string_at(member(c, "new"), "decision"));
        assay_buffer_puts(b, " seat of ");
        applicant(b, r, from);
    }
    if (to) {
        assay_buffer_puts(b, "<li>its ");
        assay_html_text(b, string_at(member(c, "old"), "decision"));
        assay_buffer_puts(b, " seat went to ");
        applicant(b, r, to);
    }
    assay_buffer_puts(b, "</ul>");
}

static void moves_table(assay_buffer *b, const assay_report *r,
                        const cJSON *s)
{
    const cJSON *moves = member(s, "moves"), *m;
    if (!cJSON_GetArraySize(moves))
        return;
    assay_buffer_puts(b, "<h3>Moves between decisions</h3><div class=tw>"
                         "<table id=moves><thead><tr><th>Before<th>Now"
                         "<th class=n>Applicants<tbody>");
    cJSON_ArrayForEach(m, moves)
    {
        assay_buffer_puts(b, "<tr><td>");
        decision(b, r, string_at(m, "from"));
        assay_buffer_puts(b, "<td>");
        decision(b, r, string_at(m, "to"));
        assay_buffer_printf(b, "<td class=n>%zu", count_at(m, "count"));
    }
    assay_buffer_puts(b, "</table></div>");
}

static void seats_table(assay_buffer *b, const assay_report *r,
                        const cJSON *s)
{
    const cJSON *seats = member(s, "seats"), *m;
    if (!cJSON_GetArraySize(seats))
        return;
    assay_buffer_puts(b, "<h3>Seats that changed hands</h3><div class=tw>"
                         "<table id=handovers><thead><tr><th>Tier"
                         "<th>Held before by<th>Now given to<tbody>");
    cJSON_ArrayForEach(m, seats)
    {
        assay_buffer_puts(b, "<tr><td>");
        decision(b, r, string_at(m, "tier"));
        assay_buffer_puts(b, "<td>");
        applicant(b, r, string_at(m, "from"));
        assay_buffer_puts(b, "<td>");
        applicant(b, r, string_at(m, "to"));
    }
    assay_buffer_puts(b, "</table></div>");
}

static void floors_table(assay_buffer *b, const assay_report *r,
                         const cJSON *s)
{
    const cJSON *floors = member(s, "lowest_seated"), *m;
    if (!cJSON_GetArraySize(floors))
        return;
    assay_buffer_puts(b, "<h3>Lowest seated score</h3><div class=tw>"
                         "<table id=floors><thead><tr><th>Tier"
                         "<th class=n>Before<th class=n>Now<tbody>");
    cJSON_ArrayForEach(m, floors)
    {
        assay_buffer_puts(b, "<tr><td>");
        decision(b, r, string_at(m, "tier"));
        assay_buffer_puts(b, "<td class=n>");
        score(b, number_at(m, "old"));
        assay_buffer_puts(b, "<td class=n>");
        score(b, number_at(m, "new"));
    }
    assay_buffer_puts(b, "</table></div>");
}

static void changed_table(assay_buffer *b, const assay_report *r,
                          const assay_report_changes *c)
{
    if (!c->changed_total)
        return;
    assay_buffer_puts(b, "<h3>Applicants whose decision changed</h3><div "
                         "class=tw><table id=changed><thead><tr>"
                         "<th>Applicant<th>Before<th>Now<th>Why it changed"
                         "<tbody>");
    for (size_t i = 0; i < c->changed_count; i++) {
        const cJSON *x = c->changed[i];
        assay_buffer_puts(b, "<tr><td>");
        applicant(b, r, string_at(x, "id"));
        assay_buffer_puts(b, "<td>");
        outcome(b, r, member(x, "old"));
        assay_buffer_puts(b, "<td>");
        outcome(b, r, member(x, "new"));
        assay_buffer_puts(b, "<td>");
        why_changed(b, r, x);
    }
    assay_buffer_puts(b, "</table></div>");
    if (c->changed_total > c->changed_count)
        assay_buffer_printf(b, "<p class=note>The first %zu of %zu; "
                               "<code>assay diff</code> lists every one."
                               "</p>",
                            c->changed_count, c->changed_total);
}

void assay_report_changes_html(assay_buffer *b, const assay_report *r,
                               const assay_report_changes *c)
{
    assay_buffer_puts(b, "<section id=\"changes\"><h2>Changes since the "
                         "previous run</h2><p class=\"note\">Compared with "
                         "<code>");
    assay_html_text(b, c->previous);
    assay_buffer_puts(b, "</code>, applicant by applicant (as <code>assay "
                         "diff</code> does).");
    const cJSON *s = c->summary;
    if (!s) {
        assay_buffer_puts(b, " No decision, rank or score changed.</p>"
                             "</section>");
        return;
    }
    assay_buffer_printf(b, " %zu applicants in both: %zu decisions "
                           "changed, %zu moved in rank with the same "
                           "decision, %zu changed score only; %zu added, "
                           "%zu removed.</p>",
                        count_at(s, "compared"),
                        count_at(s, "decisions_changed"),
                        count_at(s, "ranks_changed"),
                        count_at(s, "scores_changed"), count_at(s, "added"),
                        count_at(s, "removed"));
    moves_table(b, r, s);
    seats_table(b, r, s);
    floors_table(b, r, s);
    changed_table(b, r, c);
    assay_buffer_puts(b, "</section>");
}
