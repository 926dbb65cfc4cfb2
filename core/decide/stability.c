#include "decide/stability.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t assay_stability_criteria(const assay_policy *p, size_t *criteria)
{
    size_t k = 0;
    for (size_t d = 0; d < p->domain_count; d++)
        if (p->domains[d].weight > 0)
            criteria[k++] = d;
    return k;
}

uint32_t assay_stability_outcome(const assay_policy *p,
                                 const assay_candidate *c)
{
    uint32_t t = (uint32_t)p->tier_count;
    switch ((assay_outcome)c->outcome) {
    case ASSAY_OUTCOME_TIER: return (uint32_t)c->tier;
    case ASSAY_OUTCOME_WAITLIST: return t;
    case ASSAY_OUTCOME_REVIEW: return t + 1;
    case ASSAY_OUTCOME_REJECT: break;
    }
    return t + 2;
}

const char *assay_stability_outcome_name(const assay_policy *p, uint32_t o)
{
    static const char *const actions[] = {"waitlist", "review", "reject"};
    if (o < p->tier_count)
        return p->tiers[o].name;
    o -= (uint32_t)p->tier_count;
    return o < 3 ? actions[o] : "?";
}

typedef struct model {
    const assay_stability_input *in;
    const size_t *criteria;
    size_t k;
} model;

/* One thread's copies: a policy whose weights it may set, the candidates
 * to allocate and the scores. */
typedef struct scratch {
    assay_policy policy;
    assay_policy_domain *domains;
    assay_candidate *cands;
    double *score;
    unsigned char *has;
    char **errors;
    assay_tier_fill *fill;
} scratch;

static void scratch_free(void *p)
{
    scratch *s = p;
    if (!s)
        return;
    free(s->domains);
    free(s->cands);
    free(s->score);
    free(s->has);
    free(s->errors);
    free(s->fill);
    free(s);
}

static void *scratch_new(void *shared)
{
    const model *m = shared;
    const assay_policy *p = m->in->policy;
    size_t n = m->in->n ? m->in->n : 1;
    scratch *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->policy = *p;
    s->domains = malloc((p->domain_count ? p->domain_count : 1) *
                        sizeof *s->domains);
    s->cands = malloc(n * sizeof *s->cands);
    s->score = malloc(n * sizeof *s->score);
    s->has = malloc(n);
    s->errors = calloc(n, sizeof *s->errors);
    s->fill = calloc(p->tier_count ? p->tier_count : 1, sizeof *s->fill);
    if (!s->domains || !s->cands || !s->score || !s->has || !s->errors ||
        !s->fill) {
        scratch_free(s);
        return NULL;
    }
    memcpy(s->domains, p->domains, p->domain_count * sizeof *s->domains);
    s->policy.domains = s->domains;
    return s;
}

/* Scores and allocates under the weights in s->policy. */
static int decide_all(const model *m, scratch *s, uint32_t *outcome_of)
{
    const assay_stability_input *in = m->in;
    assay_strategy_scores(&s->policy, in->scores, in->n, s->score, s->has,
                          s->errors);
    int failed = 0;
    for (size_t i = 0; i < in->n; i++)
        if (s->errors[i]) {
            free(s->errors[i]);
            s->errors[i] = NULL;
            failed = 1;
        }
    if (failed)
        return -1;
    memcpy(s->cands, in->candidates, in->n * sizeof *s->cands);
    for (size_t i = 0; i < in->n; i++) {
        s->cands[i].score = s->score[i];
        s->cands[i].scored = s->has[i];
    }
    memset(s->fill, 0, s->policy.tier_count * sizeof *s->fill);
    assay_allocate(&s->policy, s->cands, in->n, s->fill);
    for (size_t i = 0; i < in->n; i++)
        outcome_of[i] = assay_stability_outcome(&s->policy, &s->cands[i]);
    return 0;
}

static int outcome(void *shared, void *p, const double *w,
                   uint32_t *outcome_of)
{
    const model *m = shared;
    scratch *s = p;
    for (size_t j = 0; j < m->k; j++)
        s->domains[m->criteria[j]].weight = w[j];
    return decide_all(m, s, outcome_of);
}

int assay_stability_decide(const assay_stability_input *in,
                           uint32_t *outcome_of, char *err, size_t err_size)
{
    model m = {in, NULL, 0};
    scratch *s = scratch_new(&m);
    if (!s) {
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    int bad = decide_all(&m, s, outcome_of);
    scratch_free(s);
    if (bad)
        snprintf(err, err_size, "the policy's Lua strategy failed on a "
                                "record; run assay decide to see which");
    return bad ? -1 : 0;
}

int assay_stability_run(const assay_stability_input *in,
                        const assay_smaa_space *space, size_t samples,
                        uint64_t seed, unsigned threads, uint32_t *current,
                        assay_smaa_result *out, char *err, size_t err_size)
{
    const assay_policy *p = in->policy;
    size_t *criteria = malloc((p->domain_count ? p->domain_count : 1) *
                              sizeof *criteria);
    if (!criteria) {
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    model m = {in, criteria, assay_stability_criteria(p, criteria)};
    int rc = -1;
    if (m.k != space->k) {
        snprintf(err, err_size, "%zu weights given for %zu weighted domains",
                 space->k, m.k);
        goto done;
    }
    /* Today's decision, under the policy's own weights. */
    if (assay_stability_decide(in, current, err, err_size) != 0)
        goto done;
    if (p->strategy == ASSAY_STRATEGY_LUA)
        threads = 1; /* one Lua state */
    assay_smaa_model sm = {in->n, p->tier_count + 3, &m, scratch_new,
                           scratch_free, outcome};
    rc = assay_smaa_run(space, &sm, samples, seed, threads, out, err,
                        err_size);
done:
    free(criteria);
    return rc;
}
