/* Policy files: what each declaration sets, and every mistake reported at
 * its file:line with what to do. */
#include <stdio.h>
#include <string.h>

#include "decide/policy.h"
#include "test_support.h"

static const char one_tier[] =
    "tier { name = \"t\", min_score = 0.5, capacity = 2, requires = "
    "\"office\" }\n";

START_TEST(the_shipped_default_mirrors_the_hub)
{
    char err[1024];
    assay_policy *p = assay_policy_load(ts_build_path("policy/default.lua"),
                                        err, sizeof err);
    ck_assert_msg(p != NULL, "%s", err);
    ck_assert_int_eq(p->strategy, ASSAY_STRATEGY_WEIGHTED_MEAN);
    ck_assert_uint_eq(p->tier_count, 3);
    ck_assert_str_eq(p->tiers[0].name, "financial_incubation");
    ck_assert_uint_eq(p->tiers[0].capacity, 20);
    ck_assert_uint_eq(p->tiers[0].requires, ASSAY_REQUEST_FUNDING);
    ck_assert_uint_eq(p->tiers[0].benefit_count, 4);
    ck_assert_str_eq(p->tiers[0].benefits[1], "office");
    ck_assert_str_eq(p->tiers[1].name, "office");
    ck_assert_uint_eq(p->tiers[1].capacity, 30);
    ck_assert_uint_eq(p->tiers[1].requires, ASSAY_REQUEST_OFFICE);
    ck_assert_str_eq(p->tiers[2].name, "training");
    ck_assert_uint_eq(p->tiers[2].capacity, 100);
    ck_assert_uint_eq(p->tiers[2].requires,
                      ASSAY_REQUEST_TRAINING | ASSAY_REQUEST_CONSULTING);
    ck_assert_int_eq(p->on_veto, ASSAY_ACTION_REJECT);
    ck_assert_int_eq(p->on_flag, ASSAY_ACTION_REVIEW);
    ck_assert_uint_eq(p->waitlist, 20);
    assay_policy_free(p);
}
END_TEST

START_TEST(declarations_set_the_policy)
{
    assay_policy *p = ts_policy(
        "strategy \"topsis\"\n"
        "weights { ai = 2, business = 1 }\n"
        "cost { \"business\" }\n"
        "unclaimed \"include\"\n"
        "missing \"zero\"\n"
        "on_veto \"lower\"\n"
        "on_flag \"none\"\n"
        "on_unscored \"reject\"\n"
        "waitlist(3)\n"
        "tier { name = \"t\", min_score = 0.5, capacity = 2,\n"
        "       requires = { \"training\", \"consulting\" } }\n");
    ck_assert_int_eq(p->strategy, ASSAY_STRATEGY_TOPSIS);
    ck_assert_double_eq(p->weight[ASSAY_DOMAIN_AI], 2);
    ck_assert_double_eq(p->weight[ASSAY_DOMAIN_CLOUD], 0);
    ck_assert_int_eq(p->cost[ASSAY_DOMAIN_BUSINESS], 1);
    ck_assert_int_eq(p->cost[ASSAY_DOMAIN_AI], 0);
    ck_assert_int_eq(p->include_unclaimed, 1);
    ck_assert_int_eq(p->missing_as_zero, 1);
    ck_assert_int_eq(p->on_veto, ASSAY_ACTION_LOWER);
    ck_assert_int_eq(p->on_flag, ASSAY_ACTION_NONE);
    ck_assert_int_eq(p->on_unscored, ASSAY_ACTION_REJECT);
    ck_assert_uint_eq(p->waitlist, 3);
    ck_assert_int_eq(p->tiers[0].line, 10);
    ck_assert_uint_eq(p->tiers[0].benefit_count, 0);
    assay_policy_free(p);
}
END_TEST

START_TEST(a_policy_may_compute_its_declarations)
{
    assay_policy *p = ts_policy(
        "for i, n in ipairs({ 5, 10 }) do\n"
        "  tier { name = \"t\" .. i, min_score = 0.1 * i, capacity = n,\n"
        "         requires = \"office\" }\n"
        "end\n");
    ck_assert_uint_eq(p->tier_count, 2);
    ck_assert_str_eq(p->tiers[1].name, "t2");
    ck_assert_uint_eq(p->tiers[1].capacity, 10);
    assay_policy_free(p);
}
END_TEST

START_TEST(unknown_strategy_is_reported_at_its_line)
{
    ck_assert_str_eq(ts_policy_error("\nstrategy \"median\"\n"),
                     "policy.lua:2: unknown strategy \"median\"; choose one "
                     "of: weighted_mean, min, max, topsis");
}
END_TEST

START_TEST(capacity_must_be_a_whole_number)
{
    ck_assert_str_eq(
        ts_policy_error("tier { name = \"office\", min_score = 0.5,\n"
                        "       capacity = 2.5, requires = \"office\" }\n"),
        "policy.lua:1: tier office: capacity must be a whole number >= 0, "
        "got 2.5");
}
END_TEST

START_TEST(unknown_tier_field_is_reported)
{
    ck_assert_str_eq(
        ts_policy_error("\n\ntier { name = \"office\", min_score = 0.5, "
                        "capacty = 2, requires = \"office\" }\n"),
        "policy.lua:3: unknown tier field \"capacty\"; a tier has name, "
        "min_score, capacity, requires and benefits");
}
END_TEST

START_TEST(unknown_request_is_reported)
{
    ck_assert_str_eq(
        ts_policy_error("tier { name = \"office\", min_score = 0.5, "
                        "capacity = 2, requires = \"desk\" }\n"),
        "policy.lua:1: tier office: unknown request \"desk\"; requests are: "
        "funding, office, training, consulting");
}
END_TEST

START_TEST(weights_must_sum_to_something_positive)
{
    ck_assert_str_eq(ts_policy_error("weights { ai = 0, business = 0 }\n"),
                     "policy.lua:1: weights must sum to something positive; "
                     "give at least one domain a weight above 0");
}
END_TEST

START_TEST(unknown_domain_in_weights_is_reported)
{
    ck_assert_str_eq(ts_policy_error("weights { robotics = 1 }\n"),
                     "policy.lua:1: weights: unknown domain \"robotics\"; "
                     "domains are: ai, connectivity, autonomous_driving, "
                     "cloud, digitalization, business");
}
END_TEST

START_TEST(a_tier_name_is_declared_once)
{
    char lua[512];
    snprintf(lua, sizeof lua, "%s%s", one_tier, one_tier);
    ck_assert_str_eq(ts_policy_error(lua),
                     "policy.lua:2: tier t is already declared at line 1; "
                     "tier names must differ");
}
END_TEST

START_TEST(a_setting_is_declared_once)
{
    ck_assert_str_eq(
        ts_policy_error("waitlist(1)\nwaitlist(2)\n"),
        "policy.lua:2: waitlist is already declared at line 1; declare it "
        "once");
}
END_TEST

START_TEST(a_policy_needs_a_tier)
{
    const char *err = ts_policy_error("waitlist(1)\n");
    ck_assert_str_eq(err, "policy.lua: the policy declares no tier; add at "
                          "least one tier { name = ..., min_score = ..., "
                          "capacity = ..., requires = ... }");
}
END_TEST

START_TEST(a_misspelt_declaration_is_reported_at_its_line)
{
    ck_assert_str_eq(ts_policy_error("\nstratgy \"min\"\n"),
                     "policy.lua:2: attempt to call a nil value (global "
                     "'stratgy')");
}
END_TEST

START_TEST(min_score_must_be_within_zero_and_one)
{
    ck_assert_str_eq(
        ts_policy_error("tier { name = \"x\", min_score = 70, capacity = 1, "
                        "requires = \"office\" }\n"),
        "policy.lua:1: tier x: min_score must be a number in [0, 1]");
}
END_TEST

START_TEST(an_endless_policy_is_stopped)
{
    const char *err = ts_policy_error("while true do end\n");
    ck_assert_msg(strstr(err, "policy.lua:1: instruction budget of") == err,
                  "%s", err);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("policy");
    TCase *tc = tcase_create("policy");
    tcase_add_test(tc, the_shipped_default_mirrors_the_hub);
    tcase_add_test(tc, declarations_set_the_policy);
    tcase_add_test(tc, a_policy_may_compute_its_declarations);
    tcase_add_test(tc, unknown_strategy_is_reported_at_its_line);
    tcase_add_test(tc, capacity_must_be_a_whole_number);
    tcase_add_test(tc, unknown_tier_field_is_reported);
    tcase_add_test(tc, unknown_request_is_reported);
    tcase_add_test(tc, weights_must_sum_to_something_positive);
    tcase_add_test(tc, unknown_domain_in_weights_is_reported);
    tcase_add_test(tc, a_tier_name_is_declared_once);
    tcase_add_test(tc, a_setting_is_declared_once);
    tcase_add_test(tc, a_policy_needs_a_tier);
    tcase_add_test(tc, a_misspelt_declaration_is_reported_at_its_line);
    tcase_add_test(tc, min_score_must_be_within_zero_and_one);
    tcase_add_test(tc, an_endless_policy_is_stopped);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
