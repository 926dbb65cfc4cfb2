/* The cybersecurity plugin: every rule, with exact scores and reasons, its
 * veto and flag, wrong types and missing data. */
#include <stdio.h>

#include "test_support.h"

static assay_worker *w;

static void setup(void)
{
    w = ts_worker_for_plugin("plugins/cybersecurity/cybersecurity.so");
}

static void teardown(void)
{
    ts_worker_done(w);
}

static const assay_result *eval(const char *cyber_object)
{
    static char json[2048];
    snprintf(json, sizeof json, "{\"id\":\"T\",\"cybersecurity\":%s}",
             cyber_object);
    return ts_evaluate(w, json);
}

/* ---- cyber.csms ------------------------------------------------------- */

START_TEST(csms_certified_scores_full)
{
    const assay_result *r = eval("{\"csms\":\"certified\"}");
    ts_check_finding(r, "cyber.csms", "1",
                     "CSMS certified: a UNECE R155 certificate of compliance");
}
END_TEST

START_TEST(csms_implemented_scores_0_6)
{
    const assay_result *r = eval("{\"csms\":\"implemented\"}");
    ts_check_finding(r, "cyber.csms", "0.6",
                     "CSMS implemented but not yet certified under UNECE "
                     "R155");
}
END_TEST

START_TEST(csms_planned_scores_0_2)
{
    const assay_result *r = eval("{\"csms\":\"planned\"}");
    ts_check_finding(r, "cyber.csms", "0.2",
                     "CSMS only planned; UNECE R155 requires one in place "
                     "for type approval");
}
END_TEST

START_TEST(csms_none_absent_or_null_scores_0)
{
    const char *none = "no cybersecurity management system (CSMS), which "
                       "UNECE R155 requires for type approval";
    ts_check_finding(eval("{\"csms\":\"none\"}"), "cyber.csms", "0", none);
    ts_check_finding(eval("{\"csms\":null}"), "cyber.csms", "0", none);
    ts_check_finding(eval("{\"tara\":{\"threat_scenarios\":3}}"),
                     "cyber.csms", "0", none);
}
END_TEST

START_TEST(csms_of_unknown_value_is_an_error_finding)
{
    ts_check_error(eval("{\"csms\":\"ISO 27001\"}"), "cyber.csms",
                   "cybersecurity.csms is \"ISO 27001\"; it must be "
                   "certified, implemented, planned or none");
}
END_TEST

START_TEST(csms_of_wrong_type_is_an_error_finding)
{
    ts_check_error(eval("{\"csms\":true}"), "cyber.csms",
                   "cybersecurity.csms must be a string; fix the record's "
                   "field");
}
END_TEST

/* ---- cyber.tara ------------------------------------------------------- */

START_TEST(tara_is_log_scaled_to_a_hundred_threat_scenarios)
{
    ts_check_finding(eval("{\"tara\":{\"threat_scenarios\":12}}"),
                     "cyber.tara", "0.5558",
                     "TARA (ISO/SAE 21434) with 12 threat scenarios (100 "
                     "for full marks)");
    ts_check_finding(eval("{\"tara\":{\"threat_scenarios\":1}}"),
                     "cyber.tara", "0.1502",
                     "TARA (ISO/SAE 21434) with 1 threat scenario (100 for "
                     "full marks)");
    ts_check_finding(eval("{\"tara\":{\"threat_scenarios\":340}}"),
                     "cyber.tara", "1",
                     "TARA (ISO/SAE 21434) with 340 threat scenarios (100 "
                     "for full marks)");
}
END_TEST

START_TEST(tara_without_threat_scenarios_scores_0)
{
    ts_check_finding(eval("{\"tara\":{\"threat_scenarios\":0}}"),
                     "cyber.tara", "0",
                     "a TARA with no threat scenarios has analysed nothing");
}
END_TEST

START_TEST(tara_rejects_a_fractional_or_negative_count)
{
    ts_check_error(eval("{\"tara\":{\"threat_scenarios\":2.5}}"), "cyber.tara",
                   "cybersecurity.tara.threat_scenarios is 2.5; it must be a "
                   "whole number, 0 or more");
    ts_check_error(eval("{\"tara\":{\"threat_scenarios\":-4}}"), "cyber.tara",
                   "cybersecurity.tara.threat_scenarios is -4; it must be a "
                   "whole number, 0 or more");
}
END_TEST

START_TEST(tara_of_wrong_type_is_an_error_finding)
{
    ts_check_error(eval("{\"tara\":{\"threat_scenarios\":\"many\"}}"),
                   "cyber.tara",
                   "cybersecurity.tara.threat_scenarios must be a number; "
                   "fix the record's field");
}
END_TEST

START_TEST(tara_does_not_apply_without_a_count)
{
    ck_assert_ptr_null(ts_finding(eval("{\"csms\":\"certified\"}"),
                                  "cyber.tara"));
    ck_assert_ptr_null(ts_finding(eval("{\"tara\":{}}"), "cyber.tara"));
}
END_TEST

/* ---- cyber.incident_response ------------------------------------------ */

START_TEST(incident_response_within_a_day_scores_full)
{
    ts_check_finding(eval("{\"incident_response_hours\":12}"),
                     "cyber.incident_response", "1",
                     "incidents answered within 12 hours (24 for full marks, "
                     "72 for half)");
}
END_TEST

START_TEST(incident_response_is_log_scaled_between_a_day_and_a_month)
{
    ts_check_finding(eval("{\"incident_response_hours\":48}"),
                     "cyber.incident_response", "0.6845",
                     "incidents answered within 48 hours (24 for full marks, "
                     "72 for half)");
    ts_check_finding(eval("{\"incident_response_hours\":72}"),
                     "cyber.incident_response", "0.5",
                     "incidents answered within 72 hours (24 for full marks, "
                     "72 for half)");
    ts_check_finding(eval("{\"incident_response_hours\":240}"),
                     "cyber.incident_response", "0.2386",
                     "incidents answered within 240 hours (24 for full "
                     "marks, 72 for half)");
    ts_check_finding(eval("{\"incident_response_hours\":1000}"),
                     "cyber.incident_response", "0",
                     "incidents answered within 1000 hours (24 for full "
                     "marks, 72 for half)");
}
END_TEST

START_TEST(incident_response_rejects_negative_hours)
{
    ts_check_error(eval("{\"incident_response_hours\":-1}"),
                   "cyber.incident_response",
                   "cybersecurity.incident_response_hours is -1; it must be "
                   "0 or more");
}
END_TEST

START_TEST(incident_response_of_wrong_type_is_an_error_finding)
{
    ts_check_error(eval("{\"incident_response_hours\":\"24h\"}"),
                   "cyber.incident_response",
                   "cybersecurity.incident_response_hours must be a number; "
                   "fix the record's field");
}
END_TEST

/* ---- cyber.ota_signing ------------------------------------------------ */

START_TEST(ota_unsigned_is_vetoed)
{
    const assay_result *r =
        eval("{\"ota\":{\"signed\":false,\"signature\":\"Ed25519\"}}");
    ts_check_finding(r, "cyber.ota_signing", "0",
                     "over-the-air updates are not signed");
    ts_check_only_mark(r->vetoes, r->veto_count, "cyber.ota_signing",
                       "over-the-air updates are not signed: whoever reaches "
                       "the update channel can install code (UNECE R155 "
                       "Annex 5)");
    ck_assert_uint_eq(r->flag_count, 0);
}
END_TEST

START_TEST(ota_signed_with_a_strong_scheme_scores_full)
{
    const assay_result *r =
        eval("{\"ota\":{\"signed\":true,\"signature\":\"ECDSA-P256\"}}");
    ts_check_finding(r, "cyber.ota_signing", "1",
                     "over-the-air updates signed with ECDSA-P256, strong");
    ck_assert_uint_eq(r->veto_count, 0);
    ck_assert_uint_eq(r->flag_count, 0);
}
END_TEST

START_TEST(ota_signed_with_rsa_2048_scores_0_8)
{
    ts_check_finding(eval("{\"ota\":{\"signature\":\"RSA-2048\"}}"),
                     "cyber.ota_signing", "0.8",
                     "over-the-air updates signed with RSA-2048, acceptable "
                     "until 2030 (NIST SP 800-57)");
}
END_TEST

START_TEST(ota_signed_with_a_weak_scheme_is_flagged)
{
    const assay_result *r =
        eval("{\"ota\":{\"signed\":true,\"signature\":\"RSA-1024\"}}");
    ts_check_finding(r, "cyber.ota_signing", "0.2",
                     "over-the-air updates signed with RSA-1024, weak");
    ts_check_only_mark(r->flags, r->flag_count, "cyber.ota_signing",
                       "over-the-air updates signed with RSA-1024, a weak "
                       "signature scheme that can be forged; move to Ed25519 "
                       "or ECDSA-P256");
    ck_assert_uint_eq(r->veto_count, 0);
}
END_TEST

START_TEST(ota_signed_without_a_scheme_scores_0_5)
{
    ts_check_finding(eval("{\"ota\":{\"signed\":true}}"), "cyber.ota_signing",
                     "0.5",
                     "over-the-air updates are signed; the signature scheme "
                     "is not given");
}
END_TEST

START_TEST(ota_signed_with_an_unknown_scheme_scores_0_5)
{
    const assay_result *r =
        eval("{\"ota\":{\"signed\":true,\"signature\":\"HMAC-SHA256\"}}");
    ts_check_finding(r, "cyber.ota_signing", "0.5",
                     "over-the-air updates signed with \"HMAC-SHA256\", not a "
                     "recognised scheme (e.g. Ed25519, ECDSA-P256, RSA-3072)");
    ck_assert_uint_eq(r->flag_count, 0);
}
END_TEST

START_TEST(ota_signed_of_wrong_type_is_an_error_finding)
{
    const assay_result *r = eval("{\"ota\":{\"signed\":\"yes\"}}");
    ts_check_error(r, "cyber.ota_signing",
                   "cybersecurity.ota.signed must be true or false; fix the "
                   "record's field");
    ck_assert_uint_eq(r->veto_count, 0);
}
END_TEST

START_TEST(ota_does_not_apply_without_ota_fields)
{
    ck_assert_ptr_null(ts_finding(eval("{\"csms\":\"certified\"}"),
                                  "cyber.ota_signing"));
}
END_TEST

/* ---- the plugin ------------------------------------------------------- */

START_TEST(domain_object_of_wrong_type_fails_every_rule)
{
    const assay_result *r = eval("\"R155\"");
    const char *msg = "cybersecurity must be an object of fields, found a "
                      "string; fix the record's field";
    ts_check_error(r, "cyber.csms", msg);
    ts_check_error(r, "cyber.tara", msg);
    ts_check_error(r, "cyber.incident_response", msg);
    ts_check_error(r, "cyber.ota_signing", msg);
    ck_assert_uint_eq(r->finding_count, 4);
}
END_TEST

START_TEST(record_without_cybersecurity_gets_no_findings)
{
    const assay_result *r =
        ts_evaluate(w, "{\"id\":\"T\",\"domains\":[\"cybersecurity\"]}");
    ck_assert_uint_eq(r->finding_count, 0);
    ck_assert_uint_eq(r->veto_count, 0);
    ck_assert_uint_eq(r->flag_count, 0);
}
END_TEST

START_TEST(every_rule_reports_on_a_complete_object_into_its_domain)
{
    const assay_result *r =
        eval("{\"csms\":\"certified\",\"tara\":{\"threat_scenarios\":12},"
             "\"incident_response_hours\":48,"
             "\"ota\":{\"signed\":true,\"signature\":\"Ed25519\"}}");
    ck_assert_uint_eq(r->finding_count, 4);
    ts_check_finding(r, "cyber.ota_signing", "1",
                     "over-the-air updates signed with Ed25519, strong");
    ck_assert_uint_eq(r->veto_count, 0);
    ck_assert_uint_eq(r->flag_count, 0);
    /* (2*1 + 1.5*0.5558 + 1*0.6845 + 2*1) / 6.5, in the plugin's domain */
    ck_assert_str_eq(ts_score(r->domain_score[ts_domain(r, "cybersecurity")]),
                     "0.849");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("plugin_cybersecurity");
    TCase *tc = tcase_create("rules");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, csms_certified_scores_full);
    tcase_add_test(tc, csms_implemented_scores_0_6);
    tcase_add_test(tc, csms_planned_scores_0_2);
    tcase_add_test(tc, csms_none_absent_or_null_scores_0);
    tcase_add_test(tc, csms_of_unknown_value_is_an_error_finding);
    tcase_add_test(tc, csms_of_wrong_type_is_an_error_finding);
    tcase_add_test(tc, tara_is_log_scaled_to_a_hundred_threat_scenarios);
    tcase_add_test(tc, tara_without_threat_scenarios_scores_0);
    tcase_add_test(tc, tara_rejects_a_fractional_or_negative_count);
    tcase_add_test(tc, tara_of_wrong_type_is_an_error_finding);
    tcase_add_test(tc, tara_does_not_apply_without_a_count);
    tcase_add_test(tc, incident_response_within_a_day_scores_full);
    tcase_add_test(tc, incident_response_is_log_scaled_between_a_day_and_a_month);
    tcase_add_test(tc, incident_response_rejects_negative_hours);
    tcase_add_test(tc, incident_response_of_wrong_type_is_an_error_finding);
    tcase_add_test(tc, ota_unsigned_is_vetoed);
    tcase_add_test(tc, ota_signed_with_a_strong_scheme_scores_full);
    tcase_add_test(tc, ota_signed_with_rsa_2048_scores_0_8);
    tcase_add_test(tc, ota_signed_with_a_weak_scheme_is_flagged);
    tcase_add_test(tc, ota_signed_without_a_scheme_scores_0_5);
    tcase_add_test(tc, ota_signed_with_an_unknown_scheme_scores_0_5);
    tcase_add_test(tc, ota_signed_of_wrong_type_is_an_error_finding);
    tcase_add_test(tc, ota_does_not_apply_without_ota_fields);
    tcase_add_test(tc, domain_object_of_wrong_type_fails_every_rule);
    tcase_add_test(tc, record_without_cybersecurity_gets_no_findings);
    tcase_add_test(tc, every_rule_reports_on_a_complete_object_into_its_domain);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
