#include "decide/calibrate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>

#include "decide/stability.h"
#include "decide/strategy.h"
#include "util/buffer.h"

static void *zalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        abort();
    return p;
}

/* ---- matching decisions to records ----------------------------------- */

typedef struct by_id {
    const char *id;
    size_t record;
} by_id;

static int compare_id(const void *pa, const void *pb)
{
    const by_id *a = pa, *b = pb;
    int c = strcmp(a->id, b->id);
    if (c)
        return c;
    return a->record < b->record ? -1 : a->record > b->record;
}

static int compare_key(const void *key, const void *element)
{
    return strcmp(key, ((const by_id *)element)->id);
}

/* The outcome named name, or -1. */
static long outcome_named(const assay_policy *p, const char *name)
{
    for (uint32_t o = 0; o < p->tier_count + 3; o++)
        if (strcmp(assay_stability_outcome_name(p, o), name) == 0)
            return o;
    return -1;
}

static void outcome_list(const assay_policy *p, assay_buffer *b)
{
    for (uint32_t o = 0; o < p->tier_count + 3; o++) {
        if (o)
            assay_buffer_puts(b, ", ");
        assay_buffer_puts(b, assay_stability_outcome_name(p, o));
    }
}

static void match(const assay_policy *p, const assay_scored_set *set,
                  const assay_past_decisions *d, const char *name,
                  assay_calibration *c)
{
    by_id *ids = zalloc(set->count, sizeof *ids);
    for (size_t i = 0; i < set->count; i++)
        ids[i] = (by_id){set->cands[i].id, i};
    qsort(ids, set->count, sizeof *ids, compare_id);
    size_t *decision_of = zalloc(set->count, sizeof *decision_of);
    for (size_t i = 0; i < set->count; i++)
        decision_of[i] = SIZE_MAX;
    for (size_t k = 0; k < d->count; k++) {
        const assay_past_decision *pd = &d->items[k];
        by_id *hit = bsearch(pd->id, ids, set->count, sizeof *ids, compare_key);
        long o = outcome_named(p, pd->decision);
        if (!hit) {
            fprintf(stderr, "assay: %s:%zu: id \"%s\" is not among the "
                            "scored records (or its record is an error "
                            "record); the line is left out\n",
                    name, pd->line, pd->id);
            c->left_out++;
            continue;
        }
        while (hit > ids && strcmp(hit[-1].id, pd->id) == 0)
            hit--;
        if (hit + 1 < ids + set->count && strcmp(hit[1].id, pd->id) == 0) {
            const assay_candidate *a = &set->cands[hit[0].record];
            const assay_candidate *b = &set->cands[hit[1].record];
            fprintf(stderr, "assay: %s:%zu: id \"%s\" is on more than one "
                            "scored record (part %llu line %llu and part "
                            "%llu line %llu); the line is left out\n",
                    name, pd->line, pd->id, (unsigned long long)a->part,
                    (unsigned long long)a->line, (unsigned long long)b->part,
                    (unsigned long long)b->line);
            c->left_out++;
            continue;
        }
        if (o < 0) {
            assay_buffer b;
            assay_buffer_init(&b);
            outcome_list(p, &b);
            fprintf(stderr, "assay: %s:%zu: decision \"%s\" is not one of "
                            "the policy's outcomes (%s); the line is left "
                            "out\n",
                    name, pd->line, pd->decision, assay_buffer_cstr(&b));
            assay_buffer_free(&b);
            c->left_out++;
            continue;
        }
        decision_of[hit->record] = k;
    }
    c->items = zalloc(set->count, sizeof *c->items);
    for (size_t i = 0; i < set->count; i++) {
        if (decision_of[i] == SIZE_MAX) {
            c->undecided++;
            continue;
        }
        const assay_past_decision *pd = &d->items[decision_of[i]];
        c->items[c->count++] = (assay_calibrated){
            .record = i, .line = pd->line,
            .committee = (uint32_t)outcome_named(p, pd->decision)};
    }
    free(decision_of);
    free(ids);
}

/* ---- deciding under a set of weights --------------------------------- */

/* Fills before or after (which: 0, 1) of every item: the outcome and the
 * overall score under p's weights now. */
static int decide_under(assay_policy *p, const assay_scored_set *set,
                        assay_calibration *c, int which, char *err,
                        size_t err_size)
{
    size_t n = set->count;
    uint32_t *outcome = zalloc(n, sizeof *outcome);
    double *score = zalloc(n, sizeof *score);
    unsigned char *has = zalloc(n, 1);
    char **errors = zalloc(n, sizeof *errors);
    assay_stability_input in = {p, set->scores, set->cands, n};
    int rc = assay_stability_decide(&in, outcome, err, err_size);
    assay_strategy_scores(p, set->scores, n, score, has, errors);
    for (size_t i = 0; i < c->count; i++) {
        assay_calibrated *it = &c->items[i];
        double s = has[it->record] ? score[it->record] : NAN;
        if (which) {
            it->after = outcome[it->record];
            it->score_after = s;
        } else {
            it->before = outcome[it->record];
            it->score_before = s;
        }
    }
    for (size_t i = 0; i < n; i++)
        free(errors[i]);
    free(errors);
    free(has);
    free(score);
    free(outcome);
    return rc;
}

/* Spearman's rho of the committee's order against the scores over the
 * fitted records (GSL ranks ties by their mean rank). */
static double spearman(const assay_calibration *c, int which, size_t *used)
{
    double *order = zalloc(c->count, sizeof *order);
    double *score = zalloc(c->count, sizeof *score);
    size_t n = 0;
    for (size_t i = 0; i < c->count; i++) {
        double s = which ? c->items[i].score_after : c->items[i].score_before;
        if (!c->items[i].fitted || isnan(s))
            continue;
        order[n] = (double)(c->outcomes - 1 - c->items[i].committee);
        score[n++] = s;
    }
    double rho = NAN;
    if (n >= 2) {
        double *work = zalloc(2 * n, sizeof *work);
        rho = gsl_stats_spearman(order, 1, score, 1, n, work);
        free(work);
    }
    *used = n;
    free(order);
    free(score);
    return isfinite(rho) ? rho : NAN;
}

/* ---- the fit --------------------------------------------------------- */

/* 1 if the weights can change whether record r gets a seat. */
static int weights_matter(const assay_policy *p, const assay_candidate *cand,
                          int has_score)
{
    assay_candidate c = *cand;
    c.scored = has_score != 0;
    assay_cause cause;
    assay_action a = assay_allocation_action(p, &c, &cause);
    return has_score && (a == ASSAY_ACTION_NONE || a == ASSAY_ACTION_LOWER) &&
           c.request_count > 0; /* each is one some tier requires */
}

static int fit(assay_policy *p, const assay_scored_set *set,
               const assay_calibrate_options *o, assay_calibration *c,
               char *err, size_t err_size)
{
    size_t k = c->k, nd = p->domain_count;
    unsigned char *counted = zalloc(nd, 1);
    double *value = zalloc(nd, sizeof *value);
    /* Which records, in the seed's order. */
    size_t *rows = zalloc(c->count, sizeof *rows);
    size_t n = 0;
    for (size_t i = 0; i < c->count; i++) {
        assay_calibrated *it = &c->items[i];
        int has = assay_strategy_counted(p, &set->scores[it->record],
                                         counted, value) > 0;
        if (!weights_matter(p, &set->cands[it->record], has))
            continue;
        it->fitted = 1;
        rows[n++] = i;
        for (size_t j = 0; j < k; j++)
            c->fitted_domain[j] |= counted[c->criteria[j]];
    }
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!rng)
        abort();
    gsl_rng_set(rng, (unsigned long)o->seed);
    if (n > 1)
        gsl_ran_shuffle(rng, rows, n, sizeof *rows);
    gsl_rng_free(rng);
    size_t kf = 0;
    size_t *column = zalloc(k, sizeof *column);
    for (size_t j = 0; j < k; j++)
        if (c->fitted_domain[j])
            column[kf++] = j;
    double *x = zalloc(n * kf, sizeof *x);
    unsigned char *cnt = zalloc(n * kf, 1), *seated = zalloc(n, 1);
    for (size_t r = 0; r < n; r++) {
        const assay_calibrated *it = &c->items[rows[r]];
        assay_strategy_counted(p, &set->scores[it->record], counted, value);
        for (size_t jj = 0; jj < kf; jj++) {
            size_t d = c->criteria[column[jj]];
            cnt[r * kf + jj] = counted[d];
            x[r * kf + jj] = counted[d] ? value[d] : 0;
        }
        seated[r] = it->committee < p->tier_count;
        c->seated += seated[r];
    }
    c->fitted = n;
    assay_fit_data data = {n, kf, x, cnt, seated};
    int rc = assay_fit_weights(&data, o->lambda, o->folds, &c->fit, err,
                               err_size);
    if (rc == 0) {
        double total = 0;
        for (size_t jj = 0; jj < kf; jj++)
            total += c->before[column[jj]];
        for (size_t jj = 0; jj < kf; jj++)
            c->after[column[jj]] =
                round(c->fit.weights[jj] * total * 10000) / 10000;
    }
    free(x);
    free(cnt);
    free(seated);
    free(column);
    free(rows);
    free(counted);
    free(value);
    return rc;
}

int assay_calibrate(assay_policy *p, const assay_scored_set *set,
                    const assay_past_decisions *d, const char *decisions_name,
                    const assay_calibrate_options *o, assay_calibration *out,
                    char *err, size_t err_size)
{
    memset(out, 0, sizeof *out);
    out->outcomes = p->tier_count + 3;
    out->criteria = zalloc(p->domain_count, sizeof *out->criteria);
    out->k = assay_stability_criteria(p, out->criteria);
    out->fitted_domain = zalloc(out->k, 1);
    out->before = zalloc(out->k, sizeof *out->before);
    out->after = zalloc(out->k, sizeof *out->after);
    for (size_t j = 0; j < out->k; j++)
        out->before[j] = out->after[j] = p->domains[out->criteria[j]].weight;
    if (p->strategy != ASSAY_STRATEGY_WEIGHTED_MEAN) {
        snprintf(err, err_size,
                 "%s combines domains with \"%s\"; calibrate fits the "
                 "weights of \"weighted_mean\" only",
                 p->path, assay_strategy_name(p->strategy));
        return -1;
    }
    match(p, set, d, decisions_name, out);
    if (out->count == 0) {
        snprintf(err, err_size, "no committee decision names a scored "
                                "record; nothing to fit");
        return -1;
    }
    if (decide_under(p, set, out, 0, err, err_size) != 0)
        return -1;
    if (fit(p, set, o, out, err, err_size) != 0)
        return -1;
    /* The policy again, with the fitted weights. */
    assay_policy fitted = *p;
    fitted.domains = zalloc(p->domain_count, sizeof *fitted.domains);
    memcpy(fitted.domains, p->domains, p->domain_count * sizeof *p->domains);
    for (size_t j = 0; j < out->k; j++)
        fitted.domains[out->criteria[j]].weight = out->after[j];
    int rc = decide_under(&fitted, set, out, 1, err, err_size);
    free(fitted.domains);
    if (rc != 0)
        return -1;
    out->rho_before = spearman(out, 0, &out->rho_count_before);
    out->rho_after = spearman(out, 1, &out->rho_count_after);
    return 0;
}

void assay_calibration_free(assay_calibration *c)
{
    free(c->criteria);
    free(c->fitted_domain);
    free(c->before);
    free(c->after);
    free(c->items);
    assay_fit_free(&c->fit);
    memset(c, 0, sizeof *c);
}
