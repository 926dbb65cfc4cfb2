#include "decide/decision_diff.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/line_reader.h"

/* The decisions that are not tiers: every other decision names a tier of
 * the policy that wrote the file (docs/output.md). */
static int is_tier(const char *decision)
{
    static const char *const actions[] = {"waitlist", "review", "reject",
                                          "error"};
    for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++)
        if (strcmp(decision, actions[i]) == 0)
            return 0;
    return 1;
}

static char *copy_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = malloc(n);
    if (!c) {
        fputs("assay: out of memory\n", stderr);
        abort();
    }
    return memcpy(c, s, n);
}

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return p;
    size_t n = *cap ? *cap * 2 : 64;
    while (n < need)
        n *= 2;
    void *q = realloc(p, n * size);
    if (!q) {
        fputs("assay: out of memory\n", stderr);
        abort();
    }
    *cap = n;
    return q;
}

/* ---------------------------------------------------------------------- */
/* Reading a decision file                                                */
/* ---------------------------------------------------------------------- */

static const assay_outcome_file *sort_file; /* qsort has no context */

static int by_id_cmp(const void *a, const void *b)
{
    const assay_outcome *x = &sort_file->items[*(const size_t *)a];
    const assay_outcome *y = &sort_file->items[*(const size_t *)b];
    return strcmp(x->id, y->id);
}

/* Reads one record's outcome; 0, or -1 with a problem. */
static int read_outcome(assay_outcome_file *f, const cJSON *rec, size_t line,
                        long offset, assay_problems *problems)
{
    if (!cJSON_IsObject(rec)) {
        assay_problems_add(problems,
                           "%s:%zu: not a JSON object; give decision files "
                           "written by assay run or assay decide",
                           f->path, line);
        return -1;
    }
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(rec, "id");
    if (!cJSON_IsString(id)) {
        assay_problems_add(problems,
                           "%s:%zu: the record has no string \"id\", so it "
                           "cannot be matched with the other file",
                           f->path, line);
        return -1;
    }
    const cJSON *status = cJSON_GetObjectItemCaseSensitive(rec, "status");
    const cJSON *decision = cJSON_GetObjectItemCaseSensitive(rec, "decision");
    const char *what;
    if (cJSON_IsString(status) && strcmp(status->valuestring, "error") == 0)
        what = "error";
    else if (cJSON_IsString(decision))
        what = decision->valuestring;
    else {
        assay_problems_add(problems,
                           "%s:%zu: record %s has no \"decision\"; is this "
                           "scored output (assay score)? Give decision "
                           "files (assay run -o, assay decide -o)",
                           f->path, line, id->valuestring);
        return -1;
    }
    f->items = grow(f->items, &f->cap, f->count + 1, sizeof *f->items);
    assay_outcome *o = &f->items[f->count++];
    o->id = copy_string(id->valuestring);
    o->decision = copy_string(what);
    const cJSON *rank = cJSON_GetObjectItemCaseSensitive(rec, "rank");
    o->rank = cJSON_IsNumber(rank) ? (long)rank->valuedouble : 0;
    const cJSON *score = cJSON_GetObjectItemCaseSensitive(rec, "score");
    o->has_score = cJSON_IsNumber(score);
    o->score = o->has_score ? score->valuedouble : 0;
    o->line = line;
    o->offset = offset;
    return 0;
}

static int load_file(assay_outcome_file *f, const char *path,
                     assay_problems *problems)
{
    f->path = path;
    f->file = fopen(path, "rb");
    if (!f->file) {
        assay_problems_add(problems, "%s: %s", path, strerror(errno));
        return -1;
    }
    if (fseek(f->file, 0, SEEK_SET) != 0) {
        assay_problems_add(problems,
                           "%s: cannot seek in it (a pipe?); write the "
                           "decisions to a file first",
                           path);
        return -1;
    }
    assay_line_reader r;
    assay_line_reader_init(&r, f->file, ASSAY_DEFAULT_MAX_LINE * 16);
    const char *text;
    size_t len;
    int rc = 0;
    for (;;) {
        long offset = (long)r.consumed;
        assay_line_status st = assay_line_reader_next(&r, &text, &len);
        if (st == ASSAY_LINE_END)
            break;
        if (st == ASSAY_LINE_IO_ERROR) {
            assay_problems_add(problems, "%s: %s", path, strerror(errno));
            rc = -1;
            break;
        }
        if (st != ASSAY_LINE_OK) {
            assay_problems_add(problems, "%s:%zu: %s", path, r.line,
                               st == ASSAY_LINE_NUL
                                   ? "the line holds a NUL byte"
                                   : "the line is too long to be a "
                                     "decision record");
            rc = -1;
            continue;
        }
        if (assay_line_is_blank(text, len))
            continue;
        cJSON *rec = cJSON_ParseWithLength(text, len);
        if (!rec) {
            assay_problems_add(problems,
                               "%s:%zu: not valid JSON; give decision files "
                               "written by assay run or assay decide",
                               path, r.line);
            rc = -1;
            continue;
        }
        if (read_outcome(f, rec, r.line, offset, problems) != 0)
            rc = -1;
        cJSON_Delete(rec);
    }
    assay_line_reader_free(&r);
    if (rc != 0)
        return -1;
    f->by_id = malloc((f->count ? f->count : 1) * sizeof *f->by_id);
    if (!f->by_id)
        abort();
    for (size_t i = 0; i < f->count; i++)
        f->by_id[i] = i;
    sort_file = f;
    qsort(f->by_id, f->count, sizeof *f->by_id, by_id_cmp);
    for (size_t i = 1; i < f->count; i++) {
        const assay_outcome *a = &f->items[f->by_id[i - 1]];
        const assay_outcome *b = &f->items[f->by_id[i]];
        if (strcmp(a->id, b->id) == 0) {
            assay_problems_add(problems,
                               "%s:%zu: id %s appears again (first at line "
                               "%zu); ids must be unique to be compared",
                               path, a->line > b->line ? a->line : b->line,
                               a->id, a->line < b->line ? a->line : b->line);
            rc = -1;
        }
    }
    return rc;
}

static void free_file(assay_outcome_file *f)
{
    for (size_t i = 0; i < f->count; i++) {
        free(f->items[i].id);
        free(f->items[i].decision);
    }
    free(f->items);
    free(f->by_id);
    if (f->file)
        fclose(f->file);
    memset(f, 0, sizeof *f);
}

/* ---------------------------------------------------------------------- */
/* Comparing                                                              */
/* ---------------------------------------------------------------------- */

static void add_change(assay_decision_diff *d, size_t *cap, assay_change c)
{
    d->changes = grow(d->changes, cap, d->change_count + 1,
                      sizeof *d->changes);
    d->changes[d->change_count++] = c;
}

/* Unranked (error) outcomes sort after every ranked one. */
static long rank_key(const assay_outcome *o)
{
    return o && o->rank > 0 ? o->rank : 0x7fffffffL;
}

static int change_order(const void *a, const void *b)
{
    const assay_change *x = a, *y = b;
    int xr = x->kind == ASSAY_CHANGE_REMOVED, yr = y->kind == ASSAY_CHANGE_REMOVED;
    if (xr != yr)
        return xr - yr;
    const assay_outcome *xo = xr ? x->old_outcome : x->new_outcome;
    const assay_outcome *yo = yr ? y->old_outcome : y->new_outcome;
    long kx = rank_key(xo), ky = rank_key(yo);
    if (kx != ky)
        return kx < ky ? -1 : 1;
    return strcmp(xo->id, yo->id);
}

static const assay_decision_diff *sort_diff; /* qsort has no context */

static int old_rank_order(const void *a, const void *b)
{
    long x = rank_key(sort_diff->changes[*(const size_t *)a].old_outcome);
    long y = rank_key(sort_diff->changes[*(const size_t *)b].old_outcome);
    return (x > y) - (x < y);
}

static int arrives(const assay_change *c, const char *tier)
{
    return (c->kind == ASSAY_CHANGE_DECISION || c->kind == ASSAY_CHANGE_ADDED) &&
           strcmp(c->new_outcome->decision, tier) == 0;
}

static cJSON *read_record(const assay_outcome_file *f, const assay_outcome *o,
                          assay_problems *problems);

/* 1 if the applicant of change c left `tier` because, in the new run, every
 * seat of it was filled by others: its new record says so in its why_not
 * for that tier ("all N seats filled at rank R ...", written by
 * core/engine/explanation.c). An applicant that moved up, fell below the
 * minimum or was vetoed gave its seat up; nobody took it. */
static int lost_seat(const assay_decision_diff *d, const assay_change *c,
                     const char *tier)
{
    if (c->kind != ASSAY_CHANGE_DECISION ||
        strcmp(c->old_outcome->decision, tier) != 0)
        return 0;
    assay_problems ignored;
    assay_problems_init(&ignored);
    cJSON *rec = read_record(&d->new_file, c->new_outcome, &ignored);
    assay_problems_free(&ignored);
    int lost = 0;
    const cJSON *why_not = cJSON_GetObjectItemCaseSensitive(rec, "why_not");
    const cJSON *item;
    cJSON_ArrayForEach(item, why_not) {
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(item, "tier");
        const cJSON *r = cJSON_GetObjectItemCaseSensitive(item, "reason");
        if (cJSON_IsString(t) && cJSON_IsString(r) &&
            strcmp(t->valuestring, tier) == 0 &&
            strncmp(r->valuestring, "all ", 4) == 0 &&
            strstr(r->valuestring, " seats filled"))
            lost = 1;
    }
    cJSON_Delete(rec);
    return lost;
}

/* Pairs, tier by tier, the applicants who lost a tier's seat to a full
 * tier with those who came to it, in rank order: the i-th to lose (by old
 * rank) with the i-th to arrive (by new rank; changes are already in that
 * order). */
static void pair_seats(assay_decision_diff *d)
{
    size_t n = d->change_count;
    size_t *leaving = malloc((n ? n : 1) * sizeof *leaving);
    size_t *arriving = malloc((n ? n : 1) * sizeof *arriving);
    if (!leaving || !arriving)
        abort();
    for (size_t t = 0; t < n; t++) {
        const assay_change *c = &d->changes[t];
        if (!c->new_outcome || !is_tier(c->new_outcome->decision) ||
            c->seat_from || !arrives(c, c->new_outcome->decision))
            continue;
        const char *tier = c->new_outcome->decision;
        int first = 1; /* pair each tier once, at its first arrival */
        for (size_t u = 0; u < t && first; u++)
            first = !arrives(&d->changes[u], tier);
        if (!first)
            continue;
        size_t nl = 0, na = 0;
        for (size_t u = 0; u < n; u++) {
            if (arrives(&d->changes[u], tier))
                arriving[na++] = u;
            if (lost_seat(d, &d->changes[u], tier))
                leaving[nl++] = u;
        }
        sort_diff = d;
        qsort(leaving, nl, sizeof *leaving, old_rank_order);
        for (size_t i = 0; i < nl && i < na; i++) {
            d->changes[leaving[i]].seat_to = d->changes[arriving[i]].new_outcome;
            d->changes[arriving[i]].seat_from = d->changes[leaving[i]].old_outcome;
        }
    }
    free(leaving);
    free(arriving);
}

int assay_decision_diff_load(assay_decision_diff *d, const char *old_path,
                             const char *new_path, assay_problems *problems)
{
    memset(d, 0, sizeof *d);
    int rc = load_file(&d->old_file, old_path, problems);
    if (load_file(&d->new_file, new_path, problems) != 0)
        rc = -1;
    if (rc != 0)
        return -1;
    const assay_outcome_file *a = &d->old_file, *b = &d->new_file;
    size_t i = 0, j = 0, cap = 0;
    while (i < a->count || j < b->count) {
        const assay_outcome *o = i < a->count ? &a->items[a->by_id[i]] : NULL;
        const assay_outcome *n = j < b->count ? &b->items[b->by_id[j]] : NULL;
        int cmp = !o ? 1 : !n ? -1 : strcmp(o->id, n->id);
        assay_change c = {0};
        if (cmp < 0) {
            c.kind = ASSAY_CHANGE_REMOVED;
            c.old_outcome = o;
            d->removed++;
            i++;
            add_change(d, &cap, c);
            continue;
        }
        if (cmp > 0) {
            c.kind = ASSAY_CHANGE_ADDED;
            c.new_outcome = n;
            d->added++;
            j++;
            add_change(d, &cap, c);
            continue;
        }
        i++, j++;
        d->compared++;
        c.old_outcome = o;
        c.new_outcome = n;
        if (strcmp(o->decision, n->decision) != 0) {
            c.kind = ASSAY_CHANGE_DECISION;
            d->decisions_changed++;
            add_change(d, &cap, c);
        } else if (o->rank != n->rank) {
            c.kind = ASSAY_CHANGE_RANK;
            d->ranks_changed++;
            add_change(d, &cap, c);
        } else if (o->has_score != n->has_score ||
                   (o->has_score && o->score != n->score)) {
            d->scores_changed++;
        }
    }
    if (d->change_count > 1)
        qsort(d->changes, d->change_count, sizeof *d->changes, change_order);
    pair_seats(d);
    return 0;
}

void assay_decision_diff_free(assay_decision_diff *d)
{
    free_file(&d->old_file);
    free_file(&d->new_file);
    free(d->changes);
    memset(d, 0, sizeof *d);
}

int assay_decision_diff_any(const assay_decision_diff *d)
{
    return d->change_count > 0 || d->scores_changed > 0;
}

/* ---------------------------------------------------------------------- */
/* Why one applicant changed                                              */
/* ---------------------------------------------------------------------- */

typedef enum { ITEM_ADDED, ITEM_REMOVED, ITEM_CHANGED } item_change;

/* One difference between an applicant's two records. */
typedef struct why_item {
    const char *kind;   /* "finding", "veto", "flag", "domain", "weight" */
    const char *name;   /* rule id or domain */
    const char *plugin; /* NULL for domains and weights */
    item_change change;
    const cJSON *old_item, *new_item; /* the findings, vetoes or flags */
    double old_value, new_value;      /* domain scores and weights */
} why_item;

typedef struct why_list {
    why_item *items;
    size_t count, cap;
    cJSON *old_rec, *new_rec;
} why_list;

static cJSON *read_record(const assay_outcome_file *f, const assay_outcome *o,
                          assay_problems *problems)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = -1;
    if (fseek(f->file, o->offset, SEEK_SET) == 0)
        n = getline(&line, &cap, f->file);
    cJSON *rec = n > 0 ? cJSON_ParseWithLength(line, (size_t)n) : NULL;
    free(line);
    if (!rec)
        assay_problems_add(problems,
                           "%s:%zu: the record of %s could not be read "
                           "again; did the file change during the diff?",
                           f->path, o->line, o->id);
    return rec;
}

static const char *string_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static double number_of(const cJSON *o, const char *key, int *has)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (has)
        *has = cJSON_IsNumber(v);
    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

static void why_add(why_list *w, why_item it)
{
    w->items = grow(w->items, &w->cap, w->count + 1, sizeof *w->items);
    w->items[w->count++] = it;
}

static int same_source(const cJSON *a, const cJSON *b)
{
    return strcmp(string_of(a, "rule"), string_of(b, "rule")) == 0 &&
           strcmp(string_of(a, "plugin"), string_of(b, "plugin")) == 0;
}

static int same_number(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

/* Findings, vetoes and flags, matched by (rule, plugin) in order. */
static void compare_lists(why_list *w, const char *kind, const char *key)
{
    const cJSON *olds = cJSON_GetObjectItemCaseSensitive(w->old_rec, key);
    const cJSON *news = cJSON_GetObjectItemCaseSensitive(w->new_rec, key);
    int nn = cJSON_GetArraySize(news);
    char *used = calloc((size_t)(nn > 0 ? nn : 1), 1);
    if (!used)
        abort();
    const cJSON *o;
    cJSON_ArrayForEach(o, olds) {
        const cJSON *match = NULL;
        int k = 0;
        const cJSON *n;
        cJSON_ArrayForEach(n, news) {
            if (!used[k] && same_source(o, n)) {
                used[k] = 1;
                match = n;
                break;
            }
            k++;
        }
        why_item it = {kind, string_of(o, "rule"), string_of(o, "plugin"),
                       ITEM_REMOVED, o, match, 0, 0};
        if (match) {
            int differs =
                !same_number(number_of(o, "score", NULL),
                             number_of(match, "score", NULL)) ||
                !same_number(number_of(o, "weight", NULL),
                             number_of(match, "weight", NULL)) ||
                strcmp(string_of(o, "error"), string_of(match, "error")) != 0;
            if (!differs)
                continue;
            it.change = ITEM_CHANGED;
        }
        why_add(w, it);
    }
    int k = 0;
    const cJSON *n;
    cJSON_ArrayForEach(n, news) {
        if (!used[k++])
            why_add(w, (why_item){kind, string_of(n, "rule"),
                                  string_of(n, "plugin"), ITEM_ADDED, NULL, n,
                                  0, 0});
    }
    free(used);
}

/* Objects of name: number, such as "domains" and "weights". */
static void compare_numbers(why_list *w, const char *kind, const char *key)
{
    const cJSON *olds = cJSON_GetObjectItemCaseSensitive(w->old_rec, key);
    const cJSON *news = cJSON_GetObjectItemCaseSensitive(w->new_rec, key);
    const cJSON *o;
    cJSON_ArrayForEach(o, olds) {
        const cJSON *n = cJSON_GetObjectItemCaseSensitive(news, o->string);
        double ov = cJSON_IsNumber(o) ? o->valuedouble : NAN;
        if (!n) {
            why_add(w, (why_item){kind, o->string, NULL, ITEM_REMOVED, NULL,
                                  NULL, ov, NAN});
            continue;
        }
        double nv = cJSON_IsNumber(n) ? n->valuedouble : NAN;
        if (!same_number(ov, nv))
            why_add(w, (why_item){kind, o->string, NULL, ITEM_CHANGED, NULL,
                                  NULL, ov, nv});
    }
    const cJSON *n;
    cJSON_ArrayForEach(n, news) {
        if (!cJSON_GetObjectItemCaseSensitive(olds, n->string))
            why_add(w, (why_item){kind, n->string, NULL, ITEM_ADDED, NULL,
                                  NULL, NAN,
                                  cJSON_IsNumber(n) ? n->valuedouble : NAN});
    }
}

static int why_load(const assay_decision_diff *d, const assay_change *c,
                    why_list *w, assay_problems *problems)
{
    memset(w, 0, sizeof *w);
    if (!c->old_outcome || !c->new_outcome)
        return 0;
    w->old_rec = read_record(&d->old_file, c->old_outcome, problems);
    w->new_rec = read_record(&d->new_file, c->new_outcome, problems);
    if (!w->old_rec || !w->new_rec)
        return -1;
    compare_lists(w, "veto", "vetoes");
    compare_lists(w, "flag", "flags");
    compare_lists(w, "finding", "findings");
    compare_numbers(w, "domain", "domains");
    compare_numbers(w, "weight", "weights");
    return 0;
}

static void why_free(why_list *w)
{
    cJSON_Delete(w->old_rec);
    cJSON_Delete(w->new_rec);
    free(w->items);
}

/* ---------------------------------------------------------------------- */
/* The summary                                                            */
/* ---------------------------------------------------------------------- */

typedef struct move_count {
    const char *from, *to;
    size_t count;
} move_count;

/* Moves between decisions, in order of first appearance. */
static move_count *count_moves(const assay_decision_diff *d, size_t *count)
{
    move_count *m = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < d->change_count; i++) {
        const assay_change *c = &d->changes[i];
        if (c->kind != ASSAY_CHANGE_DECISION)
            continue;
        size_t k = 0;
        while (k < n && !(strcmp(m[k].from, c->old_outcome->decision) == 0 &&
                          strcmp(m[k].to, c->new_outcome->decision) == 0))
            k++;
        if (k == n) {
            m = grow(m, &cap, n + 1, sizeof *m);
            m[n++] = (move_count){c->old_outcome->decision,
                                  c->new_outcome->decision, 0};
        }
        m[k].count++;
    }
    *count = n;
    return m;
}

typedef struct tier_floor {
    const char *tier;
    double old_low, new_low; /* NAN: no seated score in that file */
} tier_floor;

static void floor_update(tier_floor **t, size_t *n, size_t *cap,
                         const assay_outcome *o, int is_new)
{
    if (!is_tier(o->decision) || !o->has_score)
        return;
    size_t k = 0;
    while (k < *n && strcmp((*t)[k].tier, o->decision) != 0)
        k++;
    if (k == *n) {
        *t = grow(*t, cap, *n + 1, sizeof **t);
        (*t)[(*n)++] = (tier_floor){o->decision, NAN, NAN};
    }
    double *low = is_new ? &(*t)[k].new_low : &(*t)[k].old_low;
    if (isnan(*low) || o->score < *low)
        *low = o->score;
}

/* Each tier's lowest seated score in each file, tiers in the order the old
 * file first seats them, then the new file's. */
static tier_floor *tier_floors(const assay_decision_diff *d, size_t *count)
{
    tier_floor *t = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < d->old_file.count; i++)
        floor_update(&t, &n, &cap, &d->old_file.items[i], 0);
    for (size_t i = 0; i < d->new_file.count; i++)
        floor_update(&t, &n, &cap, &d->new_file.items[i], 1);
    *count = n;
    return t;
}

/* ---------------------------------------------------------------------- */
/* Text                                                                   */
/* ---------------------------------------------------------------------- */

static void text_number(assay_buffer *out, double v)
{
    if (isnan(v))
        assay_buffer_puts(out, "none");
    else
        assay_json_score(out, v);
}

static void text_outcome(assay_buffer *out, const assay_outcome *o)
{
    assay_buffer_puts(out, o->decision);
    if (o->rank > 0)
        assay_buffer_printf(out, ", rank %ld", o->rank);
    if (o->has_score) {
        assay_buffer_puts(out, ", score ");
        assay_json_score(out, o->score);
    }
}

static void text_finding_values(assay_buffer *out, const cJSON *f)
{
    const char *error = string_of(f, "error");
    if (*error) {
        assay_buffer_printf(out, "error: %s", error);
        return;
    }
    assay_buffer_puts(out, "score ");
    text_number(out, number_of(f, "score", NULL));
    assay_buffer_puts(out, ", weight ");
    text_number(out, number_of(f, "weight", NULL));
}

static void text_item(assay_buffer *out, const why_item *it)
{
    assay_buffer_printf(out, "    %s %s", it->kind, it->name);
    if (it->plugin)
        assay_buffer_printf(out, " (%s)", it->plugin);
    assay_buffer_puts(out, ": ");
    int is_list = it->plugin != NULL;
    int is_finding = strcmp(it->kind, "finding") == 0;
    const char *label = it->change == ITEM_ADDED     ? "new"
                        : it->change == ITEM_REMOVED ? "gone"
                                                     : NULL;
    if (!is_list) {
        text_number(out, it->old_value);
        assay_buffer_puts(out, " -> ");
        text_number(out, it->new_value);
    } else if (is_finding) {
        if (label)
            assay_buffer_printf(out, "%s, ", label);
        if (it->change == ITEM_CHANGED) {
            text_finding_values(out, it->old_item);
            assay_buffer_puts(out, " -> ");
        }
        text_finding_values(out, it->change == ITEM_REMOVED ? it->old_item
                                                            : it->new_item);
        const cJSON *f = it->change == ITEM_REMOVED ? it->old_item
                                                    : it->new_item;
        if (*string_of(f, "reason"))
            assay_buffer_printf(out, " (%s)", string_of(f, "reason"));
    } else {
        const cJSON *f = it->change == ITEM_REMOVED ? it->old_item
                                                    : it->new_item;
        assay_buffer_printf(out, "%s: %s", label ? label : "changed",
                            string_of(f, "reason"));
    }
    assay_buffer_putc(out, '\n');
}

static void text_change(const assay_change *c, const why_list *w,
                        assay_buffer *out)
{
    const assay_outcome *o = c->old_outcome, *n = c->new_outcome;
    if (c->kind == ASSAY_CHANGE_ADDED) {
        assay_buffer_printf(out, "%s: added (", n->id);
        text_outcome(out, n);
        assay_buffer_puts(out, ")\n");
    } else if (c->kind == ASSAY_CHANGE_REMOVED) {
        assay_buffer_printf(out, "%s: removed (was ", o->id);
        text_outcome(out, o);
        assay_buffer_puts(out, ")\n");
    } else {
        assay_buffer_printf(out, "%s: ", n->id);
        text_outcome(out, o);
        assay_buffer_puts(out, " -> ");
        text_outcome(out, n);
        assay_buffer_putc(out, '\n');
        for (size_t i = 0; i < w->count; i++)
            text_item(out, &w->items[i]);
    }
    if (c->seat_to) {
        assay_buffer_printf(out, "    its %s seat went to %s (", o->decision,
                            c->seat_to->id);
        text_outcome(out, c->seat_to);
        assay_buffer_puts(out, ")\n");
    }
    if (c->seat_from) {
        assay_buffer_printf(out, "    took the %s seat of %s (was ",
                            n->decision, c->seat_from->id);
        text_outcome(out, c->seat_from);
        assay_buffer_puts(out, ")\n");
    }
}

static void text_summary(const assay_decision_diff *d, assay_buffer *out)
{
    assay_buffer_printf(out,
                        "%zu of %zu decisions changed; same decision, other "
                        "rank: %zu; other score only: %zu; added: %zu; "
                        "removed: %zu\n",
                        d->decisions_changed, d->compared, d->ranks_changed,
                        d->scores_changed, d->added, d->removed);
    size_t nm;
    move_count *m = count_moves(d, &nm);
    if (nm) {
        assay_buffer_puts(out, "moves (old -> new):\n");
        for (size_t i = 0; i < nm; i++)
            assay_buffer_printf(out, "  %s -> %s: %zu\n", m[i].from, m[i].to,
                                m[i].count);
    }
    free(m);
    int header = 0;
    for (size_t i = 0; i < d->change_count; i++) {
        const assay_change *c = &d->changes[i];
        if (!c->seat_to)
            continue;
        if (!header++)
            assay_buffer_puts(out, "seats that changed hands:\n");
        assay_buffer_printf(out, "  %s: %s -> %s\n",
                            c->old_outcome->decision, c->old_outcome->id,
                            c->seat_to->id);
    }
    size_t nt;
    tier_floor *t = tier_floors(d, &nt);
    header = 0;
    for (size_t i = 0; i < nt; i++) {
        if (same_number(t[i].old_low, t[i].new_low))
            continue;
        if (!header++)
            assay_buffer_puts(out, "lowest seated score:\n");
        assay_buffer_printf(out, "  %s: ", t[i].tier);
        text_number(out, t[i].old_low);
        assay_buffer_puts(out, " -> ");
        text_number(out, t[i].new_low);
        assay_buffer_putc(out, '\n');
    }
    free(t);
}

int assay_decision_diff_text(const assay_decision_diff *d, int list_ranks,
                             assay_buffer *out, assay_problems *problems)
{
    if (!assay_decision_diff_any(d))
        return 0;
    for (size_t i = 0; i < d->change_count; i++) {
        const assay_change *c = &d->changes[i];
        if (c->kind == ASSAY_CHANGE_RANK) {
            if (list_ranks)
                assay_buffer_printf(out, "%s: %s, rank %ld -> %ld\n",
                                    c->new_outcome->id,
                                    c->new_outcome->decision,
                                    c->old_outcome->rank, c->new_outcome->rank);
            continue;
        }
        why_list w;
        if (why_load(d, c, &w, problems) != 0) {
            why_free(&w);
            return -1;
        }
        text_change(c, &w, out);
        why_free(&w);
    }
    text_summary(d, out);
    return 0;
}

/* ---------------------------------------------------------------------- */
/* JSON Lines                                                             */
/* ---------------------------------------------------------------------- */

static void json_number(assay_buffer *out, double v)
{
    assay_json_score(out, v); /* NAN prints as null */
}

static void json_outcome(assay_buffer *out, const char *key,
                         const assay_outcome *o)
{
    assay_json_key(out, key, 0);
    if (!o) {
        assay_buffer_puts(out, "null");
        return;
    }
    assay_buffer_putc(out, '{');
    assay_json_key(out, "decision", 1);
    assay_json_string(out, o->decision);
    assay_json_key(out, "rank", 0);
    if (o->rank > 0)
        assay_buffer_printf(out, "%ld", o->rank);
    else
        assay_buffer_puts(out, "null");
    assay_json_key(out, "score", 0);
    json_number(out, o->has_score ? o->score : NAN);
    assay_buffer_putc(out, '}');
}

static void json_values(assay_buffer *out, const char *key, const cJSON *f)
{
    assay_json_key(out, key, 0);
    if (!f) {
        assay_buffer_puts(out, "null");
        return;
    }
    assay_buffer_putc(out, '{');
    int first = 1;
    if (cJSON_GetObjectItemCaseSensitive(f, "score")) {
        assay_json_key(out, "score", 1);
        json_number(out, number_of(f, "score", NULL));
        assay_json_key(out, "weight", 0);
        json_number(out, number_of(f, "weight", NULL));
        first = 0;
    }
    const char *names[] = {"error", "reason"};
    for (size_t i = 0; i < 2; i++)
        if (*string_of(f, names[i])) {
            assay_json_key(out, names[i], first);
            assay_json_string(out, string_of(f, names[i]));
            first = 0;
        }
    assay_buffer_putc(out, '}');
}

static void json_items(assay_buffer *out, const why_list *w, const char *kind,
                       const char *key)
{
    assay_json_key(out, key, 0);
    assay_buffer_putc(out, '[');
    int first = 1;
    static const char *const changes[] = {"added", "removed", "changed"};
    for (size_t i = 0; i < w->count; i++) {
        const why_item *it = &w->items[i];
        if (strcmp(it->kind, kind) != 0)
            continue;
        if (!first)
            assay_buffer_putc(out, ',');
        first = 0;
        assay_buffer_putc(out, '{');
        assay_json_key(out, it->plugin ? "rule" : "domain", 1);
        assay_json_string(out, it->name);
        if (it->plugin) {
            assay_json_key(out, "plugin", 0);
            assay_json_string(out, it->plugin);
        }
        assay_json_key(out, "change", 0);
        assay_json_string(out, changes[it->change]);
        if (it->plugin) {
            json_values(out, "old", it->change == ITEM_ADDED ? NULL : it->old_item);
            json_values(out, "new", it->change == ITEM_REMOVED ? NULL : it->new_item);
        } else {
            assay_json_key(out, "old", 0);
            json_number(out, it->old_value);
            assay_json_key(out, "new", 0);
            json_number(out, it->new_value);
        }
        assay_buffer_putc(out, '}');
    }
    assay_buffer_putc(out, ']');
}

static void json_summary(const assay_decision_diff *d, assay_buffer *out)
{
    assay_buffer_puts(out, "{\"summary\":{");
    assay_json_key(out, "compared", 1);
    assay_json_uint(out, d->compared);
    assay_json_key(out, "decisions_changed", 0);
    assay_json_uint(out, d->decisions_changed);
    assay_json_key(out, "ranks_changed", 0);
    assay_json_uint(out, d->ranks_changed);
    assay_json_key(out, "scores_changed", 0);
    assay_json_uint(out, d->scores_changed);
    assay_json_key(out, "added", 0);
    assay_json_uint(out, d->added);
    assay_json_key(out, "removed", 0);
    assay_json_uint(out, d->removed);
    size_t nm;
    move_count *m = count_moves(d, &nm);
    assay_json_key(out, "moves", 0);
    assay_buffer_putc(out, '[');
    for (size_t i = 0; i < nm; i++) {
        assay_buffer_puts(out, i ? ",{" : "{");
        assay_json_key(out, "from", 1);
        assay_json_string(out, m[i].from);
        assay_json_key(out, "to", 0);
        assay_json_string(out, m[i].to);
        assay_json_key(out, "count", 0);
        assay_json_uint(out, m[i].count);
        assay_buffer_putc(out, '}');
    }
    assay_buffer_putc(out, ']');
    free(m);
    assay_json_key(out, "seats", 0);
    assay_buffer_putc(out, '[');
    int first = 1;
    for (size_t i = 0; i < d->change_count; i++) {
        const assay_change *c = &d->changes[i];
        if (!c->seat_to)
            continue;
        assay_buffer_puts(out, first ? "{" : ",{");
        first = 0;
        assay_json_key(out, "tier", 1);
        assay_json_string(out, c->old_outcome->decision);
        assay_json_key(out, "from", 0);
        assay_json_string(out, c->old_outcome->id);
        assay_json_key(out, "to", 0);
        assay_json_string(out, c->seat_to->id);
        assay_buffer_putc(out, '}');
    }
    assay_buffer_putc(out, ']');
    size_t nt;
    tier_floor *t = tier_floors(d, &nt);
    assay_json_key(out, "lowest_seated", 0);
    assay_buffer_putc(out, '[');
    for (size_t i = 0; i < nt; i++) {
        assay_buffer_puts(out, i ? ",{" : "{");
        assay_json_key(out, "tier", 1);
        assay_json_string(out, t[i].tier);
        assay_json_key(out, "old", 0);
        json_number(out, t[i].old_low);
        assay_json_key(out, "new", 0);
        json_number(out, t[i].new_low);
        assay_buffer_putc(out, '}');
    }
    assay_buffer_puts(out, "]}}\n");
    free(t);
}

int assay_decision_diff_json(const assay_decision_diff *d, assay_buffer *out,
                             assay_problems *problems)
{
    if (!assay_decision_diff_any(d))
        return 0;
    static const char *const kinds[] = {"decision", "rank", "added",
                                        "removed"};
    for (size_t i = 0; i < d->change_count; i++) {
        const assay_change *c = &d->changes[i];
        why_list w;
        if (why_load(d, c, &w, problems) != 0) {
            why_free(&w);
            return -1;
        }
        const assay_outcome *any = c->new_outcome ? c->new_outcome
                                                  : c->old_outcome;
        assay_buffer_putc(out, '{');
        assay_json_key(out, "id", 1);
        assay_json_string(out, any->id);
        assay_json_key(out, "change", 0);
        assay_json_string(out, kinds[c->kind]);
        json_outcome(out, "old", c->old_outcome);
        json_outcome(out, "new", c->new_outcome);
        json_items(out, &w, "finding", "findings");
        json_items(out, &w, "veto", "vetoes");
        json_items(out, &w, "flag", "flags");
        json_items(out, &w, "domain", "domains");
        json_items(out, &w, "weight", "weights");
        assay_json_key(out, "seat_to", 0);
        assay_json_string(out, c->seat_to ? c->seat_to->id : NULL);
        assay_json_key(out, "seat_from", 0);
        assay_json_string(out, c->seat_from ? c->seat_from->id : NULL);
        assay_buffer_puts(out, "}\n");
        why_free(&w);
    }
    json_summary(d, out);
    return 0;
}
