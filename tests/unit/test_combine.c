/* Combining findings: domain scores, the claimed domains and requests,
 * and the overall score the shipped default policy gives over the claimed
 * domains plus business, and for records that claim nothing. */
#include <cjson/cJSON.h>

#include "engine/combine.h"
#include "engine/domain.h"
#include "decide/strategy.h"
#include "test_support.h"

static assay_result r;
static cJSON *record;
/* The six hub domains; the loaded rules judge all but cloud and
 * digitalization, like the shipped rule set. */
static assay_domains domains;
static assay_policy *policy;

static void setup(void)
{
    char err[1024];
    ts_hub_domains(&domains);
    assay_result_init(&r, &domains);
    record = NULL;
    policy = assay_policy_load(ts_build_path("policy/default.lua"), err,
                               sizeof err);
    ck_assert_msg(policy != NULL, "%s", err);
}

static void teardown(void)
{
    assay_result_free(&r);
    assay_domains_free(&domains);
    cJSON_Delete(record);
    assay_policy_free(policy);
}

/* The overall score under the default policy; *scored 0 when none. */
static double overall(int *scored)
{
    double score = 0;
    *scored = assay_strategy_score_result(policy, &r, &score);
    return score;
}

static void add(int domain, double score, double weight)
{
    assay_result_add_finding(&r, "rule", "plugin", domain, score, weight,
                             "reason");
}

static void combine(const char *json)
{
    record = cJSON_Parse(json);
    ck_assert_ptr_nonnull(record);
    assay_record_fields fields = assay_record_fields_default();
    assay_combine(&r, record, &fields);
}

START_TEST(domain_score_is_the_weighted_mean_of_its_findings)
{
    add(HUB_AI, 0.5, 1);
    add(HUB_AI, 1.0, 3);
    combine("{\"id\":\"C\",\"domains\":[\"ai\"]}");
    ck_assert(r.domain_scored[HUB_AI]);
    ck_assert_double_eq(r.domain_score[HUB_AI], 0.875);
    ck_assert(!r.domain_scored[HUB_CONNECTIVITY]);
}
END_TEST

START_TEST(error_findings_do_not_count)
{
    add(HUB_AI, 0.4, 1);
    assay_result_add_error(&r, "rule", "plugin", HUB_AI, "broken");
    combine("{\"id\":\"C\",\"domains\":[\"ai\"]}");
    ck_assert_double_eq(r.domain_score[HUB_AI], 0.4);
    int scored;
    ck_assert_double_eq(overall(&scored), 0.4);
}
END_TEST

START_TEST(domain_with_only_error_findings_is_not_scored)
{
    assay_result_add_error(&r, "rule", "plugin", HUB_AI, "broken");
    combine("{\"id\":\"C\",\"domains\":[\"ai\"]}");
    ck_assert(!r.domain_scored[HUB_AI]);
    int scored;
    overall(&scored);
    ck_assert_int_eq(scored, 0);
}
END_TEST

START_TEST(overall_is_the_mean_over_claimed_domains_and_business)
{
    add(HUB_AI, 0.8, 1);
    add(HUB_CONNECTIVITY, 0.2, 1);
    add(HUB_BUSINESS, 0.4, 5);
    combine("{\"id\":\"C\",\"domains\":[\"ai\"]}");
    /* connectivity is scored and reported, but not claimed */
    ck_assert(r.domain_scored[HUB_CONNECTIVITY]);
    int scored;
    ck_assert_double_eq(overall(&scored), 0.6);
    ck_assert_int_eq(scored, 1);
}
END_TEST

START_TEST(each_domain_counts_once_whatever_its_weight)
{
    add(HUB_AI, 1.0, 10);
    add(HUB_CONNECTIVITY, 0.0, 1);
    combine("{\"id\":\"C\",\"domains\":[\"ai\",\"connectivity\",\"ai\"]}");
    int scored;
    ck_assert_double_eq(overall(&scored), 0.5);
}
END_TEST

START_TEST(claimed_judged_domain_without_findings_counts_as_zero)
{
    add(HUB_AI, 0.8, 1);
    add(HUB_BUSINESS, 0.6, 1);
    combine("{\"id\":\"C\",\"domains\":[\"ai\",\"connectivity\"]}");
    int scored;
    ck_assert_double_eq(overall(&scored), 0.4667); /* (0.8 + 0 + 0.6) / 3 */
}
END_TEST

START_TEST(claimed_domain_no_rule_judges_is_left_out)
{
    add(HUB_AI, 0.8, 1);
    combine("{\"id\":\"C\",\"domains\":[\"ai\",\"cloud\"]}");
    for (int d = 0; d < HUB_COUNT; d++)
        ck_assert_int_eq(r.claimed[d], d == HUB_AI);
    int scored;
    ck_assert_double_eq(overall(&scored), 0.8);
}
END_TEST

START_TEST(record_claiming_no_domains_is_judged_on_every_scored_domain)
{
    add(HUB_AI, 0.8, 1);
    add(HUB_CONNECTIVITY, 0.2, 1);
    combine("{\"id\":\"C\"}");
    int scored;
    ck_assert_double_eq(overall(&scored), 0.5);
}
END_TEST

START_TEST(empty_or_unknown_domains_count_as_claiming_none)
{
    add(HUB_AI, 0.8, 1);
    add(HUB_CONNECTIVITY, 0.2, 1);
    combine("{\"id\":\"C\",\"domains\":[]}");
    int scored;
    ck_assert_double_eq(overall(&scored), 0.5);
    cJSON_Delete(record);
    combine("{\"id\":\"C\",\"domains\":[\"space\",7]}");
    ck_assert_double_eq(overall(&scored), 0.5);
}
END_TEST

START_TEST(claimed_domains_and_requests_are_read_from_the_record)
{
    combine("{\"id\":\"C\",\"domains\":[\"cloud\",\"space\",\"ai\"],"
            "\"requests\":[\"office\",\"desk\",\"funding\"]}");
    /* cloud is claimed, but no loaded rule judges it */
    for (int d = 0; d < HUB_COUNT; d++)
        ck_assert_int_eq(r.claimed[d], d == HUB_AI);
    /* Requests are kept as the record gives them: the policy reads them. */
    ck_assert_ptr_nonnull(r.requests);
    ck_assert_int_eq(cJSON_GetArraySize(r.requests), 3);
    ck_assert_str_eq(cJSON_GetArrayItem(r.requests, 1)->valuestring, "desk");
}
END_TEST

START_TEST(the_claims_and_requests_fields_can_be_named)
{
    assay_record_fields fields = {"application.areas", "wants", "title"};
    cJSON_Delete(record);
    record = cJSON_Parse("{\"id\":\"C\",\"domains\":[\"ai\"],"
                         "\"application\":{\"areas\":[\"connectivity\"]},"
                         "\"wants\":[\"bench\"],\"requests\":[\"x\"]}");
    assay_combine(&r, record, &fields);
    for (int d = 0; d < HUB_COUNT; d++)
        ck_assert_int_eq(r.claimed[d], d == HUB_CONNECTIVITY);
    ck_assert_int_eq(cJSON_GetArraySize(r.requests), 1);
    ck_assert_str_eq(cJSON_GetArrayItem(r.requests, 0)->valuestring,
                     "bench");
}
END_TEST

START_TEST(nothing_scored_leaves_the_record_unscored)
{
    combine("{\"id\":\"C\",\"domains\":[\"ai\"]}");
    int scored;
    overall(&scored);
    ck_assert_int_eq(scored, 0);
}
END_TEST

START_TEST(only_unclaimed_domains_scored_leaves_the_record_unscored)
{
    add(HUB_CONNECTIVITY, 0.9, 1);
    combine("{\"id\":\"C\",\"domains\":[\"ai\"]}");
    int scored;
    overall(&scored);
    ck_assert_int_eq(scored, 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("combine");
    TCase *tc = tcase_create("combine");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, domain_score_is_the_weighted_mean_of_its_findings);
    tcase_add_test(tc, error_findings_do_not_count);
    tcase_add_test(tc, domain_with_only_error_findings_is_not_scored);
    tcase_add_test(tc, overall_is_the_mean_over_claimed_domains_and_business);
    tcase_add_test(tc, each_domain_counts_once_whatever_its_weight);
    tcase_add_test(tc, claimed_judged_domain_without_findings_counts_as_zero);
    tcase_add_test(tc, claimed_domain_no_rule_judges_is_left_out);
    tcase_add_test(tc,
                   record_claiming_no_domains_is_judged_on_every_scored_domain);
    tcase_add_test(tc, empty_or_unknown_domains_count_as_claiming_none);
    tcase_add_test(tc, claimed_domains_and_requests_are_read_from_the_record);
    tcase_add_test(tc, the_claims_and_requests_fields_can_be_named);
    tcase_add_test(tc, nothing_scored_leaves_the_record_unscored);
    tcase_add_test(tc, only_unclaimed_domains_scored_leaves_the_record_unscored);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
