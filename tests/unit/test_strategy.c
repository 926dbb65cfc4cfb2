/* Overall scores under each combine strategy, with exact values, and which
 * domains count. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include "decide/strategy.h"
#include "test_support.h"

static const char tier[] =
    "tier { name = \"t\", min_score = 0, capacity = 1, requires = "
    "\"office\" }\n";

enum { AI = 1 << HUB_AI, CONN = 1 << HUB_CONNECTIVITY,
       AD = 1 << HUB_AUTONOMOUS_DRIVING,
       BIZ = 1 << HUB_BUSINESS };

/* ai 0.8, autonomous_driving 0.5, business 0.2; claims ai and ad. */
static ts_scores sample(void)
{
    ts_scores s = {{0}, AI | AD | BIZ, AI | AD};
    s.score[HUB_AI] = 0.8;
    s.score[HUB_AUTONOMOUS_DRIVING] = 0.5;
    s.score[HUB_BUSINESS] = 0.2;
    return s;
}

static double score_of(const char *settings, ts_scores s,
                       unsigned char *has)
{
    char lua[2048];
    /* business counts for every record, as in the hub's policy. */
    snprintf(lua, sizeof lua, "%s\nalways { \"business\" }\n%s", settings,
             tier);
    assay_policy *p = ts_policy(lua);
    double score;
    char *error = NULL;
    ts_strategy_scores(p, &s, 1, &score, has, &error);
    ck_assert_msg(error == NULL, "%s", error);
    assay_policy_free(p);
    return score;
}

START_TEST(weighted_mean_by_domain_weight)
{
    unsigned char has;
    /* (2*0.8 + 1*0.5 + 1*0.2) / 4 = 0.575 */
    ck_assert_double_eq(
        score_of("weights { ai = 2, autonomous_driving = 1, business = 1 }",
                 sample(), &has),
        0.575);
    ck_assert_int_eq(has, 1);
}
END_TEST

START_TEST(weighted_mean_rounds_to_four_decimals)
{
    unsigned char has;
    /* (0.8 + 0.5 + 0.2) / 3 = 0.5 exactly; with ai 0.7: 1.4/3 = 0.46667 */
    ts_scores s = sample();
    s.score[HUB_AI] = 0.7;
    ck_assert_double_eq(score_of("", s, &has), 0.4667);
}
END_TEST

START_TEST(min_takes_the_weakest_domain)
{
    unsigned char has;
    ck_assert_double_eq(score_of("strategy \"min\"", sample(), &has), 0.2);
}
END_TEST

START_TEST(max_takes_the_strongest_domain)
{
    unsigned char has;
    ck_assert_double_eq(score_of("strategy \"max\"", sample(), &has), 0.8);
}
END_TEST

START_TEST(a_weight_of_zero_leaves_a_domain_out)
{
    unsigned char has;
    ck_assert_double_eq(
        score_of("strategy \"min\"\n"
                 "weights { ai = 1, autonomous_driving = 1, business = 0 }",
                 sample(), &has),
        0.5);
}
END_TEST

START_TEST(lua_function_gets_the_counted_domain_scores)
{
    unsigned char has;
    ck_assert_double_eq(
        score_of("strategy(function(s) return s.ai * 0.5 + s.business end)",
                 sample(), &has),
        0.6);
}
END_TEST

START_TEST(lua_function_may_leave_a_record_unscored)
{
    unsigned char has = 1;
    score_of("strategy(function(s) return nil end)", sample(), &has);
    ck_assert_int_eq(has, 0);
}
END_TEST

START_TEST(lua_function_out_of_range_is_a_record_error)
{
    assay_policy *p = ts_policy("strategy(function(s) return 2 end)\n"
                                "always { \"business\" }\n"
                                "tier { name = \"t\", min_score = 0, "
                                "capacity = 1, requires = \"office\" }\n");
    ts_scores s = sample();
    double score;
    unsigned char has;
    char *error = NULL;
    ts_strategy_scores(p, &s, 1, &score, &has, &error);
    ck_assert_ptr_nonnull(error);
    ck_assert_int_eq(has, 0);
    ck_assert_msg(strstr(error, "the policy's strategy function failed: ") ==
                          error &&
                      strstr(error, ": the strategy function returned 2; it "
                                    "must return a number in [0, 1] or "
                                    "nil") != NULL,
                  "%s", error);
    free(error);
    assay_policy_free(p);
}
END_TEST

START_TEST(unclaimed_domains_are_ignored_by_default)
{
    unsigned char has;
    ts_scores s = sample();
    s.scored |= CONN; /* scored, not claimed */
    s.score[HUB_CONNECTIVITY] = 1;
    ck_assert_double_eq(score_of("", s, &has), 0.5);
    ck_assert_double_eq(score_of("unclaimed \"include\"", s, &has), 0.625);
}
END_TEST

START_TEST(a_record_claiming_nothing_counts_every_scored_domain)
{
    unsigned char has;
    ts_scores s = sample();
    s.claimed = 0;
    ck_assert_double_eq(score_of("", s, &has), 0.5);
}
END_TEST

START_TEST(a_claimed_domain_without_score_can_count_as_zero)
{
    unsigned char has;
    ts_scores s = sample();
    s.claimed |= CONN; /* claimed, no score */
    ck_assert_double_eq(score_of("", s, &has), 0.5);
    ck_assert_double_eq(score_of("missing \"zero\"", s, &has), 0.375);
}
END_TEST

START_TEST(no_counted_domain_means_no_score)
{
    unsigned char has = 1;
    ts_scores s = {{0}, 0, AI};
    score_of("", s, &has);
    ck_assert_int_eq(has, 0);
}
END_TEST

START_TEST(topsis_over_the_batch)
{
    /* Three records on ai and business, equal weights: (0.9, 0.6),
     * (0.5, 0.8), (0.1, 0.2). By hand (Python): column norms 1.0344 and
     * 1.0198; weighted normalised values 0.5 * x / norm; ideal = column
     * maxima, anti-ideal = minima; closeness 0.8156, 0.6455, 0. */
    assay_policy *p = ts_policy("strategy \"topsis\"\n"
                                "weights { ai = 1, business = 1 }\n"
                                "always { \"business\" }\n"
                                "tier { name = \"t\", min_score = 0, "
                                "capacity = 1, requires = \"office\" }\n");
    ts_scores s[3] = {{{0}, AI | BIZ, AI},
                                {{0}, AI | BIZ, AI},
                                {{0}, AI | BIZ, AI}};
    double x[3][2] = {{0.9, 0.6}, {0.5, 0.8}, {0.1, 0.2}};
    for (int i = 0; i < 3; i++) {
        s[i].score[HUB_AI] = x[i][0];
        s[i].score[HUB_BUSINESS] = x[i][1];
    }
    double score[3];
    unsigned char has[3];
    char *errors[3] = {NULL};
    ts_strategy_scores(p, s, 3, score, has, errors);
    ck_assert_double_eq(score[0], 0.8156);
    ck_assert_double_eq(score[1], 0.6455);
    ck_assert_double_eq(score[2], 0);
    assay_policy_free(p);
}
END_TEST

START_TEST(topsis_cost_criterion_inverts_a_domain)
{
    /* The same records with business as a cost: the ideal takes the
     * smallest business value, so r3 gains and r2 falls. By hand (Python):
     * closeness 0.6704, 0.3545, 0.4321. */
    assay_policy *p = ts_policy("strategy \"topsis\"\n"
                                "weights { ai = 1, business = 1 }\n"
                                "always { \"business\" }\n"
                                "cost { \"business\" }\n"
                                "tier { name = \"t\", min_score = 0, "
                                "capacity = 1, requires = \"office\" }\n");
    ts_scores s[3] = {{{0}, AI | BIZ, AI},
                                {{0}, AI | BIZ, AI},
                                {{0}, AI | BIZ, AI}};
    double x[3][2] = {{0.9, 0.6}, {0.5, 0.8}, {0.1, 0.2}};
    for (int i = 0; i < 3; i++) {
        s[i].score[HUB_AI] = x[i][0];
        s[i].score[HUB_BUSINESS] = x[i][1];
    }
    double score[3];
    unsigned char has[3];
    char *errors[3] = {NULL};
    ts_strategy_scores(p, s, 3, score, has, errors);
    ck_assert_double_eq(score[0], 0.6704);
    ck_assert_double_eq(score[1], 0.3545);
    ck_assert_double_eq(score[2], 0.4321);
    assay_policy_free(p);
}
END_TEST

START_TEST(topsis_gives_a_missing_domain_the_worst_value_observed)
{
    /* r2 does not claim connectivity: its value is the column's worst
     * (0.4), so r2 equals r3 and both score the same. */
    assay_policy *p = ts_policy("strategy \"topsis\"\n"
                                "weights { connectivity = 1, business = 1 }\n"
                                "always { \"business\" }\n"
                                "tier { name = \"t\", min_score = 0, "
                                "capacity = 1, requires = \"office\" }\n");
    ts_scores s[3] = {{{0}, CONN | BIZ, CONN},
                                {{0}, BIZ, AI},
                                {{0}, CONN | BIZ, CONN}};
    s[0].score[HUB_CONNECTIVITY] = 0.9;
    s[0].score[HUB_BUSINESS] = 0.7;
    s[1].score[HUB_BUSINESS] = 0.3;
    s[2].score[HUB_CONNECTIVITY] = 0.4;
    s[2].score[HUB_BUSINESS] = 0.3;
    double score[3];
    unsigned char has[3];
    char *errors[3] = {NULL};
    ts_strategy_scores(p, s, 3, score, has, errors);
    ck_assert_double_eq(score[0], 1);
    ck_assert_double_eq(score[1], 0);
    ck_assert_double_eq(score[2], 0);
    assay_policy_free(p);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("strategy");
    TCase *tc = tcase_create("strategy");
    tcase_add_test(tc, weighted_mean_by_domain_weight);
    tcase_add_test(tc, weighted_mean_rounds_to_four_decimals);
    tcase_add_test(tc, min_takes_the_weakest_domain);
    tcase_add_test(tc, max_takes_the_strongest_domain);
    tcase_add_test(tc, a_weight_of_zero_leaves_a_domain_out);
    tcase_add_test(tc, lua_function_gets_the_counted_domain_scores);
    tcase_add_test(tc, lua_function_may_leave_a_record_unscored);
    tcase_add_test(tc, lua_function_out_of_range_is_a_record_error);
    tcase_add_test(tc, unclaimed_domains_are_ignored_by_default);
    tcase_add_test(tc, a_record_claiming_nothing_counts_every_scored_domain);
    tcase_add_test(tc, a_claimed_domain_without_score_can_count_as_zero);
    tcase_add_test(tc, no_counted_domain_means_no_score);
    tcase_add_test(tc, topsis_over_the_batch);
    tcase_add_test(tc, topsis_cost_criterion_inverts_a_domain);
    tcase_add_test(tc, topsis_gives_a_missing_domain_the_worst_value_observed);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
