/* SMAA against cases whose acceptabilities are known exactly.
 *
 * Two applicants, two criteria, one seat: A scores (0.9, 0.2), B (0.3,
 * 0.8). With weights (w, 1 - w), A's score is 0.2 + 0.7w and B's 0.8 -
 * 0.5w, so A takes the seat exactly when w > 0.5. With w uniform on [0, 1]
 * (the simplex of two weights) A's acceptability of the seat is 1/2 and
 * its central weights (3/4, 1/4); with w bounded to [0.2, 1] it is
 * 0.5 / 0.8 = 0.625 and the central weights stay (3/4, 1/4); with the
 * ordering w2 >= w1 it is 0. */
#include <math.h>
#include <string.h>

#include "test_support.h"
#include "decide/smaa.h"

typedef struct seat_model {
    const double *values; /* n * k */
    size_t n, k;
} seat_model;

/* Outcome 0: the one seat (the best weighted sum), 1: none. */
static int one_seat(void *shared, void *scratch, const double *w,
                    uint32_t *outcome_of)
{
    (void)scratch;
    const seat_model *m = shared;
    size_t best = 0;
    double best_score = -1;
    for (size_t i = 0; i < m->n; i++) {
        double s = 0;
        for (size_t j = 0; j < m->k; j++)
            s += w[j] * m->values[i * m->k + j];
        if (s > best_score) {
            best_score = s;
            best = i;
        }
    }
    for (size_t i = 0; i < m->n; i++)
        outcome_of[i] = i == best ? 0 : 1;
    return 0;
}

static const double two[4] = {0.9, 0.2, 0.3, 0.8};
static seat_model two_model = {two, 2, 2};

static assay_smaa_model model_of(seat_model *m)
{
    return (assay_smaa_model){m->n, 2, m, NULL, NULL, one_seat};
}

static double acceptability(const assay_smaa_result *r, size_t i, size_t o)
{
    return (double)r->count[i * r->outcomes + o] / (double)r->samples;
}

static double central(const assay_smaa_result *r, size_t i, size_t o,
                      size_t j)
{
    return r->central[(i * r->outcomes + o) * r->k + j];
}

START_TEST(sample_count_for_a_stated_error)
{
    ck_assert_uint_eq(assay_smaa_samples_for(0.01), 9604);
    ck_assert_uint_eq(assay_smaa_samples_for(0.05), 385);
    ck_assert_uint_eq(assay_smaa_samples_for(0), 0);
    ck_assert_double_eq_tol(assay_smaa_error_of(10000), 0.0098, 1e-12);
}
END_TEST

START_TEST(uniform_weights_give_the_exact_acceptability)
{
    assay_smaa_space s = {.k = 2};
    assay_smaa_model m = model_of(&two_model);
    assay_smaa_result r;
    char err[256];
    size_t n = assay_smaa_samples_for(0.01);
    ck_assert_int_eq(assay_smaa_run(&s, &m, n, 1, 1, &r, err, sizeof err), 0);
    ck_assert_uint_eq(r.samples, n);
    ck_assert_uint_eq(r.tries, n); /* nothing to reject */
    ck_assert_double_eq_tol(acceptability(&r, 0, 0), 0.5, 0.01);
    ck_assert_double_eq_tol(acceptability(&r, 1, 0), 0.5, 0.01);
    ck_assert_uint_eq(r.count[0] + r.count[2], n); /* one seat a sample */
    /* The mean of w given w > 0.5: 3/4; its standard error is about
     * 0.144 / sqrt(4800), so 0.01 is over 4 of them. */
    ck_assert_double_eq_tol(central(&r, 0, 0, 0), 0.75, 0.01);
    ck_assert_double_eq_tol(central(&r, 0, 0, 1), 0.25, 0.01);
    ck_assert_double_eq_tol(central(&r, 1, 0, 0), 0.25, 0.01);
    assay_smaa_result_free(&r);
}
END_TEST

START_TEST(bounds_cut_the_simplex)
{
    const double lower[2] = {0.2, 0}, upper[2] = {1, 1};
    assay_smaa_space s = {.k = 2, .lower = lower, .upper = upper};
    assay_smaa_model m = model_of(&two_model);
    assay_smaa_result r;
    char err[256];
    ck_assert_int_eq(assay_smaa_run(&s, &m, 9604, 7, 2, &r, err, sizeof err), 0);
    ck_assert_double_eq_tol(acceptability(&r, 0, 0), 0.625, 0.01);
    ck_assert_double_eq_tol(central(&r, 0, 0, 0), 0.75, 0.01);
    /* About 1 in 5 draws falls below 0.2 and is drawn again. */
    ck_assert_double_eq_tol((double)r.tries / 9604, 1 / 0.8, 0.03);
    assay_smaa_result_free(&r);
}
END_TEST

START_TEST(an_ordering_can_rule_an_outcome_out)
{
    const assay_smaa_order order = {1, 0}; /* w2 >= w1 */
    assay_smaa_space s = {.k = 2, .orders = &order, .order_count = 1};
    assay_smaa_model m = model_of(&two_model);
    assay_smaa_result r;
    char err[256];
    ck_assert_int_eq(assay_smaa_run(&s, &m, 2000, 3, 2, &r, err, sizeof err), 0);
    ck_assert_uint_eq(r.count[0], 0);    /* A never takes the seat */
    ck_assert_uint_eq(r.count[2], 2000); /* B always does */
    ck_assert(isnan(central(&r, 0, 0, 0))); /* no sample gave it */
    assay_smaa_result_free(&r);
}
END_TEST

/* Three criteria, the third fixed at 0.5: the other two share 0.5, and
 * with values (0.9, 0.2, x) against (0.3, 0.8, x) the third cancels out,
 * so the answer is the two-criteria one. */
START_TEST(fixed_weights_are_not_sampled)
{
    static const double three[6] = {0.9, 0.2, 0.5, 0.3, 0.8, 0.5};
    seat_model sm = {three, 2, 3};
    const double lower[3] = {0, 0, 0.5}, upper[3] = {1, 1, 0.5};
    const unsigned char fixed[3] = {0, 0, 1};
    assay_smaa_space s = {.k = 3, .lower = lower, .upper = upper,
                          .fixed = fixed};
    assay_smaa_model m = model_of(&sm);
    assay_smaa_result r;
    char err[256];
    ck_assert_int_eq(assay_smaa_run(&s, &m, 9604, 11, 2, &r, err, sizeof err), 0);
    ck_assert_double_eq_tol(acceptability(&r, 0, 0), 0.5, 0.01);
    ck_assert_double_eq_tol(central(&r, 0, 0, 2), 0.5, 1e-12);
    ck_assert_double_eq_tol(central(&r, 0, 0, 0), 0.375, 0.01);
    assay_smaa_result_free(&r);
}
END_TEST

START_TEST(the_same_seed_gives_the_same_bytes_for_any_thread_count)
{
    assay_smaa_space s = {.k = 2};
    assay_smaa_model m = model_of(&two_model);
    assay_smaa_result a, b, c;
    char err[256];
    ck_assert_int_eq(assay_smaa_run(&s, &m, 5000, 42, 1, &a, err, sizeof err), 0);
    ck_assert_int_eq(assay_smaa_run(&s, &m, 5000, 42, 2, &b, err, sizeof err), 0);
    ck_assert_int_eq(assay_smaa_run(&s, &m, 5000, 43, 2, &c, err, sizeof err), 0);
    ck_assert_mem_eq(a.count, b.count, 4 * sizeof *a.count);
    ck_assert_mem_eq(a.central, b.central, 8 * sizeof *a.central);
    ck_assert_uint_ne(a.count[0], c.count[0]); /* another seed, other draws */
    assay_smaa_result_free(&a);
    assay_smaa_result_free(&b);
    assay_smaa_result_free(&c);
}
END_TEST

START_TEST(impossible_spaces_are_refused_with_a_reason)
{
    assay_smaa_model m = model_of(&two_model);
    assay_smaa_result r;
    char err[256];
    const double low[2] = {0.6, 0.6};
    assay_smaa_space s = {.k = 2, .lower = low};
    ck_assert_int_ne(assay_smaa_run(&s, &m, 100, 1, 1, &r, err, sizeof err), 0);
    ck_assert_str_eq(err, "the free weights' bounds (lower bounds summing to "
                          "1.2, upper to 2) cannot make up the 1 the fixed "
                          "weights leave");
    const double lo[2] = {-0.1, 0}, hi[2] = {1, 1};
    s = (assay_smaa_space){.k = 2, .lower = lo, .upper = hi};
    ck_assert_int_ne(assay_smaa_run(&s, &m, 100, 1, 1, &r, err, sizeof err), 0);
    ck_assert_str_eq(err, "weight 1: bounds [-0.1, 1] are not within [0, 1] "
                          "with lower <= upper");
    /* Feasible but a sliver: three weights, the first in [0.9999999, 1]. */
    static const double three[6] = {1, 0, 0, 0, 1, 0};
    seat_model sm = {three, 2, 3};
    assay_smaa_model m3 = model_of(&sm);
    const double l3[3] = {0.9999999, 0, 0}, h3[3] = {1, 1, 1};
    s = (assay_smaa_space){.k = 3, .lower = l3, .upper = h3};
    ck_assert_int_ne(assay_smaa_run(&s, &m3, 10, 1, 1, &r, err, sizeof err), 0);
    ck_assert_str_eq(err, "the weight bounds and orderings leave a space too "
                          "small to sample (fewer than 1 in 100000 draws "
                          "land in it); widen them");
    const assay_smaa_order self = {1, 1};
    s = (assay_smaa_space){.k = 2, .orders = &self, .order_count = 1};
    ck_assert_int_ne(assay_smaa_run(&s, &m, 10, 1, 1, &r, err, sizeof err), 0);
    ck_assert_str_eq(err, "ordering 1 names a weight that is not there or "
                          "the same weight twice");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("smaa");
    TCase *tc = tcase_create("smaa");
    tcase_add_test(tc, sample_count_for_a_stated_error);
    tcase_add_test(tc, uniform_weights_give_the_exact_acceptability);
    tcase_add_test(tc, bounds_cut_the_simplex);
    tcase_add_test(tc, an_ordering_can_rule_an_outcome_out);
    tcase_add_test(tc, fixed_weights_are_not_sampled);
    tcase_add_test(tc, the_same_seed_gives_the_same_bytes_for_any_thread_count);
    tcase_add_test(tc, impossible_spaces_are_refused_with_a_reason);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
