/* The host side of the ABI: what a plugin's reports become. */
#include "engine/domain.h"
#include "test_support.h"

static assay_worker *w;

static void setup(void)
{
    w = ts_worker_for_plugin("tests/plugins/good.so");
}

static void teardown(void)
{
    ts_worker_done(w);
}

START_TEST(finding_carries_rule_plugin_domain_weight_and_reason)
{
    const assay_result *r =
        ts_evaluate(w, "{\"id\":\"H\",\"good\":{\"score\":0.25}}");
    ck_assert_uint_eq(r->finding_count, 1);
    const assay_finding *f = &r->findings[0];
    ck_assert_str_eq(f->rule, "good.rule");
    ck_assert_str_eq(f->plugin, "good");
    ck_assert_int_eq(f->domain, ts_domain(r, "cloud"));
    ck_assert_double_eq(f->score, 0.25);
    ck_assert_double_eq(f->weight, 1.0);
    ck_assert_str_eq(f->reason, "good.score is 0.25");
}
END_TEST

START_TEST(rule_declared_in_another_domain_scores_there)
{
    const assay_result *r =
        ts_evaluate(w, "{\"id\":\"H\",\"good\":{\"business_score\":0.5}}");
    ck_assert_int_eq(ts_finding(r, "good.business")->domain,
                     ts_domain(r, "business"));
}
END_TEST

START_TEST(scores_outside_0_to_1_are_clamped)
{
    ck_assert_double_eq(
        ts_evaluate(w, "{\"id\":\"H\",\"good\":{\"score\":1.7}}")
            ->findings[0]
            .score,
        1.0);
    ck_assert_double_eq(
        ts_evaluate(w, "{\"id\":\"H\",\"good\":{\"score\":-2}}")
            ->findings[0]
            .score,
        0.0);
}
END_TEST

START_TEST(non_finite_score_is_an_error_finding)
{
    ts_check_error(ts_evaluate(w, "{\"id\":\"H\",\"good\":{\"score\":1e999}}"),
                   "good.rule",
                   "rule returned score inf with weight 1; a score must be a "
                   "number in [0, 1] and a weight a number in (0, 1e+06]");
}
END_TEST

START_TEST(veto_and_flag_name_rule_and_plugin)
{
    const assay_result *r = ts_evaluate(
        w, "{\"id\":\"H\",\"good\":{\"veto\":true,\"flag\":true}}");
    ts_check_only_mark(r->vetoes, r->veto_count, "good.rule",
                       "vetoed by good.veto");
    ck_assert_str_eq(r->vetoes[0].plugin, "good");
    ts_check_only_mark(r->flags, r->flag_count, "good.rule",
                       "flagged by good.flag");
}
END_TEST

START_TEST(plugin_failing_on_a_record_is_an_error_finding)
{
    const assay_result *r =
        ts_evaluate(w, "{\"id\":\"H\",\"good\":{\"fail\":true}}");
    ts_check_error(r, "good", "plugin failed on this record");
    ck_assert_str_eq(ts_finding(r, "good")->plugin, "good");
    /* The next record is unaffected. */
    r = ts_evaluate(w, "{\"id\":\"H2\",\"good\":{\"score\":1}}");
    ck_assert_uint_eq(r->finding_count, 1);
    ck_assert_uint_eq(assay_result_error_count(r), 0);
}
END_TEST

START_TEST(undeclared_rule_is_an_error_finding_of_the_plugin)
{
    assay_worker *u = ts_worker_for_plugin("tests/plugins/undeclared.so");
    const assay_result *r = ts_evaluate(u, "{\"id\":\"H\"}");
    ck_assert_uint_eq(r->finding_count, 1);
    ts_check_error(r, "undeclared",
                   "plugin \"undeclared\" reported undeclared rule \"ghost\" "
                   "to host->finding; add it to the plugin's rule list");
    ck_assert_str_eq(r->findings[0].plugin, "undeclared");
    ts_worker_done(u);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("host");
    TCase *tc = tcase_create("host");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, finding_carries_rule_plugin_domain_weight_and_reason);
    tcase_add_test(tc, rule_declared_in_another_domain_scores_there);
    tcase_add_test(tc, scores_outside_0_to_1_are_clamped);
    tcase_add_test(tc, non_finite_score_is_an_error_finding);
    tcase_add_test(tc, veto_and_flag_name_rule_and_plugin);
    tcase_add_test(tc, plugin_failing_on_a_record_is_an_error_finding);
    tcase_add_test(tc, undeclared_rule_is_an_error_finding_of_the_plugin);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
