/* Fitting weights to past decisions: known weights are recovered from
 * decisions drawn under them, and the fit equals scikit-learn's L2
 * logistic regression on the same data (Debian's python3-sklearn, run by
 * this test as an independent implementation). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_support.h"
#include "decide/weight_fit.h"

/* A small deterministic generator (the test must not depend on rand()). */
static double next_uniform(unsigned long long *state)
{
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*state >> 11) / 9007199254740992.0;
}

/* n records of k domain scores, decided under beta and threshold b: a
 * record is seated with probability sigmoid(beta . x - b). */
static assay_fit_data make_data(size_t n, size_t k, const double *beta,
                                double b, unsigned long long seed)
{
    double *x = malloc(n * k * sizeof *x);
    unsigned char *counted = malloc(n * k);
    unsigned char *seated = malloc(n);
    unsigned long long s = seed;
    for (size_t i = 0; i < n; i++) {
        double z = -b;
        for (size_t j = 0; j < k; j++) {
            x[i * k + j] = next_uniform(&s);
            counted[i * k + j] = 1;
            z += beta[j] * x[i * k + j];
        }
        seated[i] = next_uniform(&s) < 1 / (1 + exp(-z));
    }
    return (assay_fit_data){n, k, x, counted, seated};
}

static void free_data(assay_fit_data *d)
{
    free((void *)d->x);
    free((void *)d->counted);
    free((void *)d->seated);
}

START_TEST(known_weights_are_recovered)
{
    const double beta[3] = {12, 6, 2}; /* weights 0.6, 0.3, 0.1; scale 20 */
    assay_fit_data d = make_data(4000, 3, beta, 10, 1);
    assay_fit f;
    char err[256];
    ck_assert_int_eq(assay_fit_weights(&d, -1, 5, &f, err, sizeof err), 0);
    ck_assert_uint_eq(f.used, 4000);
    ck_assert_double_eq_tol(f.weights[0], 0.6, 0.03);
    ck_assert_double_eq_tol(f.weights[1], 0.3, 0.03);
    ck_assert_double_eq_tol(f.weights[2], 0.1, 0.03);
    ck_assert_double_eq_tol(f.weights[0] + f.weights[1] + f.weights[2], 1,
                            1e-12);
    /* Cross-validation picks a small lambda: the model is right. */
    ck_assert(f.lambda <= 1e-3);
    ck_assert(isfinite(f.cv_log_loss) && f.cv_log_loss < 0.5);
    assay_fit_free(&f);
    free_data(&d);
}
END_TEST

START_TEST(the_fit_equals_scikit_learns)
{
    /* scikit-learn comes with the browser tests' packages
     * (ASSAY_BROWSER_TESTS=1 scripts/setup, which scripts/test runs):
     * without them this comparison is skipped, as the browser tests are;
     * with them set, it must run. */
    if (system("/usr/bin/python3 -c 'import sklearn' 2>/dev/null") != 0) {
        const char *required = getenv("ASSAY_BROWSER_TESTS");
        ck_assert_msg(!required || strcmp(required, "1") != 0,
                      "scikit-learn is needed; ASSAY_BROWSER_TESTS=1 "
                      "scripts/setup installs it (python3-sklearn)");
        fputs("SKIP the_fit_equals_scikit_learns: scikit-learn missing; "
              "ASSAY_BROWSER_TESTS=1 scripts/setup installs it\n",
              stderr);
        return;
    }
    const double beta[2] = {5, 3};
    assay_fit_data d = make_data(600, 2, beta, 4, 7);
    const double lambda = 0.01;
    assay_fit f;
    char err[256];
    ck_assert_int_eq(assay_fit_weights(&d, lambda, 0, &f, err, sizeof err), 0);
    char path[4096];
    snprintf(path, sizeof path, "%s", ts_temp_file("", ".csv"));
    FILE *csv = fopen(path, "w");
    ck_assert_ptr_nonnull(csv);
    for (size_t i = 0; i < d.n; i++)
        fprintf(csv, "%.17g,%.17g,%d\n", d.x[i * 2], d.x[i * 2 + 1],
                d.seated[i]);
    fclose(csv);
    char command[8192];
    snprintf(command, sizeof command,
             "/usr/bin/python3 %s %s %g",
             ts_source_path("tests/tools/logistic_sklearn.py"), path, lambda);
    FILE *p = popen(command, "r");
    ck_assert_ptr_nonnull(p);
    double theirs[3];
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(fscanf(p, "%lf", &theirs[i]), 1);
    ck_assert_int_eq(pclose(p), 0);
    /* beta = scale * weights; both fits stop at a gradient of about 1e-9. */
    ck_assert_double_eq_tol(f.scale * f.weights[0], theirs[0], 1e-4);
    ck_assert_double_eq_tol(f.scale * f.weights[1], theirs[1], 1e-4);
    ck_assert_double_eq_tol(f.threshold, theirs[2], 1e-4);
    assay_fit_free(&f);
    free_data(&d);
}
END_TEST

START_TEST(a_domain_that_does_not_matter_gets_no_weight)
{
    const double beta[2] = {10, 0};
    assay_fit_data d = make_data(3000, 2, beta, 5, 3);
    assay_fit f;
    char err[256];
    ck_assert_int_eq(assay_fit_weights(&d, 1e-4, 0, &f, err, sizeof err), 0);
    ck_assert(f.weights[1] >= 0);
    ck_assert(f.weights[1] < 0.05);
    assay_fit_free(&f);
    free_data(&d);
}
END_TEST

/* A domain that does not count for a record (not claimed) leaves the
 * weighted mean's denominator: weights are recovered all the same. */
START_TEST(uncounted_domains_leave_the_mean)
{
    const double w[2] = {0.75, 0.25};
    size_t n = 4000, k = 2;
    double *x = malloc(n * k * sizeof *x);
    unsigned char *counted = malloc(n * k), *seated = malloc(n);
    unsigned long long s = 11;
    for (size_t i = 0; i < n; i++) {
        double num = 0, den = 0;
        for (size_t j = 0; j < k; j++) {
            x[i * k + j] = next_uniform(&s);
            counted[i * k + j] = j == 0 || i % 3 != 0; /* a third lack domain 2 */
            if (counted[i * k + j]) {
                num += w[j] * x[i * k + j];
                den += w[j];
            }
        }
        seated[i] = next_uniform(&s) < 1 / (1 + exp(-(16 * num / den - 8)));
    }
    assay_fit_data d = {n, k, x, counted, seated};
    assay_fit f;
    char err[256];
    ck_assert_int_eq(assay_fit_weights(&d, -1, 4, &f, err, sizeof err), 0);
    ck_assert_double_eq_tol(f.weights[0], 0.75, 0.04);
    ck_assert_double_eq_tol(f.scale, 16, 2);
    assay_fit_free(&f);
    free(x);
    free(counted);
    free(seated);
}
END_TEST

START_TEST(decisions_that_say_nothing_are_refused)
{
    const double x[4] = {0.1, 0.2, 0.3, 0.4};
    const unsigned char counted[4] = {1, 1, 1, 1}, none[2] = {0, 0},
                        nothing[4] = {0, 0, 0, 0};
    assay_fit_data d = {2, 2, x, counted, none};
    assay_fit f;
    char err[256];
    ck_assert_int_ne(assay_fit_weights(&d, 0.1, 0, &f, err, sizeof err), 0);
    ck_assert_str_eq(err, "every one of the 2 records was left without a "
                          "seat: the decisions say nothing about the weights");
    d.counted = nothing;
    ck_assert_int_ne(assay_fit_weights(&d, 0.1, 0, &f, err, sizeof err), 0);
    ck_assert_str_eq(err, "no record has a domain score to fit");
    const unsigned char one[2] = {1, 0};
    d = (assay_fit_data){2, 2, x, counted, one};
    ck_assert_int_ne(assay_fit_weights(&d, -1, 5, &f, err, sizeof err), 0);
    ck_assert_str_eq(err, "5 folds for 2 records: use 2 to 2");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("weight_fit");
    TCase *tc = tcase_create("weight_fit");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, known_weights_are_recovered);
    tcase_add_test(tc, the_fit_equals_scikit_learns);
    tcase_add_test(tc, a_domain_that_does_not_matter_gets_no_weight);
    tcase_add_test(tc, uncounted_domains_leave_the_mean);
    tcase_add_test(tc, decisions_that_say_nothing_are_refused);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
