#include "decide/overrides.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/near_miss.h"
#include "util/string_map.h"

enum { C_ID, C_DECISION, C_REASON, C_WHO, C_WHEN };
static const char *const columns[] = {"id", "decision", "reason", "who",
                                      "when"};

/* The outcome and tier a decision name means; 0, or -1 when unknown. */
static int decision_of(const assay_policy *p, const char *name,
                       unsigned char *outcome, int16_t *tier)
{
    static const char *const other[] = {"waitlist", "review", "reject"};
    *tier = -1;
    for (size_t t = 0; t < p->tier_count; t++)
        if (strcmp(p->tiers[t].name, name) == 0) {
            *outcome = ASSAY_OUTCOME_TIER;
            *tier = (int16_t)t;
            return 0;
        }
    for (int i = 0; i < 3; i++)
        if (strcmp(other[i], name) == 0) {
            *outcome = (unsigned char)(ASSAY_OUTCOME_WAITLIST + i);
            return 0;
        }
    return -1;
}

assay_overrides *assay_overrides_read(const assay_policy *p, const char *path)
{
    assay_overrides *o = calloc(1, sizeof *o);
    if (!o)
        abort();
    int failed =
        assay_committee_file_read(&o->file, path, "overrides", columns, 5, 5);
    o->items = calloc(o->file.count ? o->file.count : 1, sizeof *o->items);
    if (!o->items)
        abort();
    const char **names = calloc(p->tier_count + 3, sizeof *names);
    if (!names)
        abort();
    for (size_t t = 0; t < p->tier_count; t++)
        names[t] = p->tiers[t].name;
    names[p->tier_count] = "waitlist";
    names[p->tier_count + 1] = "review";
    names[p->tier_count + 2] = "reject";
    assay_string_map seen;
    assay_string_map_init(&seen);
    for (size_t i = 0; i < o->file.count; i++) {
        char **v = o->file.rows[i].values;
        size_t line = o->file.rows[i].line;
        assay_override *x = &o->items[o->count];
        *x = (assay_override){line, v[C_ID], v[C_DECISION], v[C_REASON],
                              v[C_WHO], v[C_WHEN], 0, -1};
        if (decision_of(p, x->decision, &x->outcome, &x->tier)) {
            const char *near =
                assay_near_miss(x->decision, names, p->tier_count + 3);
            fprintf(stderr, "assay: %s:%zu: unknown decision \"%s\"",
                    path, line, x->decision);
            if (near)
                fprintf(stderr, " (did you mean \"%s\"?)", near);
            fputs("; a decision is one of:", stderr);
            for (size_t t = 0; t < p->tier_count; t++)
                fprintf(stderr, " %s,", p->tiers[t].name);
            fputs(" waitlist, review, reject\n", stderr);
            failed = 1;
            continue;
        }
        char at[32];
        snprintf(at, sizeof at, "%zu", line);
        if (!assay_string_map_put(&seen, x->id, at)) {
            const char *first;
            assay_string_map_get(&seen, x->id, &first);
            fprintf(stderr, "assay: %s:%zu: %s is already overridden at "
                            "line %s; keep one decision for it\n",
                    path, line, x->id, first);
            failed = 1;
            continue;
        }
        o->count++;
    }
    assay_string_map_free(&seen);
    free(names);
    if (failed) {
        assay_overrides_free(o);
        return NULL;
    }
    return o;
}

void assay_overrides_free(assay_overrides *o)
{
    if (!o)
        return;
    assay_committee_file_free(&o->file);
    free(o->items);
    free(o);
}

/* The lowest-ranked holder of tier t that no override placed, or -1. */
static int64_t lowest_holder(const assay_candidate *c, size_t n,
                             const unsigned char *skip,
                             const assay_override_note *notes, int t)
{
    int64_t best = -1;
    for (size_t i = 0; i < n; i++)
        if (!skip[i] && !notes[i].override &&
            c[i].outcome == ASSAY_OUTCOME_TIER && c[i].tier == t &&
            (best < 0 || c[i].rank > c[best].rank))
            best = (int64_t)i;
    return best;
}

/* The lowest seat number of tier t that no candidate holds. */
static uint32_t free_seat(const assay_candidate *c, size_t n,
                          const unsigned char *skip, int t, size_t capacity)
{
    unsigned char *held = calloc(capacity + 1, 1);
    if (!held)
        abort();
    for (size_t i = 0; i < n; i++)
        if (!skip[i] && c[i].outcome == ASSAY_OUTCOME_TIER && c[i].tier == t &&
            c[i].position <= capacity)
            held[c[i].position] = 1;
    uint32_t k = 1;
    while (k < capacity && held[k])
        k++;
    free(held);
    return k;
}

static int by_rank(const void *a, const void *b)
{
    const assay_candidate *x = *(assay_candidate *const *)a;
    const assay_candidate *y = *(assay_candidate *const *)b;
    return x->rank < y->rank ? -1 : x->rank > y->rank;
}

int assay_overrides_apply(const assay_overrides *o, const assay_policy *p,
                          assay_candidate *c, size_t n,
                          const unsigned char *skip, assay_tier_fill *fill,
                          assay_override_note *notes)
{
    memset(notes, 0, n * sizeof *notes);
    for (size_t i = 0; i < n; i++) {
        notes[i].displaced = notes[i].displacer = -1;
        notes[i].original = c[i];
    }
    assay_string_map index;
    assay_string_map_init(&index);
    for (size_t i = 0; i < n; i++) {
        char at[32];
        snprintf(at, sizeof at, "%zu", i);
        if (!skip[i])
            assay_string_map_put(&index, c[i].id, at);
    }
    int failed = 0;
    for (size_t k = 0; k < o->count; k++) {
        const assay_override *x = &o->items[k];
        const char *at;
        if (!assay_string_map_get(&index, x->id, &at)) {
            fprintf(stderr, "assay: %s:%zu: application \"%s\" is not among "
                            "the decided records; check its id\n",
                    o->file.path, x->line, x->id);
            failed = 1;
            continue;
        }
        size_t i = (size_t)strtoull(at, NULL, 10);
        assay_candidate *y = &c[i];
        notes[i].override = x;
        notes[i].noted = 1;
        if (y->outcome == ASSAY_OUTCOME_TIER && y->tier == x->tier)
            continue; /* the committee agrees */
        if (y->outcome == ASSAY_OUTCOME_TIER) {
            fill[y->tier].used--; /* its seat stays free */
            y->outcome = ASSAY_OUTCOME_REJECT; /* for now: holds no seat */
            y->tier = -1;
        }
        if (x->outcome == ASSAY_OUTCOME_TIER) {
            const assay_tier *t = &p->tiers[x->tier];
            if (fill[x->tier].used >= t->capacity) {
                int64_t d = lowest_holder(c, n, skip, notes, x->tier);
                if (d < 0) {
                    fprintf(stderr, "assay: %s:%zu: every seat of %s (%zu) "
                                    "is already given by an override; "
                                    "override one of them out first\n",
                            o->file.path, x->line, t->name, t->capacity);
                    failed = 1;
                    continue;
                }
                y->position = c[d].position;
                c[d].outcome = ASSAY_OUTCOME_WAITLIST;
                c[d].tier = -1;
                notes[d].displaced_by = x;
                notes[d].displacer = (int64_t)i;
                notes[d].noted = 1;
                notes[i].displaced = d;
            } else {
                y->position = free_seat(c, n, skip, x->tier, t->capacity);
                fill[x->tier].used++;
            }
        }
        y->outcome = x->outcome;
        y->tier = x->tier;
    }
    assay_string_map_free(&index);
    /* The waitlist in rank order again. */
    assay_candidate **waiting = malloc((n ? n : 1) * sizeof *waiting);
    if (!waiting)
        abort();
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        if (!skip[i] && c[i].outcome == ASSAY_OUTCOME_WAITLIST)
            waiting[w++] = &c[i];
    if (w)
        qsort(waiting, w, sizeof *waiting, by_rank);
    for (size_t i = 0; i < w; i++)
        waiting[i]->position = (uint32_t)(i + 1);
    for (size_t i = 0; i < n; i++)
        if (!skip[i] && c[i].outcome != ASSAY_OUTCOME_WAITLIST &&
            c[i].outcome != ASSAY_OUTCOME_TIER)
            c[i].position = 0;
    free(waiting);
    return failed;
}
