/* The ai plugin: every rule, with exact scores and reasons, its flag, wrong
 * types and missing data. */
#include <stdio.h>

#include "test_support.h"

static assay_worker *w;

static void setup(void)
{
    w = ts_worker_for_plugin("plugins/ai/ai.so");
}

static void teardown(void)
{
    ts_worker_done(w);
}

static const assay_result *eval(const char *ai_object)
{
    static char json[2048];
    snprintf(json, sizeof json, "{\"id\":\"T\",\"ai\":%s}", ai_object);
    return ts_evaluate(w, json);
}

/* ---- ai.benchmark_quality --------------------------------------------- */

START_TEST(benchmark_map_is_scored_between_0_30_and_0_75)
{
    ts_check_finding(eval("{\"benchmarks\":{\"mAP\":0.71}}"),
                     "ai.benchmark_quality", "0.9111",
                     "benchmark mAP 0.71 (0.75 or more for full marks, 0.30 "
                     "or less scores 0)");
    ts_check_finding(eval("{\"benchmarks\":{\"mAP\":0.52}}"),
                     "ai.benchmark_quality", "0.4889",
                     "benchmark mAP 0.52 (0.75 or more for full marks, 0.30 "
                     "or less scores 0)");
}
END_TEST

START_TEST(benchmark_map_at_the_ends_scores_0_and_1)
{
    ts_check_finding(eval("{\"benchmarks\":{\"mAP\":0.2}}"),
                     "ai.benchmark_quality", "0",
                     "benchmark mAP 0.20 (0.75 or more for full marks, 0.30 "
                     "or less scores 0)");
    ts_check_finding(eval("{\"benchmarks\":{\"mAP\":0.88}}"),
                     "ai.benchmark_quality", "1",
                     "benchmark mAP 0.88 (0.75 or more for full marks, 0.30 "
                     "or less scores 0)");
}
END_TEST

START_TEST(benchmark_map_as_a_percentage_is_an_error_finding)
{
    ts_check_error(eval("{\"benchmarks\":{\"mAP\":71}}"),
                   "ai.benchmark_quality",
                   "ai.benchmarks.mAP is 71; give it as a fraction from 0 to "
                   "1 (71% is 0.71)");
}
END_TEST

START_TEST(benchmark_map_of_wrong_type_is_an_error_finding)
{
    ts_check_error(eval("{\"benchmarks\":{\"mAP\":\"high\"}}"),
                   "ai.benchmark_quality",
                   "ai.benchmarks.mAP must be a number; fix the record's "
                   "field");
}
END_TEST

START_TEST(very_high_map_from_little_data_is_flagged)
{
    const assay_result *r =
        eval("{\"data_hours\":40,\"benchmarks\":{\"mAP\":0.95}}");
    ts_check_finding(r, "ai.benchmark_quality", "1",
                     "benchmark mAP 0.95 (0.75 or more for full marks, 0.30 "
                     "or less scores 0)");
    ts_check_only_mark(r->flags, r->flag_count, "ai.benchmark_quality",
                       "mAP 0.95 from only 40 hours of training data: check "
                       "the benchmark for test-set overlap or overfitting");
}
END_TEST

START_TEST(very_high_map_from_ample_data_is_not_flagged)
{
    const assay_result *r =
        eval("{\"data_hours\":1000,\"benchmarks\":{\"mAP\":0.95}}");
    ck_assert_uint_eq(r->flag_count, 0);
}
END_TEST

/* ---- ai.inference_latency --------------------------------------------- */

START_TEST(latency_within_a_camera_frame_scores_full)
{
    ts_check_finding(eval("{\"benchmarks\":{\"latency_ms\":33}}"),
                     "ai.inference_latency", "1",
                     "33 ms per inference keeps up with a 30 fps camera "
                     "(33 ms a frame)");
}
END_TEST

START_TEST(latency_within_100_ms_is_log_scaled)
{
    ts_check_finding(eval("{\"benchmarks\":{\"latency_ms\":60}}"),
                     "ai.inference_latency", "0.7304",
                     "60 ms per inference: slower than a 30 fps camera frame "
                     "(33 ms), within the 100 ms an in-car perception loop "
                     "allows");
    ts_check_finding(eval("{\"benchmarks\":{\"latency_ms\":100}}"),
                     "ai.inference_latency", "0.5",
                     "100 ms per inference: slower than a 30 fps camera "
                     "frame (33 ms), within the 100 ms an in-car perception "
                     "loop allows");
}
END_TEST

START_TEST(latency_over_100_ms_is_too_slow_for_the_car)
{
    ts_check_finding(eval("{\"benchmarks\":{\"latency_ms\":210}}"),
                     "ai.inference_latency", "0.3389",
                     "210 ms per inference exceeds the 100 ms an in-car "
                     "perception loop allows");
    ts_check_finding(eval("{\"benchmarks\":{\"latency_ms\":1500}}"),
                     "ai.inference_latency", "0",
                     "1500 ms per inference exceeds the 100 ms an in-car "
                     "perception loop allows");
}
END_TEST

START_TEST(negative_latency_is_an_error_finding)
{
    ts_check_error(eval("{\"benchmarks\":{\"latency_ms\":-3}}"),
                   "ai.inference_latency",
                   "ai.benchmarks.latency_ms is -3; it must be a positive "
                   "number of milliseconds");
}
END_TEST

START_TEST(latency_of_wrong_type_is_an_error_finding)
{
    ts_check_error(eval("{\"benchmarks\":{\"latency_ms\":true}}"),
                   "ai.inference_latency",
                   "ai.benchmarks.latency_ms must be a number; fix the "
                   "record's field");
}
END_TEST

/* ---- ai.edge_deployment ----------------------------------------------- */

START_TEST(edge_deployment_scores_full)
{
    ts_check_finding(eval("{\"edge_deploy\":true}"), "ai.edge_deployment",
                     "1",
                     "runs on in-vehicle edge hardware (ai.edge_deploy is "
                     "true)");
}
END_TEST

START_TEST(cloud_only_scores_0_3)
{
    ts_check_finding(eval("{\"edge_deploy\":false}"), "ai.edge_deployment",
                     "0.3",
                     "cloud inference only (ai.edge_deploy is false); in-car "
                     "use needs on-board deployment");
}
END_TEST

START_TEST(edge_deploy_of_wrong_type_is_an_error_finding)
{
    ts_check_error(eval("{\"edge_deploy\":1}"), "ai.edge_deployment",
                   "ai.edge_deploy must be true or false; fix the record's "
                   "field");
}
END_TEST

/* ---- ai.training_data ------------------------------------------------- */

START_TEST(training_data_is_log_scaled_to_100000_hours)
{
    ts_check_finding(eval("{\"data_hours\":0}"), "ai.training_data", "0",
                     "0 hours of training data (100000 for full marks)");
    ts_check_finding(eval("{\"data_hours\":120}"), "ai.training_data",
                     "0.4166",
                     "120 hours of training data (100000 for full marks)");
    ts_check_finding(eval("{\"data_hours\":42000}"), "ai.training_data",
                     "0.9247",
                     "42000 hours of training data (100000 for full marks)");
    ts_check_finding(eval("{\"data_hours\":1200000}"), "ai.training_data",
                     "1",
                     "1200000 hours of training data (100000 for full "
                     "marks)");
}
END_TEST

START_TEST(negative_training_data_is_an_error_finding)
{
    ts_check_error(eval("{\"data_hours\":-5}"), "ai.training_data",
                   "ai.data_hours is -5; it must be zero or more hours");
}
END_TEST

START_TEST(training_data_of_wrong_type_is_an_error_finding)
{
    const assay_result *r =
        eval("{\"data_hours\":\"lots\",\"benchmarks\":{\"mAP\":0.95}}");
    ts_check_error(r, "ai.training_data",
                   "ai.data_hours must be a number; fix the record's field");
    ck_assert_uint_eq(r->flag_count, 0);
    ck_assert_uint_eq(assay_result_error_count(r), 1);
}
END_TEST

/* ---- missing data and the plugin as a whole --------------------------- */

START_TEST(null_fields_do_not_apply)
{
    const assay_result *r =
        eval("{\"edge_deploy\":null,\"data_hours\":null,\"benchmarks\":null}");
    ck_assert_uint_eq(r->finding_count, 0);
}
END_TEST

START_TEST(domain_object_of_wrong_type_fails_every_rule)
{
    const char *msg =
        "ai must be an object of fields, found an array; fix the record's "
        "field";
    const assay_result *r = eval("[\"model\"]");
    ck_assert_uint_eq(r->finding_count, 4);
    ts_check_error(r, "ai.benchmark_quality", msg);
    ts_check_error(r, "ai.inference_latency", msg);
    ts_check_error(r, "ai.edge_deployment", msg);
    ts_check_error(r, "ai.training_data", msg);
}
END_TEST

START_TEST(record_without_ai_gets_no_findings)
{
    const assay_result *r =
        ts_evaluate(w, "{\"id\":\"T\",\"domains\":[\"ai\"]}");
    ck_assert_uint_eq(r->finding_count, 0);
}
END_TEST

START_TEST(domain_score_is_the_weighted_mean_of_the_rules)
{
    /* 38 ms scores 1 - 0.5 log10(38/33) / log10(100/33) = 0.9364;
     * (2*0.9111 + 1.5*0.9364 + 1*1 + 1*0.9247) / 5.5 = 0.9366 */
    const assay_result *r =
        eval("{\"edge_deploy\":true,\"data_hours\":42000,"
             "\"benchmarks\":{\"mAP\":0.71,\"latency_ms\":38}}");
    ck_assert_uint_eq(r->finding_count, 4);
    ck_assert_str_eq(ts_score(ts_finding(r, "ai.inference_latency")->score),
                     "0.9364");
    ck_assert_str_eq(ts_score(r->domain_score[ts_domain(r, "ai")]), "0.9366");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("plugin_ai");
    TCase *tc = tcase_create("rules");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, benchmark_map_is_scored_between_0_30_and_0_75);
    tcase_add_test(tc, benchmark_map_at_the_ends_scores_0_and_1);
    tcase_add_test(tc, benchmark_map_as_a_percentage_is_an_error_finding);
    tcase_add_test(tc, benchmark_map_of_wrong_type_is_an_error_finding);
    tcase_add_test(tc, very_high_map_from_little_data_is_flagged);
    tcase_add_test(tc, very_high_map_from_ample_data_is_not_flagged);
    tcase_add_test(tc, latency_within_a_camera_frame_scores_full);
    tcase_add_test(tc, latency_within_100_ms_is_log_scaled);
    tcase_add_test(tc, latency_over_100_ms_is_too_slow_for_the_car);
    tcase_add_test(tc, negative_latency_is_an_error_finding);
    tcase_add_test(tc, latency_of_wrong_type_is_an_error_finding);
    tcase_add_test(tc, edge_deployment_scores_full);
    tcase_add_test(tc, cloud_only_scores_0_3);
    tcase_add_test(tc, edge_deploy_of_wrong_type_is_an_error_finding);
    tcase_add_test(tc, training_data_is_log_scaled_to_100000_hours);
    tcase_add_test(tc, negative_training_data_is_an_error_finding);
    tcase_add_test(tc, training_data_of_wrong_type_is_an_error_finding);
    tcase_add_test(tc, null_fields_do_not_apply);
    tcase_add_test(tc, domain_object_of_wrong_type_fails_every_rule);
    tcase_add_test(tc, record_without_ai_gets_no_findings);
    tcase_add_test(tc, domain_score_is_the_weighted_mean_of_the_rules);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
