/* TOPSIS against the published worked example: Hwang and Yoon (1981),
 * "Multiple Attribute Decision Making: Methods and Applications", Lecture
 * Notes in Economics and Mathematical Systems 186, Springer, the
 * fighter-aircraft example (reproduced in Yoon and Hwang (1995), "Multiple
 * Attribute Decision Making: An Introduction", Sage, and widely since).
 * Four aircraft, six criteria: maximum speed (Mach), ferry range (NM),
 * maximum payload (lb), acquisition cost ($ million, a COST criterion),
 * reliability and maneuverability (on a 1-9 scale), weighted 0.2, 0.1,
 * 0.1, 0.1, 0.2, 0.3. The published closeness coefficients are
 * A1 0.643, A2 0.268, A3 0.614, A4 0.312 (order A1 > A3 > A4 > A2); we
 * recomputed them to 4 decimals by hand (Python) as 0.6433, 0.2684,
 * 0.6135, 0.3123. */
#include <math.h>

#include "test_support.h"
#include "decide/topsis.h"

static const double aircraft[4 * 6] = {
    2.0, 1500, 20000, 5.5, 5, 9, /* A1 */
    2.5, 2700, 18000, 6.5, 3, 5, /* A2 */
    1.8, 2000, 21000, 4.5, 7, 7, /* A3 */
    2.2, 1800, 20000, 5.0, 5, 5, /* A4 */
};
static const double aircraft_weight[6] = {0.2, 0.1, 0.1, 0.1, 0.2, 0.3};
static const unsigned char aircraft_cost[6] = {0, 0, 0, 1, 0, 0};

START_TEST(fighter_aircraft_closeness_matches_the_published_example)
{
    double c[4];
    ck_assert_int_eq(
        assay_topsis(aircraft, 4, 6, aircraft_weight, aircraft_cost, c), 0);
    const double published[4] = {0.643, 0.268, 0.614, 0.312};
    const double ours[4] = {0.6433, 0.2684, 0.6135, 0.3123};
    for (int i = 0; i < 4; i++) {
        ck_assert_double_eq_tol(c[i], published[i], 0.0005);
        ck_assert_double_eq_tol(c[i], ours[i], 0.00005);
    }
}
END_TEST

START_TEST(treating_cost_as_a_benefit_changes_the_result)
{
    /* The same table with acquisition cost wrongly taken as a benefit
     * (recomputed: 0.6433, 0.2871, 0.5972, 0.3016): A2, the dearest,
     * gains and A3, the cheapest, loses. */
    const unsigned char all_benefit[6] = {0};
    const double expected[4] = {0.6433, 0.2871, 0.5972, 0.3016};
    double c[4];
    assay_topsis(aircraft, 4, 6, aircraft_weight, all_benefit, c);
    for (int i = 0; i < 4; i++)
        ck_assert_double_eq_tol(c[i], expected[i], 0.00005);
}
END_TEST

START_TEST(weights_are_scale_free)
{
    double w10[6], a[4], b[4];
    for (int j = 0; j < 6; j++)
        w10[j] = aircraft_weight[j] * 10;
    assay_topsis(aircraft, 4, 6, aircraft_weight, aircraft_cost, a);
    assay_topsis(aircraft, 4, 6, w10, aircraft_cost, b);
    for (int i = 0; i < 4; i++)
        ck_assert_double_eq_tol(a[i], b[i], 1e-12);
}
END_TEST

START_TEST(two_alternatives_are_ideal_and_anti_ideal)
{
    const double m[2 * 2] = {0.9, 0.8, 0.3, 0.2};
    const double w[2] = {1, 1};
    const unsigned char cost[2] = {0, 0};
    double c[2];
    assay_topsis(m, 2, 2, w, cost, c);
    ck_assert_double_eq(c[0], 1);
    ck_assert_double_eq(c[1], 0);
}
END_TEST

START_TEST(one_alternative_is_undistinguished)
{
    const double m[2] = {0.9, 0.1};
    const double w[2] = {1, 1};
    const unsigned char cost[2] = {0, 0};
    double c[1];
    assay_topsis(m, 1, 2, w, cost, c);
    ck_assert_double_eq(c[0], 0.5);
}
END_TEST

START_TEST(an_all_zero_column_contributes_nothing)
{
    const double with_zero[2 * 2] = {0.9, 0, 0.3, 0};
    const double alone[2 * 1] = {0.9, 0.3};
    const double w2[2] = {1, 1}, w1[1] = {1};
    const unsigned char cost[2] = {0, 0};
    double a[2], b[2];
    assay_topsis(with_zero, 2, 2, w2, cost, a);
    assay_topsis(alone, 2, 1, w1, cost, b);
    ck_assert_double_eq(a[0], b[0]);
    ck_assert_double_eq(a[1], b[1]);
}
END_TEST

START_TEST(weights_that_sum_to_zero_are_refused)
{
    const double m[2] = {1, 2};
    const double w[2] = {0, 0};
    const unsigned char cost[2] = {0, 0};
    double c[1];
    ck_assert_int_ne(assay_topsis(m, 1, 2, w, cost, c), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("topsis");
    TCase *tc = tcase_create("topsis");
    tcase_add_test(tc, fighter_aircraft_closeness_matches_the_published_example);
    tcase_add_test(tc, treating_cost_as_a_benefit_changes_the_result);
    tcase_add_test(tc, weights_are_scale_free);
    tcase_add_test(tc, two_alternatives_are_ideal_and_anti_ideal);
    tcase_add_test(tc, one_alternative_is_undistinguished);
    tcase_add_test(tc, an_all_zero_column_contributes_nothing);
    tcase_add_test(tc, weights_that_sum_to_zero_are_refused);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
