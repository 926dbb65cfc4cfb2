#include "decide/strategy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buffer.h"
#include "engine/plugin_set.h"
#include "engine/result.h"
#include "decide/topsis.h"

int assay_strategy_counted(const assay_policy *p, const assay_domain_scores *s,
                           unsigned char counted[ASSAY_DOMAIN_COUNT],
                           double value[ASSAY_DOMAIN_COUNT])
{
    int n = 0, evidence = 0;
    for (int d = 0; d < ASSAY_DOMAIN_COUNT; d++) {
        int scored = (s->scored >> d) & 1, claimed = (s->claimed >> d) & 1;
        int relevant = claimed || d == ASSAY_DOMAIN_BUSINESS ||
                       s->claimed == 0 || p->include_unclaimed;
        counted[d] = 0;
        value[d] = 0;
        if (!(p->weight[d] > 0))
            continue;
        if (scored && relevant) {
            counted[d] = 1;
            value[d] = s->score[d];
            evidence = 1;
        } else if (!scored && claimed && p->missing_as_zero) {
            counted[d] = 1;
        }
        n += counted[d];
    }
    return evidence ? n : 0;
}

/* weighted_mean, min, max or the Lua function for one record. */
static void one_score(assay_policy *p, const assay_domain_scores *s,
                      double *score, unsigned char *has, char **error)
{
    unsigned char counted[ASSAY_DOMAIN_COUNT];
    double value[ASSAY_DOMAIN_COUNT];
    *has = assay_strategy_counted(p, s, counted, value) > 0;
    *score = 0;
    if (!*has)
        return;
    double sum = 0, weight = 0, lo = 1, hi = 0;
    for (int d = 0; d < ASSAY_DOMAIN_COUNT; d++) {
        if (!counted[d])
            continue;
        sum += p->weight[d] * value[d];
        weight += p->weight[d];
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
    int crit[ASSAY_DOMAIN_COUNT], m = 0;
    double weight[ASSAY_DOMAIN_COUNT];
    unsigned char cost[ASSAY_DOMAIN_COUNT];
    for (int d = 0; d < ASSAY_DOMAIN_COUNT; d++)
        if (p->weight[d] > 0) {
            crit[m] = d;
            weight[m] = p->weight[d];
            cost[m++] = p->cost[d];
        }
    /* Rows for the records that have a score; counted marks present
     * values, the rest take the column's worst. */
    size_t rows = 0;
    size_t cells = (n ? n : 1) * (size_t)(m ? m : 1);
    double *matrix = calloc(cells, sizeof *matrix);
    unsigned char *present = calloc(cells, 1);
    double worst[ASSAY_DOMAIN_COUNT];
    unsigned char seen[ASSAY_DOMAIN_COUNT] = {0};
    if (!matrix || !present)
        abort();
    for (size_t i = 0; i < n; i++) {
        unsigned char counted[ASSAY_DOMAIN_COUNT];
        double value[ASSAY_DOMAIN_COUNT];
        has[i] = assay_strategy_counted(p, &s[i], counted, value) > 0;
        score[i] = 0;
        if (!has[i])
            continue;
        for (int j = 0; j < m; j++) {
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
    for (size_t r = 0; r < rows; r++)
        for (int j = 0; j < m; j++)
            if (!present[r * m + j])
                matrix[r * m + j] = seen[j] ? worst[j] : 0;
    double *closeness = malloc((rows ? rows : 1) * sizeof *closeness);
    if (!closeness)
        abort();
    assay_topsis(matrix, rows, (size_t)m, weight, cost, closeness);
    size_t r = 0;
    for (size_t i = 0; i < n; i++)
        if (has[i])
            score[i] = assay_round_score(closeness[r++]);
    free(closeness);
    free(present);
    free(matrix);
}

void assay_strategy_scores(assay_policy *p, const assay_domain_scores *s,
                           size_t n, double *score, unsigned char *has,
                           char **errors)
{
    if (p->strategy == ASSAY_STRATEGY_TOPSIS) {
        topsis_scores(p, s, n, score, has);
        return;
    }
    for (size_t i = 0; i < n; i++)
        one_score(p, &s[i], &score[i], &has[i], &errors[i]);
}

int assay_strategy_score_result(assay_policy *p, const assay_result *r,
                                double *score)
{
    assay_domain_scores s = {{0}, 0, r->claimed};
    for (int d = 0; d < ASSAY_DOMAIN_COUNT; d++)
        if (r->domain_scored[d]) {
            s.score[d] = r->domain_score[d];
            s.scored |= (unsigned char)(1u << d);
        }
    unsigned char has;
    char *error = NULL;
    assay_strategy_scores(p, &s, 1, score, &has, &error);
    int failed = error != NULL;
    free(error);
    return has && !failed;
}
