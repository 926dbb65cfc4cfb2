/* The autonomous_driving plugin: every rule, with exact scores and reasons,
 * its veto and flag, wrong types and missing data. */
#include <stdio.h>

#include "test_support.h"

static assay_worker *w;

static void setup(void)
{
    w = ts_worker_for_plugin("plugins/autonomous_driving/autonomous_driving.so");
}

static void teardown(void)
{
    ts_worker_done(w);
}

static const assay_result *eval(const char *ad_object)
{
    static char json[2048];
    snprintf(json, sizeof json, "{\"id\":\"T\",\"autonomous_driving\":%s}",
             ad_object);
    return ts_evaluate(w, json);
}

/* ---- ad.safety_case --------------------------------------------------- */

START_TEST(safety_case_ul_4600_scores_full)
{
    const assay_result *r = eval("{\"sae_level\":4,\"safety_case\":\"UL 4600\"}");
    ts_check_finding(r, "ad.safety_case", "1", "safety case follows UL 4600");
    ck_assert_uint_eq(r->veto_count, 0);
}
END_TEST

START_TEST(safety_case_sotif_scores_0_8)
{
    const assay_result *r =
        eval("{\"sae_level\":3,\"safety_case\":\"ISO 21448\"}");
    ts_check_finding(r, "ad.safety_case", "0.8",
                     "safety case follows ISO 21448");
}
END_TEST

START_TEST(safety_case_iso_26262_below_level_3_scores_0_7)
{
    const assay_result *r =
        eval("{\"sae_level\":2,\"safety_case\":\"ISO 26262\"}");
    ts_check_finding(r, "ad.safety_case", "0.7",
                     "safety case follows ISO 26262");
}
END_TEST

START_TEST(safety_case_iso_26262_at_level_3_lacks_sotif)
{
    const assay_result *r =
        eval("{\"sae_level\":3,\"safety_case\":\"ISO 26262\"}");
    ts_check_finding(r, "ad.safety_case", "0.5",
                     "ISO 26262 covers faults but not SOTIF, which SAE "
                     "level 3 needs");
}
END_TEST

START_TEST(safety_case_unknown_standard_scores_0_2)
{
    const assay_result *r = eval("{\"safety_case\":\"ASPICE\"}");
    ts_check_finding(r, "ad.safety_case", "0.2",
                     "safety case \"ASPICE\" is not a recognised standard "
                     "(ISO 26262, ISO 21448, UL 4600)");
}
END_TEST

START_TEST(safety_case_missing_at_level_4_is_vetoed)
{
    const assay_result *r = eval("{\"sae_level\":4,\"safety_case\":null}");
    ts_check_finding(r, "ad.safety_case", "0",
                     "no safety case standard given");
    ts_check_only_mark(r->vetoes, r->veto_count, "ad.safety_case",
                       "SAE level 4 claimed without any safety case "
                       "(ISO 26262, ISO 21448 or UL 4600)");
}
END_TEST

START_TEST(safety_case_missing_at_level_2_scores_0_without_veto)
{
    const assay_result *r = eval("{\"sae_level\":2}");
    ts_check_finding(r, "ad.safety_case", "0",
                     "no safety case standard given");
    ck_assert_uint_eq(r->veto_count, 0);
}
END_TEST

START_TEST(safety_case_of_wrong_type_is_an_error_finding)
{
    const assay_result *r = eval("{\"sae_level\":2,\"safety_case\":26262}");
    ts_check_error(r, "ad.safety_case",
                   "autonomous_driving.safety_case must be a string; fix "
                   "the record's field");
}
END_TEST

START_TEST(sae_level_of_wrong_type_fails_the_rules_that_need_it)
{
    const assay_result *r =
        eval("{\"sae_level\":\"four\",\"safety_case\":\"UL 4600\","
             "\"road_km\":1000}");
    ts_check_error(r, "ad.safety_case",
                   "autonomous_driving.sae_level must be a number; fix the "
                   "record's field");
    ts_check_error(r, "ad.level_evidence",
                   "autonomous_driving.sae_level must be a number; fix the "
                   "record's field");
    ck_assert_uint_eq(r->finding_count, 2);
}
END_TEST

/* ---- ad.level_evidence ------------------------------------------------ */

START_TEST(level_evidence_ample_for_level_2_scores_full)
{
    const assay_result *r =
        eval("{\"sae_level\":2,\"road_km\":410000,\"sim_km\":12000000}");
    ts_check_finding(r, "ad.level_evidence", "1",
                     "SAE level 2 claimed with 410000 road km and 12000000 "
                     "simulated km (530000 km equivalent); the level needs "
                     "10000");
    ck_assert_uint_eq(r->flag_count, 0);
}
END_TEST

START_TEST(level_evidence_counts_simulation_at_one_to_a_hundred)
{
    const assay_result *r =
        eval("{\"sae_level\":3,\"road_km\":20000,\"safety_case\":\"UL 4600\"}");
    ts_check_finding(r, "ad.level_evidence", "0.8602",
                     "SAE level 3 claimed with 20000 road km and 0 simulated "
                     "km (20000 km equivalent); the level needs 100000");
    ck_assert_uint_eq(r->flag_count, 0);
}
END_TEST

START_TEST(level_evidence_under_a_tenth_at_level_3_is_flagged)
{
    const assay_result *r =
        eval("{\"sae_level\":3,\"road_km\":5000,\"sim_km\":100000}");
    ts_check_finding(r, "ad.level_evidence", "0.7556",
                     "SAE level 3 claimed with 5000 road km and 100000 "
                     "simulated km (6000 km equivalent); the level needs "
                     "100000");
    ts_check_only_mark(r->flags, r->flag_count, "ad.level_evidence",
                       "SAE level 3 claimed with under a tenth of the "
                       "driving evidence it needs (6000 of 100000 km)");
}
END_TEST

START_TEST(level_evidence_rejects_fractional_level)
{
    const assay_result *r = eval("{\"sae_level\":2.5,\"road_km\":1000}");
    ts_check_error(r, "ad.level_evidence",
                   "autonomous_driving.sae_level is 2.5; it must be a whole "
                   "number from 0 to 5");
}
END_TEST

START_TEST(level_evidence_does_not_apply_at_level_0_or_without_km)
{
    ck_assert_ptr_null(
        ts_finding(eval("{\"sae_level\":0,\"road_km\":1000}"),
                   "ad.level_evidence"));
    ck_assert_ptr_null(
        ts_finding(eval("{\"sae_level\":2}"), "ad.level_evidence"));
}
END_TEST

/* ---- ad.disengagement_bound ------------------------------------------- */

START_TEST(disengagement_bound_over_many_km_is_close_to_the_rate)
{
    const assay_result *r =
        eval("{\"disengagements_per_1000km\":0.8,\"road_km\":410000}");
    ts_check_finding(r, "ad.disengagement_bound", "0.5286",
                     "0.8 disengagements per 1000 km over 410000 road km; "
                     "95% upper bound 0.88 per 1000 km");
}
END_TEST

START_TEST(disengagement_bound_over_few_km_is_little_evidence)
{
    const assay_result *r =
        eval("{\"disengagements_per_1000km\":0,\"road_km\":80}");
    ts_check_finding(r, "ad.disengagement_bound", "0",
                     "0 disengagements per 1000 km over 80 road km; 95% "
                     "upper bound 37.11 per 1000 km");
}
END_TEST

START_TEST(disengagement_bound_of_a_low_rate_over_2_million_km_scores_full)
{
    const assay_result *r =
        eval("{\"disengagements_per_1000km\":0.05,\"road_km\":2000000}");
    ts_check_finding(r, "ad.disengagement_bound", "1",
                     "0.05 disengagements per 1000 km over 2000000 road km; "
                     "95% upper bound 0.06 per 1000 km");
}
END_TEST

START_TEST(disengagement_rate_without_road_km_is_not_evidence)
{
    const assay_result *r =
        eval("{\"disengagements_per_1000km\":1,\"road_km\":0}");
    ts_check_finding(r, "ad.disengagement_bound", "0",
                     "a disengagement rate of 1 per 1000 km over 0 road km "
                     "is not evidence");
}
END_TEST

START_TEST(disengagement_rate_of_wrong_type_is_an_error_finding)
{
    const assay_result *r =
        eval("{\"disengagements_per_1000km\":\"low\",\"road_km\":500}");
    ts_check_error(r, "ad.disengagement_bound",
                   "autonomous_driving.disengagements_per_1000km must be a "
                   "number; fix the record's field");
}
END_TEST

START_TEST(disengagement_bound_needs_both_fields)
{
    ck_assert_ptr_null(ts_finding(eval("{\"disengagements_per_1000km\":1}"),
                                  "ad.disengagement_bound"));
}
END_TEST

/* ---- ad.simulation_coverage ------------------------------------------- */

START_TEST(simulation_coverage_is_log_scaled_to_ten_million)
{
    ts_check_finding(eval("{\"sim_km\":10000}"), "ad.simulation_coverage",
                     "0.5714", "10000 simulated km (10 million for full "
                               "marks)");
    ts_check_finding(eval("{\"sim_km\":12000000}"), "ad.simulation_coverage",
                     "1", "12000000 simulated km (10 million for full "
                          "marks)");
}
END_TEST

START_TEST(simulation_km_of_wrong_type_is_an_error_finding)
{
    ts_check_error(eval("{\"sim_km\":[1]}"), "ad.simulation_coverage",
                   "autonomous_driving.sim_km must be a number; fix the "
                   "record's field");
}
END_TEST

/* ---- the plugin as a whole -------------------------------------------- */

START_TEST(domain_object_of_wrong_type_fails_every_rule)
{
    const char *msg =
        "autonomous_driving must be an object of fields, found a number; "
        "fix the record's field";
    const assay_result *r = eval("4");
    ck_assert_uint_eq(r->finding_count, 4);
    ts_check_error(r, "ad.safety_case", msg);
    ts_check_error(r, "ad.level_evidence", msg);
    ts_check_error(r, "ad.disengagement_bound", msg);
    ts_check_error(r, "ad.simulation_coverage", msg);
}
END_TEST

START_TEST(record_without_autonomous_driving_gets_no_findings)
{
    const assay_result *r =
        ts_evaluate(w, "{\"id\":\"T\",\"domains\":[\"autonomous_driving\"]}");
    ck_assert_uint_eq(r->finding_count, 0);
    ck_assert_uint_eq(r->veto_count, 0);
    ck_assert_uint_eq(r->flag_count, 0);
}
END_TEST

START_TEST(domain_score_is_the_weighted_mean_of_the_rules)
{
    /* 2*0.7 + 1.5*1 + 2*0.5286 + 1*1 over weight 6.5 */
    const assay_result *r =
        eval("{\"sae_level\":2,\"disengagements_per_1000km\":0.8,"
             "\"sim_km\":12000000,\"road_km\":410000,"
             "\"safety_case\":\"ISO 26262\"}");
    ck_assert_uint_eq(r->finding_count, 4);
    ck_assert_str_eq(ts_score(r->domain_score[ts_domain(r, "autonomous_driving")]),
                     "0.7626");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("plugin_autonomous_driving");
    TCase *tc = tcase_create("rules");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, safety_case_ul_4600_scores_full);
    tcase_add_test(tc, safety_case_sotif_scores_0_8);
    tcase_add_test(tc, safety_case_iso_26262_below_level_3_scores_0_7);
    tcase_add_test(tc, safety_case_iso_26262_at_level_3_lacks_sotif);
    tcase_add_test(tc, safety_case_unknown_standard_scores_0_2);
    tcase_add_test(tc, safety_case_missing_at_level_4_is_vetoed);
    tcase_add_test(tc, safety_case_missing_at_level_2_scores_0_without_veto);
    tcase_add_test(tc, safety_case_of_wrong_type_is_an_error_finding);
    tcase_add_test(tc, sae_level_of_wrong_type_fails_the_rules_that_need_it);
    tcase_add_test(tc, level_evidence_ample_for_level_2_scores_full);
    tcase_add_test(tc, level_evidence_counts_simulation_at_one_to_a_hundred);
    tcase_add_test(tc, level_evidence_under_a_tenth_at_level_3_is_flagged);
    tcase_add_test(tc, level_evidence_rejects_fractional_level);
    tcase_add_test(tc, level_evidence_does_not_apply_at_level_0_or_without_km);
    tcase_add_test(tc, disengagement_bound_over_many_km_is_close_to_the_rate);
    tcase_add_test(tc, disengagement_bound_over_few_km_is_little_evidence);
    tcase_add_test(tc,
                   disengagement_bound_of_a_low_rate_over_2_million_km_scores_full);
    tcase_add_test(tc, disengagement_rate_without_road_km_is_not_evidence);
    tcase_add_test(tc, disengagement_rate_of_wrong_type_is_an_error_finding);
    tcase_add_test(tc, disengagement_bound_needs_both_fields);
    tcase_add_test(tc, simulation_coverage_is_log_scaled_to_ten_million);
    tcase_add_test(tc, simulation_km_of_wrong_type_is_an_error_finding);
    tcase_add_test(tc, domain_object_of_wrong_type_fails_every_rule);
    tcase_add_test(tc, record_without_autonomous_driving_gets_no_findings);
    tcase_add_test(tc, domain_score_is_the_weighted_mean_of_the_rules);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
