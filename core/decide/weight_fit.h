/* Fitting a policy's domain weights to a committee's past decisions
 * (assay calibrate).
 *
 * The model is the policy's own weighted mean, put through a logistic
 * link: for record i with counted domains C_i and domain scores x_ij,
 *
 *     score_i = sum_{j in C_i} w_j x_ij / sum_{j in C_i} w_j
 *     P(record i was given a seat) = 1 / (1 + exp(-(a * score_i - b)))
 *
 * with weights w >= 0 summing to 1, a scale a >= 0 and a threshold b.
 * Writing beta = a * w (so a = sum beta) makes it a logistic regression
 * with non-negative coefficients whenever every record counts every
 * domain (then a * score_i = beta . x_i). The fit minimises the mean log
 * loss plus lambda / 2 * |beta|^2 with GSL's BFGS minimiser, beta_j =
 * theta_j^2 keeping the coefficients non-negative; lambda is chosen by
 * k-fold cross-validation (held-out log loss) from a fixed grid, then the
 * model is fitted again on every record.
 *
 * The regularised problem is the one scikit-learn's LogisticRegression
 * (L2, lbfgs) solves with C = 1 / (lambda * n), which the tests use as an
 * independent check. */
#ifndef ASSAY_WEIGHT_FIT_H
#define ASSAY_WEIGHT_FIT_H

#include <stddef.h>

typedef struct assay_fit_data {
    size_t n, k;
    const double *x;              /* n * k domain scores */
    const unsigned char *counted; /* n * k: 1 where domain j counts for i */
    const unsigned char *seated;  /* n: 1 if the committee gave a seat */
} assay_fit_data;

typedef struct assay_fit {
    double *weights; /* k, non-negative, summing to 1 (all 0 if none fit) */
    double scale, threshold; /* a and b */
    double lambda;           /* the regularisation chosen */
    double cv_log_loss;      /* mean held-out log loss at that lambda */
    double log_loss;         /* mean log loss of the final fit */
    size_t used;             /* records with a counted domain */
    int iterations;          /* of the final fit's minimiser */
} assay_fit;

/* The lambdas cross-validation chooses from. */
extern const double assay_fit_lambdas[];
extern const size_t assay_fit_lambda_count;

/* Fits with the given lambda, or chooses it with `folds`-fold
 * cross-validation when lambda < 0 (records go to fold i % folds, in the
 * order given, so the caller's order makes it deterministic). 0, or -1
 * with a message in err (no record with a counted domain, every record
 * alike so nothing to fit, a minimiser failure). */
int assay_fit_weights(const assay_fit_data *d, double lambda, size_t folds,
                      assay_fit *out, char *err, size_t err_size);

void assay_fit_free(assay_fit *f);

#endif
