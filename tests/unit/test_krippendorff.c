/* Krippendorff's alpha against his own worked example: 4 observers, 12
 * units, missing values ("Computing Krippendorff's Alpha-Reliability",
 * 2011, section C: nominal .743, ordinal .815, interval .849, ratio
 * .797). */
#include <math.h>

#include "decide/krippendorff.h"
#include "test_support.h"

#define M NAN
/* Units as rows, observers A to D as columns. */
static const double example[12 * 4] = {
    1, 1, M, 1, /* unit 1 */
    2, 2, 3, 2, /* 2 */
    3, 3, 3, 3, /* 3 */
    3, 3, 3, 3, /* 4 */
    2, 2, 2, 2, /* 5 */
    1, 2, 3, 4, /* 6 */
    4, 4, 4, 4, /* 7 */
    1, 1, 2, 1, /* 8 */
    2, 2, 2, 2, /* 9 */
    M, 5, 5, 5, /* 10 */
    M, M, 1, 1, /* 11 */
    M, 3, M, M, /* 12: one value, not pairable */
};

static double alpha(assay_level level)
{
    return round(assay_krippendorff_alpha(example, 12, 4, level) * 1000) /
           1000;
}

START_TEST(nominal_matches_the_published_example)
{
    ck_assert_double_eq(alpha(ASSAY_LEVEL_NOMINAL), 0.743);
}
END_TEST

START_TEST(ordinal_matches_the_published_example)
{
    ck_assert_double_eq(alpha(ASSAY_LEVEL_ORDINAL), 0.815);
}
END_TEST

START_TEST(interval_matches_the_published_example)
{
    ck_assert_double_eq(alpha(ASSAY_LEVEL_INTERVAL), 0.849);
}
END_TEST

START_TEST(ratio_matches_the_published_example)
{
    ck_assert_double_eq(alpha(ASSAY_LEVEL_RATIO), 0.797);
}
END_TEST

START_TEST(perfect_agreement_is_one)
{
    const double v[] = {1, 1, 2, 2, 3, 3};
    ck_assert_double_eq(assay_krippendorff_alpha(v, 3, 2, ASSAY_LEVEL_INTERVAL),
                        1);
}
END_TEST

START_TEST(undefined_without_pairable_values_or_variation)
{
    const double lone[] = {1, M, M, 2};
    ck_assert(isnan(assay_krippendorff_alpha(lone, 2, 2, ASSAY_LEVEL_NOMINAL)));
    const double same[] = {4, 4, 4, 4};
    ck_assert(isnan(assay_krippendorff_alpha(same, 2, 2, ASSAY_LEVEL_NOMINAL)));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("krippendorff");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, nominal_matches_the_published_example);
    tcase_add_test(tc, ordinal_matches_the_published_example);
    tcase_add_test(tc, interval_matches_the_published_example);
    tcase_add_test(tc, ratio_matches_the_published_example);
    tcase_add_test(tc, perfect_agreement_is_one);
    tcase_add_test(tc, undefined_without_pairable_values_or_variation);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
