#include "decide/strategy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buffer.h"
#include "engine/plugin_set.h"
#include "engine/result.h"
#include "decide/topsis.h"
#include "util/string_copy.h"

/* Bits of counted[] while it is being worked out. */
enum { SCORED = 2, CLAIMED = 4 };

int assay_strategy_counted(const assay_policy *p, const assay_domain_scores *s,
                           unsigned char *counted, double *value)
{
    size_t m = p->domain_count;
    if (m) {
        memset(counted, 0, m);
        memset(value, 0, m * sizeof *value);
    }
    for (size_t i = 0; i < s->score_count; i++) {
        counted[s->scores[i].domain] |= SCORED;
        value[s->scores[i].domain] = s->scores[i].score;
    }
    for (size_t i = 0; i < s->claimed_count; i++)
        counted[s->claimed[i]] |= CLAIMED;
    int n = 0, evidence = 0;
    for (size_t d = 0; d < m; d++) {
        int scored = (counted[d] & SCORED) != 0;
        int claimed = (counted[d] & CLAIMED) != 0;
        int relevant = claimed || p->domains[d].always ||
                       s->claimed_count == 0 || p->include_unclaimed;
        counted[d] = 0;
        if (!(p->domains[d].weight > 0)) {
            value[d] = 0;
            continue;
        }
        if (scored && relevant) {
            counted[d] = 1;
            evidence = 1;
        } else if (!scored && claimed && p->missing_as_zero) {
            counted[d] = 1;
        } else {
            value[d] = 0;
        }
        n += counted[d];
    }
    return evidence ? n : 0;
}

/* Scratch arrays of p->domain_count entries for one record. */
typedef struct scratch {
    unsigned char *counted;
    double *value;
} scratch;

static scratch scratch_new(const assay_policy *p)
{
    size_t m = p->domain_count ? p->domain_count : 1;
    scratch t = {calloc(m, 1), calloc(m, sizeof(double))};
    if (!t.counted || !t.value)
        abort();
    return t;
}

static void scratch_free(scratch *t)
{
    free(t->counted);
    free(t->value);
}

/* weighted_mean, min, max or the Lua function for one record. */
static void one_score(assay_policy *p, const assay_domain_scores *s,
                      scratch *t, double *score, unsigned char *has,
                      char **error)
{
    unsigned char *counted = t->counted;
    double *value = t->value;
    *has = assay_strategy_counted(p, s, counted, value) > 0;
    *score = 0;
    if (!*has)
        return;
    double sum = 0, weight = 0, lo = 1, hi = 0;
    for (size_t d = 0; d < p->domain_count; d++) {
        if (!counted[d])
            continue;
        sum += p->domains[d].weight * value[d];
        weight += p->domains[d].weight;
        lo = value[d] < lo ? value[d] : lo;
        hi = value[d] > hi ? value[d] : hi;
    }
    switch (p->strategy) {
    case ASSAY_STRATEGY_MIN:
        *score = lo;
        break;
    case ASSAY_STRATEGY_MAX:
        *score = hi;
        break;
    case ASSAY_STRATEGY_LUA: {
        char err[512];
        int present = 0;
        if (assay_policy_call_combine(p, value, counted, score, &present, err,
                                      sizeof err)) {
            char msg[600];
            snprintf(msg, sizeof msg,
                     "the policy's strategy function failed: %s", err);
            *has = 0;
            *error = assay_strdup(msg);
            return;
        }
        *has = (unsigned char)present;
        break;
    }
    default:
        *score = sum / weight;
    }
    *score = assay_round_score(*score);
}

static void topsis_scores(const assay_policy *p, const assay_domain_scores *s,
                          size_t n, double *score, unsigned char *has)
{
    size_t slots = p->domain_count ? p->domain_count : 1;
    size_t *crit = calloc(slots, sizeof *crit);
    double *weight = calloc(slots, sizeof *weight);
    unsigned char *cost = calloc(slots, 1);
    double *worst = calloc(slots, sizeof *worst);
    unsigned char *seen = calloc(slots, 1);
    if (!crit || !weight || !cost || !worst || !seen)
        abort();
    size_t m = 0;
    for (size_t d = 0; d < p->domain_count; d++)
        if (p->domains[d].weight > 0) {
            crit[m] = d;
            weight[m] = p->domains[d].weight;
            cost[m++] = p->domains[d].cost;
        }
    /* Rows for the records that have a score; counted marks present
     * values, the rest take the column's worst. */
    size_t rows = 0;
    size_t cells = (n ? n : 1) * (size_t)(m ? m : 1);
    double *matrix = calloc(cells, sizeof *matrix);
    unsigned char *present = calloc(cells, 1);
    if (!matrix || !present)
        abort();
    scratch t = scratch_new(p);
    unsigned char *counted = t.counted;
    double *value = t.value;
    for (size_t i = 0; i < n; i++) {
        has[i] = assay_strategy_counted(p, &s[i], counted, value) > 0;
        score[i] = 0;
        if (!has[i])
            continue;
        for (size_t j = 0; j < m; j++) {
            double v = value[crit[j]];
            present[rows * m + j] = counted[crit[j]];
            matrix[rows * m + j] = v;
            if (!counted[crit[j]])
                continue;
            if (!seen[j] || (cost[j] ? v > worst[j] : v < worst[j]))
                worst[j] = v;
            seen[j] = 1;
        }
        rows++;
    }
    scratch_free(&t);
    for (size_t r = 0; r < rows; r++)
        for (size_t j = 0; j < m; j++)
            if (!present[r * m + j])
                matrix[r * m + j] = seen[j] ? worst[j] : 0;
    double *closeness = malloc((rows ? rows : 1) * sizeof *closeness);
    if (!closeness)
        abort();
    assay_topsis(matrix, rows, m, weight, cost, closeness);
    size_t r = 0;
    for (size_t i = 0; i < n; i++)
        if (has[i])
            score[i] = assay_round_score(closeness[r++]);
    free(closeness);
    free(present);
    free(matrix);
    free(crit);
    free(weight);
    free(cost);
    free(worst);
    free(seen);
}

void assay_strategy_scores(assay_policy *p, const assay_domain_scores *s,
                           size_t n, double *score, unsigned char *has,
                           char **errors)
{
    if (p->strategy == ASSAY_STRATEGY_TOPSIS) {
        topsis_scores(p, s, n, score, has);
        return;
    }
    scratch t = scratch_new(p);
    for (size_t i = 0; i < n; i++)
        one_score(p, &s[i], &t, &score[i], &has[i], &errors[i]);
    scratch_free(&t);
}

int assay_strategy_score_result(assay_policy *p, const assay_result *r,
                                double *score)
{
    size_t n = r->domain_count ? r->domain_count : 1;
    assay_domain_score *scores = calloc(n, sizeof *scores);
    uint32_t *claimed = calloc(n, sizeof *claimed);
    if (!scores || !claimed)
        abort();
    assay_domain_scores s = {scores, claimed, 0, 0};
    int known = 1;
    for (size_t d = 0; d < r->domain_count; d++) {
        if (!r->domain_scored[d] && !r->claimed[d])
            continue;
        int i = assay_policy_domain_index(p, r->domains->items[d].name);
        if (i < 0) {
            known = 0;
            continue;
        }
        if (r->domain_scored[d])
            scores[s.score_count++] =
                (assay_domain_score){(uint32_t)i, r->domain_score[d]};
        if (r->claimed[d])
            claimed[s.claimed_count++] = (uint32_t)i;
    }
    unsigned char has = 0;
    char *error = NULL;
    if (known)
        assay_strategy_scores(p, &s, 1, score, &has, &error);
    int failed = error != NULL;
    free(error);
    free(scores);
    free(claimed);
    return known && has && !failed;
}
