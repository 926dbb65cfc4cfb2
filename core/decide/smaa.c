#include "decide/smaa.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Draws that may be rejected for one accepted sample before the space is
 * declared too small to sample. */
#define MAX_TRIES_PER_SAMPLE 100000u

size_t assay_smaa_samples_for(double error)
{
    if (!(error > 0) || error >= 1)
        return 0;
    double n = ceil(0.9604 / (error * error) - 1e-9);
    return n < 1 ? 1 : (size_t)n;
}

double assay_smaa_error_of(size_t samples)
{
    return samples ? 1.96 * 0.5 / sqrt((double)samples) : 1;
}

static double lower_of(const assay_smaa_space *s, size_t i)
{
    return s->lower ? s->lower[i] : 0;
}

static double upper_of(const assay_smaa_space *s, size_t i)
{
    return s->upper ? s->upper[i] : 1;
}

static int is_fixed(const assay_smaa_space *s, size_t i)
{
    return s->fixed && s->fixed[i];
}

int assay_smaa_space_check(const assay_smaa_space *s, char *err,
                           size_t err_size)
{
    if (s->k == 0) {
        snprintf(err, err_size, "no weights to sample");
        return -1;
    }
    double fixed_sum = 0, free_low = 0, free_high = 0;
    size_t free_count = 0;
    for (size_t i = 0; i < s->k; i++) {
        double lo = lower_of(s, i), hi = upper_of(s, i);
        if (!(lo >= 0 && hi <= 1 && lo <= hi)) {
            snprintf(err, err_size,
                     "weight %zu: bounds [%g, %g] are not within [0, 1] "
                     "with lower <= upper",
                     i + 1, lo, hi);
            return -1;
        }
        if (is_fixed(s, i)) {
            if (!s->lower) {
                snprintf(err, err_size, "a fixed weight needs its value");
                return -1;
            }
            fixed_sum += lo;
        } else {
            free_count++;
            free_low += lo;
            free_high += hi;
        }
    }
    if (fixed_sum > 1 + 1e-12) {
        snprintf(err, err_size, "the fixed weights sum to %g, more than 1",
                 fixed_sum);
        return -1;
    }
    double rest = 1 - fixed_sum;
    if (free_count == 0 && fabs(rest) > 1e-9) {
        snprintf(err, err_size,
                 "every weight is fixed and they sum to %g, not 1", fixed_sum);
        return -1;
    }
    if (free_count > 0 && (free_low > rest + 1e-12 || free_high < rest - 1e-12)) {
        snprintf(err, err_size,
                 "the free weights' bounds (lower bounds summing to %g, "
                 "upper to %g) cannot make up the %g the fixed weights leave",
                 free_low, free_high, rest);
        return -1;
    }
    for (size_t i = 0; i < s->order_count; i++)
        if (s->orders[i].heavier >= s->k || s->orders[i].lighter >= s->k ||
            s->orders[i].heavier == s->orders[i].lighter) {
            snprintf(err, err_size, "ordering %zu names a weight that is "
                                    "not there or the same weight twice",
                     i + 1);
            return -1;
        }
    return 0;
}

static int inside(const assay_smaa_space *s, const double *w)
{
    for (size_t i = 0; i < s->k; i++)
        if (!is_fixed(s, i) && (w[i] < lower_of(s, i) || w[i] > upper_of(s, i)))
            return 0;
    for (size_t i = 0; i < s->order_count; i++)
        if (w[s->orders[i].heavier] < w[s->orders[i].lighter])
            return 0;
    return 1;
}

/* splitmix64: independent-looking seeds for the chunks of one seed. */
static uint64_t mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/* One chunk's sums, merged into the total in chunk order. */
typedef struct chunk_sums {
    uint64_t *count;
    double *central;
    uint64_t tries;
} chunk_sums;

typedef struct smaa_run {
    const assay_smaa_space *space;
    const assay_smaa_model *model;
    size_t samples, chunks;
    uint64_t seed;
    assay_smaa_result *out;
    pthread_mutex_t lock;
    pthread_cond_t merged;
    size_t next_chunk, merged_upto;
    int failed;
    char err[256];
} smaa_run;

static void fail_run(smaa_run *r, const char *message)
{
    pthread_mutex_lock(&r->lock);
    if (!r->failed) {
        r->failed = 1;
        snprintf(r->err, sizeof r->err, "%s", message);
    }
    pthread_cond_broadcast(&r->merged);
    pthread_mutex_unlock(&r->lock);
}

/* Draws one weight vector inside the space; 0, or -1 when the space
 * rejected MAX_TRIES_PER_SAMPLE draws in a row. */
static int draw(const assay_smaa_space *s, gsl_rng *rng, double *alpha,
                double *theta, size_t *free_index, size_t free_count,
                double rest, double *w, uint64_t *tries)
{
    for (unsigned t = 0; t < MAX_TRIES_PER_SAMPLE; t++) {
        (*tries)++;
        if (free_count > 0)
            gsl_ran_dirichlet(rng, free_count, alpha, theta);
        for (size_t j = 0; j < free_count; j++)
            w[free_index[j]] = rest * theta[j];
        if (inside(s, w))
            return 0;
    }
    return -1;
}

static void *worker(void *arg)
{
    smaa_run *r = arg;
    const assay_smaa_space *s = r->space;
    const assay_smaa_model *m = r->model;
    size_t k = s->k, n = m->n, no = m->outcomes;
    chunk_sums sums = {calloc(n * no, sizeof(uint64_t)),
                       calloc(n * no * k, sizeof(double)), 0};
    double *w = calloc(k, sizeof *w), *alpha = calloc(k, sizeof *alpha),
           *theta = calloc(k, sizeof *theta);
    size_t *free_index = calloc(k, sizeof *free_index);
    uint32_t *outcome_of = calloc(n ? n : 1, sizeof *outcome_of);
    void *scratch = m->scratch_new ? m->scratch_new(m->shared) : NULL;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!sums.count || !sums.central || !w || !alpha || !theta ||
        !free_index || !outcome_of || !rng ||
        (m->scratch_new && !scratch)) {
        fail_run(r, "out of memory");
        goto done;
    }
    size_t free_count = 0;
    double rest = 1;
    for (size_t i = 0; i < k; i++) {
        if (is_fixed(s, i)) {
            w[i] = s->lower[i];
            rest -= s->lower[i];
        } else {
            free_index[free_count] = i;
            alpha[free_count++] = 1;
        }
    }
    if (rest < 0)
        rest = 0;
    for (;;) {
        pthread_mutex_lock(&r->lock);
        size_t c = r->next_chunk++;
        int stop = r->failed;
        pthread_mutex_unlock(&r->lock);
        if (stop || c >= r->chunks)
            break;
        memset(sums.count, 0, n * no * sizeof(uint64_t));
        memset(sums.central, 0, n * no * k * sizeof(double));
        sums.tries = 0;
        gsl_rng_set(rng, (unsigned long)mix(r->seed ^ mix(c)));
        size_t first = c * ASSAY_SMAA_CHUNK;
        size_t last = first + ASSAY_SMAA_CHUNK;
        if (last > r->samples)
            last = r->samples;
        int bad = 0;
        for (size_t t = first; t < last && !bad; t++) {
            if (draw(s, rng, alpha, theta, free_index, free_count, rest, w,
                     &sums.tries) != 0) {
                fail_run(r, "the weight bounds and orderings leave a space "
                            "too small to sample (fewer than 1 in 100000 "
                            "draws land in it); widen them");
                bad = 1;
                break;
            }
            if (m->outcome(m->shared, scratch, w, outcome_of) != 0) {
                fail_run(r, "the decision model failed on a sample");
                bad = 1;
                break;
            }
            for (size_t i = 0; i < n; i++) {
                size_t o = outcome_of[i] < no ? outcome_of[i] : no - 1;
                sums.count[i * no + o]++;
                double *cw = &sums.central[(i * no + o) * k];
                for (size_t j = 0; j < k; j++)
                    cw[j] += w[j];
            }
        }
        /* Merge in chunk order so the floating-point sums do not depend on
         * which thread finished first. */
        pthread_mutex_lock(&r->lock);
        while (!r->failed && r->merged_upto != c)
            pthread_cond_wait(&r->merged, &r->lock);
        if (!r->failed && !bad) {
            assay_smaa_result *out = r->out;
            for (size_t i = 0; i < n * no; i++)
                out->count[i] += sums.count[i];
            for (size_t i = 0; i < n * no * k; i++)
                out->central[i] += sums.central[i];
            out->tries += sums.tries;
            r->merged_upto = c + 1;
            pthread_cond_broadcast(&r->merged);
        }
        pthread_mutex_unlock(&r->lock);
        if (bad)
            break;
    }
done:
    if (rng)
        gsl_rng_free(rng);
    if (scratch && m->scratch_free)
        m->scratch_free(scratch);
    free(sums.count);
    free(sums.central);
    free(w);
    free(alpha);
    free(theta);
    free(free_index);
    free(outcome_of);
    return NULL;
}

int assay_smaa_run(const assay_smaa_space *s, const assay_smaa_model *m,
                   size_t samples, uint64_t seed, unsigned threads,
                   assay_smaa_result *out, char *err, size_t err_size)
{
    memset(out, 0, sizeof *out);
    if (assay_smaa_space_check(s, err, err_size) != 0)
        return -1;
    if (samples == 0 || m->outcomes == 0) {
        snprintf(err, err_size, "no samples or no outcomes to count");
        return -1;
    }
    out->n = m->n;
    out->k = s->k;
    out->outcomes = m->outcomes;
    out->samples = samples;
    out->count = calloc(m->n * m->outcomes + 1, sizeof *out->count);
    out->central = calloc(m->n * m->outcomes * s->k + 1, sizeof *out->central);
    if (!out->count || !out->central) {
        assay_smaa_result_free(out);
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    smaa_run r = {.space = s, .model = m, .samples = samples,
                  .chunks = (samples + ASSAY_SMAA_CHUNK - 1) / ASSAY_SMAA_CHUNK,
                  .seed = seed, .out = out};
    pthread_mutex_init(&r.lock, NULL);
    pthread_cond_init(&r.merged, NULL);
    if (threads < 1)
        threads = 1;
    if (threads > r.chunks)
        threads = (unsigned)r.chunks;
    pthread_t *ids = calloc(threads, sizeof *ids);
    unsigned started = 0;
    if (ids)
        for (; started < threads; started++)
            if (pthread_create(&ids[started], NULL, worker, &r) != 0)
                break;
    if (started == 0) /* no thread at all: run here */
        worker(&r);
    for (unsigned i = 0; i < started; i++)
        pthread_join(ids[i], NULL);
    free(ids);
    pthread_cond_destroy(&r.merged);
    pthread_mutex_destroy(&r.lock);
    if (r.failed) {
        snprintf(err, err_size, "%s", r.err);
        assay_smaa_result_free(out);
        return -1;
    }
    /* Sums to means. */
    for (size_t i = 0; i < m->n * m->outcomes; i++) {
        double *cw = &out->central[i * s->k];
        for (size_t j = 0; j < s->k; j++)
            cw[j] = out->count[i] ? cw[j] / (double)out->count[i] : NAN;
    }
    return 0;
}

void assay_smaa_result_free(assay_smaa_result *r)
{
    free(r->count);
    free(r->central);
    memset(r, 0, sizeof *r);
}
