#include "decide/weight_fit.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const double assay_fit_lambdas[] = {1e-4, 1e-3, 1e-2, 1e-1, 1};
const size_t assay_fit_lambda_count =
    sizeof assay_fit_lambdas / sizeof assay_fit_lambdas[0];

#define MAX_ITERATIONS 2000

/* The objective over the records whose include[i] is set. */
typedef struct objective {
    const assay_fit_data *d;
    const unsigned char *include;
    size_t count;
    double lambda;
    double *dz; /* k: scratch for dz/dbeta */
} objective;

/* log(1 + e^z) without overflow. */
static double softplus(double z)
{
    return z > 0 ? z + log1p(exp(-z)) : log1p(exp(z));
}

static double sigmoid(double z)
{
    return z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z));
}

/* z_i = S * N_i / D_i - b; 0 when record i has no counted weight. */
static int logit(const assay_fit_data *d, size_t i, const double *beta,
                 double b, double *z, double *m, double *den)
{
    double s = 0, num = 0, dd = 0;
    for (size_t j = 0; j < d->k; j++) {
        s += beta[j];
        if (d->counted[i * d->k + j]) {
            num += beta[j] * d->x[i * d->k + j];
            dd += beta[j];
        }
    }
    if (!(dd > 0))
        return 0;
    *m = num / dd;
    *den = dd;
    *z = s * *m - b;
    return 1;
}

static void evaluate(const gsl_vector *v, void *params, double *f,
                     gsl_vector *g)
{
    objective *o = params;
    const assay_fit_data *d = o->d;
    size_t k = d->k;
    double beta[k > 0 ? k : 1], grad_beta[k > 0 ? k : 1];
    for (size_t j = 0; j < k; j++) {
        double t = gsl_vector_get(v, j);
        beta[j] = t * t;
        grad_beta[j] = 0;
    }
    double b = gsl_vector_get(v, k), grad_b = 0, loss = 0, s = 0;
    for (size_t j = 0; j < k; j++)
        s += beta[j];
    for (size_t i = 0; i < d->n; i++) {
        if (!o->include[i])
            continue;
        double z, m, den;
        if (!logit(d, i, beta, b, &z, &m, &den))
            continue;
        double y = d->seated[i] ? 1 : 0;
        loss += softplus(z) - y * z;
        double r = sigmoid(z) - y; /* d loss / d z */
        for (size_t j = 0; j < k; j++) {
            double dzj = m;
            if (d->counted[i * k + j])
                dzj += s * (d->x[i * k + j] - m) / den;
            grad_beta[j] += r * dzj;
        }
        grad_b -= r;
    }
    double inv = o->count ? 1.0 / (double)o->count : 0;
    double penalty = 0;
    for (size_t j = 0; j < k; j++)
        penalty += beta[j] * beta[j];
    if (f)
        *f = loss * inv + o->lambda / 2 * penalty;
    if (g) {
        for (size_t j = 0; j < k; j++) {
            double t = gsl_vector_get(v, j);
            gsl_vector_set(g, j,
                           (grad_beta[j] * inv + o->lambda * beta[j]) * 2 * t);
        }
        gsl_vector_set(g, k, grad_b * inv);
    }
}

static double f_only(const gsl_vector *v, void *params)
{
    double f;
    evaluate(v, params, &f, NULL);
    return f;
}

static void df_only(const gsl_vector *v, void *params, gsl_vector *g)
{
    evaluate(v, params, NULL, g);
}

/* Minimises over the included records; fills beta (k) and *b. Returns the
 * iterations used, or -1 on a minimiser failure. */
static int minimise(const assay_fit_data *d, const unsigned char *include,
                    size_t count, double lambda, double *beta, double *b)
{
    size_t k = d->k;
    objective o = {d, include, count, lambda, NULL};
    gsl_multimin_function_fdf fn = {f_only, df_only, evaluate, k + 1, &o};
    gsl_vector *x = gsl_vector_alloc(k + 1);
    for (size_t j = 0; j < k; j++)
        gsl_vector_set(x, j, 1.0); /* beta = 1: an equal-weight start */
    gsl_vector_set(x, k, 0.5);
    gsl_multimin_fdfminimizer *m =
        gsl_multimin_fdfminimizer_alloc(gsl_multimin_fdfminimizer_vector_bfgs2,
                                        k + 1);
    gsl_multimin_fdfminimizer_set(m, &fn, x, 0.01, 0.1);
    int iter = 0, status;
    do {
        iter++;
        status = gsl_multimin_fdfminimizer_iterate(m);
        if (status)
            break; /* no progress: at the minimum to working precision */
        status = gsl_multimin_test_gradient(m->gradient, 1e-9);
    } while (status == GSL_CONTINUE && iter < MAX_ITERATIONS);
    const gsl_vector *best = gsl_multimin_fdfminimizer_x(m);
    int ok = 1;
    for (size_t j = 0; j < k; j++) {
        double t = gsl_vector_get(best, j);
        beta[j] = t * t;
        ok = ok && isfinite(beta[j]);
    }
    *b = gsl_vector_get(best, k);
    gsl_multimin_fdfminimizer_free(m);
    gsl_vector_free(x);
    return ok && isfinite(*b) ? iter : -1;
}

static double mean_log_loss(const assay_fit_data *d,
                            const unsigned char *include, const double *beta,
                            double b)
{
    double loss = 0;
    size_t used = 0;
    for (size_t i = 0; i < d->n; i++) {
        double z, m, den;
        if (!include[i] || !logit(d, i, beta, b, &z, &m, &den))
            continue;
        loss += softplus(z) - (d->seated[i] ? z : 0);
        used++;
    }
    return used ? loss / (double)used : NAN;
}

int assay_fit_weights(const assay_fit_data *d, double lambda, size_t folds,
                      assay_fit *out, char *err, size_t err_size)
{
    memset(out, 0, sizeof *out);
    size_t k = d->k, n = d->n;
    gsl_set_error_handler_off(); /* failures are returned, not aborts */
    unsigned char *all = calloc(n ? n : 1, 1);
    unsigned char *train = calloc(n ? n : 1, 1);
    unsigned char *test = calloc(n ? n : 1, 1);
    double *beta = calloc(k ? k : 1, sizeof *beta);
    out->weights = calloc(k ? k : 1, sizeof *out->weights);
    int rc = -1;
    if (!all || !train || !test || !beta || !out->weights) {
        snprintf(err, err_size, "out of memory");
        goto done;
    }
    size_t seated = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < k; j++)
            all[i] |= d->counted[i * k + j];
        if (all[i]) {
            out->used++;
            seated += d->seated[i] != 0;
        }
    }
    if (out->used == 0) {
        snprintf(err, err_size, "no record has a domain score to fit");
        goto done;
    }
    if (seated == 0 || seated == out->used) {
        snprintf(err, err_size,
                 "every one of the %zu records was %s: the decisions say "
                 "nothing about the weights",
                 out->used, seated ? "given a seat" : "left without a seat");
        goto done;
    }
    if (lambda < 0) {
        if (folds < 2 || folds > out->used) {
            snprintf(err, err_size,
                     "%zu folds for %zu records: use 2 to %zu", folds,
                     out->used, out->used);
            goto done;
        }
        double best = INFINITY;
        for (size_t l = 0; l < assay_fit_lambda_count; l++) {
            double total = 0;
            size_t scored = 0;
            for (size_t f = 0; f < folds; f++) {
                size_t count = 0, seen = 0;
                for (size_t i = 0; i < n; i++) {
                    int in_fold = all[i] && seen++ % folds == f;
                    test[i] = (unsigned char)in_fold;
                    train[i] = all[i] && !in_fold;
                    count += train[i];
                }
                double b;
                if (minimise(d, train, count, assay_fit_lambdas[l], beta, &b) < 0)
                    continue;
                double loss = mean_log_loss(d, test, beta, b);
                if (isfinite(loss)) {
                    total += loss;
                    scored++;
                }
            }
            double mean = scored ? total / (double)scored : INFINITY;
            if (mean < best) {
                best = mean;
                lambda = assay_fit_lambdas[l];
            }
        }
        if (lambda < 0) {
            snprintf(err, err_size, "the minimiser failed on every fold");
            goto done;
        }
        out->cv_log_loss = best;
    } else {
        out->cv_log_loss = NAN;
    }
    out->lambda = lambda;
    double b;
    out->iterations = minimise(d, all, out->used, lambda, beta, &b);
    if (out->iterations < 0) {
        snprintf(err, err_size, "the minimiser failed");
        goto done;
    }
    double s = 0;
    for (size_t j = 0; j < k; j++)
        s += beta[j];
    for (size_t j = 0; j < k; j++)
        out->weights[j] = s > 0 ? beta[j] / s : 0;
    out->scale = s;
    out->threshold = b;
    out->log_loss = mean_log_loss(d, all, beta, b);
    rc = 0;
done:
    free(all);
    free(train);
    free(test);
    free(beta);
    if (rc != 0) {
        free(out->weights);
        out->weights = NULL;
    }
    return rc;
}

void assay_fit_free(assay_fit *f)
{
    free(f->weights);
    f->weights = NULL;
}
