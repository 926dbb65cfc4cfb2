/* The first decision rule: veto, flag, unscored, and the two thresholds
 * with their exact boundaries. */
#include "test_support.h"
#include "threshold_decision.h"

static assay_result r;
static const assay_thresholds defaults = {ASSAY_DEFAULT_ACCEPT_THRESHOLD,
                                          ASSAY_DEFAULT_REVIEW_THRESHOLD};

static void setup(void)
{
    assay_result_init(&r);
}

static void teardown(void)
{
    assay_result_free(&r);
}

static assay_decision decide_score(double score)
{
    r.score = score;
    r.scored = 1;
    return assay_decide_by_threshold(&r, &defaults);
}

START_TEST(veto_rejects_whatever_the_score)
{
    assay_result_add_veto(&r, "rule", "plugin", "no");
    assay_result_add_flag(&r, "rule", "plugin", "look");
    ck_assert_int_eq(decide_score(1.0), ASSAY_DECISION_REJECT);
}
END_TEST

START_TEST(flag_holds_a_high_score_for_review)
{
    assay_result_add_flag(&r, "rule", "plugin", "look");
    ck_assert_int_eq(decide_score(0.95), ASSAY_DECISION_REVIEW);
}
END_TEST

START_TEST(flag_lifts_a_low_score_to_review)
{
    assay_result_add_flag(&r, "rule", "plugin", "look");
    ck_assert_int_eq(decide_score(0.1), ASSAY_DECISION_REVIEW);
}
END_TEST

START_TEST(unscored_record_is_reviewed)
{
    ck_assert_int_eq(assay_decide_by_threshold(&r, &defaults),
                     ASSAY_DECISION_REVIEW);
}
END_TEST

START_TEST(accept_threshold_is_inclusive)
{
    ck_assert_int_eq(decide_score(0.7), ASSAY_DECISION_ACCEPT);
    ck_assert_int_eq(decide_score(0.6999), ASSAY_DECISION_REVIEW);
}
END_TEST

START_TEST(review_threshold_is_inclusive)
{
    ck_assert_int_eq(decide_score(0.5), ASSAY_DECISION_REVIEW);
    ck_assert_int_eq(decide_score(0.4999), ASSAY_DECISION_REJECT);
    ck_assert_int_eq(decide_score(0.0), ASSAY_DECISION_REJECT);
}
END_TEST

START_TEST(score_is_compared_as_printed)
{
    /* 0.69996 prints as 0.7, so a reader expects accept. */
    ck_assert_int_eq(decide_score(0.69996), ASSAY_DECISION_ACCEPT);
    ck_assert_int_eq(decide_score(0.69994), ASSAY_DECISION_REVIEW);
}
END_TEST

START_TEST(thresholds_can_be_set)
{
    assay_thresholds t = {0.9, 0.2};
    r.score = 0.85;
    r.scored = 1;
    ck_assert_int_eq(assay_decide_by_threshold(&r, &t), ASSAY_DECISION_REVIEW);
    r.score = 0.2;
    ck_assert_int_eq(assay_decide_by_threshold(&r, &t), ASSAY_DECISION_REVIEW);
    r.score = 0.19;
    ck_assert_int_eq(assay_decide_by_threshold(&r, &t), ASSAY_DECISION_REJECT);
}
END_TEST

START_TEST(engine_refuses_thresholds_out_of_order)
{
    char err[256];
    assay_engine *e = assay_engine_new();
    ck_assert_int_ne(assay_engine_set_thresholds(e, 0.4, 0.6, err, sizeof err),
                     0);
    ck_assert_str_eq(err, "thresholds must satisfy 0 <= review <= accept <= "
                          "1 (got accept 0.4, review 0.6)");
    ck_assert_int_ne(assay_engine_set_thresholds(e, 1.5, 0.6, err, sizeof err),
                     0);
    ck_assert_int_eq(assay_engine_set_thresholds(e, 0.6, 0.6, err, sizeof err),
                     0);
    ck_assert_double_eq(e->thresholds.accept, 0.6);
    assay_engine_free(e);
}
END_TEST

START_TEST(decisions_have_their_output_names)
{
    ck_assert_str_eq(assay_decision_name(ASSAY_DECISION_ACCEPT), "accept");
    ck_assert_str_eq(assay_decision_name(ASSAY_DECISION_REVIEW), "review");
    ck_assert_str_eq(assay_decision_name(ASSAY_DECISION_REJECT), "reject");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("threshold_decision");
    TCase *tc = tcase_create("threshold_decision");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, veto_rejects_whatever_the_score);
    tcase_add_test(tc, flag_holds_a_high_score_for_review);
    tcase_add_test(tc, flag_lifts_a_low_score_to_review);
    tcase_add_test(tc, unscored_record_is_reviewed);
    tcase_add_test(tc, accept_threshold_is_inclusive);
    tcase_add_test(tc, review_threshold_is_inclusive);
    tcase_add_test(tc, score_is_compared_as_printed);
    tcase_add_test(tc, thresholds_can_be_set);
    tcase_add_test(tc, engine_refuses_thresholds_out_of_order);
    tcase_add_test(tc, decisions_have_their_output_names);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
