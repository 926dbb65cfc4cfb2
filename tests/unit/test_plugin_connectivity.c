/* The connectivity plugin: every rule, with exact scores and reasons, its
 * flag, wrong types and missing data. */
#include <stdio.h>

#include "test_support.h"

static assay_worker *w;

static void setup(void)
{
    w = ts_worker_for_plugin("plugins/connectivity/connectivity.so");
}

static void teardown(void)
{
    ts_worker_done(w);
}

static const assay_result *eval(const char *conn_object)
{
    static char json[2048];
    snprintf(json, sizeof json, "{\"id\":\"T\",\"connectivity\":%s}",
             conn_object);
    return ts_evaluate(w, json);
}

/* ---- conn.v2x_readiness ----------------------------------------------- */

START_TEST(v2x_with_5g_scores_full)
{
    ts_check_finding(eval("{\"tech\":[\"C-V2X\",\"5G\",\"LTE\"]}"),
                     "conn.v2x_readiness", "1",
                     "C-V2X with 5G: direct (PC5) links and a 5G network "
                     "path (tech: C-V2X, 5G, LTE)");
}
END_TEST

START_TEST(v2x_without_5g_scores_0_8)
{
    ts_check_finding(eval("{\"tech\":[\"C-V2X\",\"LTE\"]}"),
                     "conn.v2x_readiness", "0.8",
                     "C-V2X without 5G: direct (PC5) links, no 5G network "
                     "path (tech: C-V2X, LTE)");
}
END_TEST

START_TEST(only_5g_scores_0_5)
{
    ts_check_finding(eval("{\"tech\":[\"5G\",\"Wi-Fi 6\"]}"),
                     "conn.v2x_readiness", "0.5",
                     "5G without C-V2X: network links only, no direct "
                     "vehicle-to-vehicle path (tech: 5G, Wi-Fi 6)");
}
END_TEST

START_TEST(dsrc_without_c_v2x_scores_0_3_and_is_flagged)
{
    const assay_result *r = eval("{\"tech\":[\"DSRC\",\"LTE\"]}");
    ts_check_finding(r, "conn.v2x_readiness", "0.3",
                     "DSRC without C-V2X (tech: DSRC, LTE)");
    ts_check_only_mark(r->flags, r->flag_count, "conn.v2x_readiness",
                       "DSRC without C-V2X: China's 5.9 GHz V2X band "
                       "(5905-5925 MHz) is allocated to LTE-V2X, so check "
                       "the target market");
}
END_TEST

START_TEST(dsrc_beside_c_v2x_is_not_flagged)
{
    const assay_result *r = eval("{\"tech\":[\"DSRC\",\"C-V2X\"]}");
    ts_check_finding(r, "conn.v2x_readiness", "0.8",
                     "C-V2X without 5G: direct (PC5) links, no 5G network "
                     "path (tech: DSRC, C-V2X)");
    ck_assert_uint_eq(r->flag_count, 0);
}
END_TEST

START_TEST(lte_only_scores_0_2)
{
    ts_check_finding(eval("{\"tech\":[\"LTE\"]}"), "conn.v2x_readiness",
                     "0.2", "LTE only: neither 5G nor C-V2X (tech: LTE)");
}
END_TEST

START_TEST(neither_5g_nor_v2x_scores_0)
{
    ts_check_finding(eval("{\"tech\":[\"Wi-Fi 6\"]}"), "conn.v2x_readiness",
                     "0", "neither 5G nor C-V2X (tech: Wi-Fi 6)");
    ts_check_finding(eval("{\"tech\":[]}"), "conn.v2x_readiness", "0",
                     "neither 5G nor C-V2X (tech: none)");
}
END_TEST

START_TEST(tech_as_a_string_is_an_error_finding)
{
    ts_check_error(eval("{\"tech\":\"5G\"}"), "conn.v2x_readiness",
                   "connectivity.tech must be an array of strings, e.g. "
                   "[\"5G\", \"C-V2X\"]; fix the record's field");
}
END_TEST

START_TEST(tech_element_of_wrong_type_is_an_error_finding)
{
    ts_check_error(eval("{\"tech\":[\"5G\",5]}"), "conn.v2x_readiness",
                   "connectivity.tech element 2 is not a string; list "
                   "technologies by name, e.g. \"C-V2X\"");
}
END_TEST

/* ---- conn.latency ----------------------------------------------------- */

START_TEST(latency_within_advanced_v2x_scores_full)
{
    ts_check_finding(eval("{\"latency_ms\":9}"), "conn.latency", "1",
                     "9 ms end-to-end latency meets the 3-10 ms of advanced "
                     "V2X (3GPP TS 22.186)");
    ts_check_finding(eval("{\"latency_ms\":10}"), "conn.latency", "1",
                     "10 ms end-to-end latency meets the 3-10 ms of advanced "
                     "V2X (3GPP TS 22.186)");
}
END_TEST

START_TEST(latency_within_basic_safety_messages_is_log_scaled)
{
    ts_check_finding(eval("{\"latency_ms\":18}"), "conn.latency", "0.8724",
                     "18 ms end-to-end latency: within the 100 ms of basic "
                     "safety messages (3GPP TS 22.185), above the 10 ms of "
                     "advanced V2X (TS 22.186)");
    ts_check_finding(eval("{\"latency_ms\":100}"), "conn.latency", "0.5",
                     "100 ms end-to-end latency: within the 100 ms of basic "
                     "safety messages (3GPP TS 22.185), above the 10 ms of "
                     "advanced V2X (TS 22.186)");
}
END_TEST

START_TEST(latency_over_100_ms_misses_basic_safety_messages)
{
    ts_check_finding(eval("{\"latency_ms\":300}"), "conn.latency", "0.2614",
                     "300 ms end-to-end latency exceeds the 100 ms that "
                     "basic safety messages allow (3GPP TS 22.185)");
    ts_check_finding(eval("{\"latency_ms\":1000}"), "conn.latency", "0",
                     "1000 ms end-to-end latency exceeds the 100 ms that "
                     "basic safety messages allow (3GPP TS 22.185)");
}
END_TEST

START_TEST(latency_of_zero_is_an_error_finding)
{
    ts_check_error(eval("{\"latency_ms\":0}"), "conn.latency",
                   "connectivity.latency_ms is 0; it must be a positive "
                   "number of milliseconds");
}
END_TEST

START_TEST(latency_of_wrong_type_is_an_error_finding)
{
    ts_check_error(eval("{\"latency_ms\":\"fast\"}"), "conn.latency",
                   "connectivity.latency_ms must be a number; fix the "
                   "record's field");
}
END_TEST

/* ---- conn.certification ----------------------------------------------- */

START_TEST(certified_scores_full)
{
    ts_check_finding(eval("{\"certified\":true}"), "conn.certification", "1",
                     "V2X equipment certified (connectivity.certified is "
                     "true)");
}
END_TEST

START_TEST(not_certified_scores_0_3)
{
    ts_check_finding(eval("{\"certified\":false}"), "conn.certification",
                     "0.3",
                     "V2X equipment not certified yet (connectivity."
                     "certified is false); road deployment needs it");
}
END_TEST

START_TEST(certified_of_wrong_type_is_an_error_finding)
{
    ts_check_error(eval("{\"certified\":\"yes\"}"), "conn.certification",
                   "connectivity.certified must be true or false; fix the "
                   "record's field");
}
END_TEST

/* ---- missing data and the plugin as a whole --------------------------- */

START_TEST(null_fields_do_not_apply)
{
    const assay_result *r =
        eval("{\"tech\":null,\"latency_ms\":null,\"certified\":null}");
    ck_assert_uint_eq(r->finding_count, 0);
    ck_assert(!r->domain_scored[ts_domain(r, "connectivity")]);
}
END_TEST

START_TEST(domain_object_of_wrong_type_fails_every_rule)
{
    const char *msg =
        "connectivity must be an object of fields, found a string; fix "
        "the record's field";
    const assay_result *r = eval("\"5G\"");
    ck_assert_uint_eq(r->finding_count, 3);
    ts_check_error(r, "conn.v2x_readiness", msg);
    ts_check_error(r, "conn.latency", msg);
    ts_check_error(r, "conn.certification", msg);
}
END_TEST

START_TEST(record_without_connectivity_gets_no_findings)
{
    const assay_result *r =
        ts_evaluate(w, "{\"id\":\"T\",\"domains\":[\"connectivity\"]}");
    ck_assert_uint_eq(r->finding_count, 0);
}
END_TEST

START_TEST(domain_score_is_the_weighted_mean_of_the_rules)
{
    /* (2*1 + 2*0.8724 + 1*1) / 5 */
    const assay_result *r = eval("{\"tech\":[\"C-V2X\",\"5G\",\"LTE\"],"
                                 "\"latency_ms\":18,\"certified\":true}");
    ck_assert_uint_eq(r->finding_count, 3);
    ck_assert_str_eq(ts_score(r->domain_score[ts_domain(r, "connectivity")]),
                     "0.9489");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("plugin_connectivity");
    TCase *tc = tcase_create("rules");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, v2x_with_5g_scores_full);
    tcase_add_test(tc, v2x_without_5g_scores_0_8);
    tcase_add_test(tc, only_5g_scores_0_5);
    tcase_add_test(tc, dsrc_without_c_v2x_scores_0_3_and_is_flagged);
    tcase_add_test(tc, dsrc_beside_c_v2x_is_not_flagged);
    tcase_add_test(tc, lte_only_scores_0_2);
    tcase_add_test(tc, neither_5g_nor_v2x_scores_0);
    tcase_add_test(tc, tech_as_a_string_is_an_error_finding);
    tcase_add_test(tc, tech_element_of_wrong_type_is_an_error_finding);
    tcase_add_test(tc, latency_within_advanced_v2x_scores_full);
    tcase_add_test(tc, latency_within_basic_safety_messages_is_log_scaled);
    tcase_add_test(tc, latency_over_100_ms_misses_basic_safety_messages);
    tcase_add_test(tc, latency_of_zero_is_an_error_finding);
    tcase_add_test(tc, latency_of_wrong_type_is_an_error_finding);
    tcase_add_test(tc, certified_scores_full);
    tcase_add_test(tc, not_certified_scores_0_3);
    tcase_add_test(tc, certified_of_wrong_type_is_an_error_finding);
    tcase_add_test(tc, null_fields_do_not_apply);
    tcase_add_test(tc, domain_object_of_wrong_type_fails_every_rule);
    tcase_add_test(tc, record_without_connectivity_gets_no_findings);
    tcase_add_test(tc, domain_score_is_the_weighted_mean_of_the_rules);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
