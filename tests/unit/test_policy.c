/* Policy files: what each declaration sets, and every mistake reported at
 * its file:line with what to do. */
#include <stdio.h>
#include <string.h>

#include "decide/policy.h"
#include "test_support.h"


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
    ck_assert_uint_eq(p->request_count, 4);
    ck_assert_str_eq(p->requests[0], "funding");
    ck_assert_str_eq(p->requests[1], "office");
    ck_assert_str_eq(p->requests[2], "training");
    ck_assert_str_eq(p->requests[3], "consulting");
    ck_assert_uint_eq(p->tiers[0].require_count, 1);
    ck_assert_uint_eq(p->tiers[0].requires[0], 0);
    ck_assert_uint_eq(p->tiers[0].benefit_count, 4);
    ck_assert_str_eq(p->tiers[0].benefits[1], "office");
    ck_assert_str_eq(p->tiers[1].name, "office");
    ck_assert_uint_eq(p->tiers[1].capacity, 30);
    ck_assert_uint_eq(p->tiers[1].require_count, 1);
    ck_assert_uint_eq(p->tiers[1].requires[0], 1);
    ck_assert_str_eq(p->tiers[2].name, "training");
    ck_assert_uint_eq(p->tiers[2].capacity, 100);
    ck_assert_uint_eq(p->tiers[2].require_count, 2);
    ck_assert_uint_eq(p->tiers[2].requires[0], 2);
    ck_assert_uint_eq(p->tiers[2].requires[1], 3);
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
    int ai = assay_policy_find_domain(p, "ai");
    int business = assay_policy_find_domain(p, "business");
    ck_assert_int_ge(ai, 0);
    ck_assert_int_ge(business, 0);
    ck_assert_double_eq(p->domains[ai].weight, 2);
    ck_assert_int_eq(assay_policy_find_domain(p, "cloud"), -1);
    ck_assert_int_eq(p->domains[business].cost, 1);
    ck_assert_int_eq(p->domains[ai].cost, 0);
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

START_TEST(a_request_that_is_not_a_name_is_reported)
{
    ck_assert_str_eq(
        ts_policy_error("tier { name = \"office\", min_score = 0.5, "
                        "capacity = 2, requires = \"Lab Space\" }\n"),
        "policy.lua:1: tier office: \"Lab Space\" is not a request name; "
        "request names are lower-case letters, digits and _, starting with "
        "a letter, as applications give them (e.g. requires = "
        "\"lab_space\")");
}
END_TEST

START_TEST(requests_are_what_the_tiers_name_in_order)
{
    assay_policy *p = ts_policy(
        "tier { name = \"lab\", min_score = 0.5, capacity = 2,\n"
        "       requires = { \"lab_space\", \"bench\", \"lab_space\" } }\n"
        "tier { name = \"desk\", min_score = 0.2, capacity = 9,\n"
        "       requires = { \"hot_desk\", \"bench\" } }\n");
    ck_assert_uint_eq(p->request_count, 3);
    ck_assert_str_eq(p->requests[0], "lab_space");
    ck_assert_str_eq(p->requests[1], "bench");
    ck_assert_str_eq(p->requests[2], "hot_desk");
    /* Each tier's: ascending indexes, once each. */
    ck_assert_uint_eq(p->tiers[0].require_count, 2);
    ck_assert_uint_eq(p->tiers[0].requires[0], 0);
    ck_assert_uint_eq(p->tiers[0].requires[1], 1);
    ck_assert_uint_eq(p->tiers[1].require_count, 2);
    ck_assert_uint_eq(p->tiers[1].requires[0], 1);
    ck_assert_uint_eq(p->tiers[1].requires[1], 2);
    ck_assert_int_eq(assay_policy_request_index(p, "hot_desk"), 2);
    ck_assert_int_eq(assay_policy_request_index(p, "desk"), -1);
    uint32_t bench = 1, hot = 2, none = 0;
    ck_assert_int_eq(assay_tier_accepts(&p->tiers[0], &bench, 1), 1);
    ck_assert_int_eq(assay_tier_accepts(&p->tiers[0], &hot, 1), 0);
    ck_assert_int_eq(assay_tier_accepts(&p->tiers[0], &none, 0), 0);
    assay_buffer b;
    assay_buffer_init(&b);
    assay_policy_request_text(p, p->tiers[1].requires, 2, &b);
    ck_assert_str_eq(assay_buffer_cstr(&b), "bench or hot_desk");
    assay_buffer_reset(&b);
    uint32_t all[3] = {0, 1, 2};
    assay_policy_request_text(p, all, 3, &b);
    ck_assert_str_eq(assay_buffer_cstr(&b), "lab_space, bench or hot_desk");
    assay_buffer_free(&b);
    assay_policy_free(p);
}
END_TEST

START_TEST(a_tier_may_not_be_named_after_a_decision)
{
    static const char *const names[] = {"reject", "review", "waitlist",
                                        "error"};
    for (int i = 0; i < 4; i++) {
        char lua[256], want[512];
        snprintf(lua, sizeof lua,
                 "\ntier { name = \"%s\", min_score = 0.5, capacity = 2, "
                 "requires = \"desk\" }\n",
                 names[i]);
        snprintf(want, sizeof want,
                 "policy.lua:2: tier %s: the name is a decision that is not "
                 "a tier (reject, review, waitlist, error); name the tier "
                 "after what it gives",
                 names[i]);
        ck_assert_str_eq(ts_policy_error(lua), want);
    }
    ck_assert_str_eq(
        ts_policy_error("tier { name = \"Gold Tier\", min_score = 0.5, "
                        "capacity = 2, requires = \"desk\" }\n"),
        "policy.lua:1: tier name \"Gold Tier\" is not valid; use lower-case "
        "letters, digits and _, starting with a letter (it becomes a "
        "decision, a JSON key and a CSV column)");
}
END_TEST

START_TEST(fields_name_where_records_keep_claims_requests_and_name)
{
    assay_policy *p = ts_policy(
        "tier { name = \"t\", min_score = 0, capacity = 1, requires = "
        "\"x\" }\n");
    ck_assert_str_eq(p->fields.claims, "domains");
    ck_assert_str_eq(p->fields.requests, "requests");
    ck_assert_str_eq(p->fields.name, "name");
    ck_assert_int_eq(p->fields_line, 0);
    assay_policy_free(p);
    p = ts_policy("tier { name = \"t\", min_score = 0, capacity = 1, "
                  "requires = \"x\" }\n"
                  "fields { claims = \"areas\", requests = "
                  "\"application.wants\" }\n");
    ck_assert_str_eq(p->fields.claims, "areas");
    ck_assert_str_eq(p->fields.requests, "application.wants");
    ck_assert_str_eq(p->fields.name, "name");
    ck_assert_int_eq(p->fields_line, 2);
    assay_policy_free(p);
    ck_assert_str_eq(ts_policy_error("fields { claim = \"areas\" }\n"),
                     "policy.lua:1: unknown fields key \"claim\"; fields "
                     "{...} names claims, requests and name");
    ck_assert_str_eq(ts_policy_error("fields { name = \"a..b\" }\n"),
                     "policy.lua:1: fields: name must be a field name or "
                     "dotted path, e.g. name = \"application.name\"");
    ck_assert_str_eq(ts_policy_error("fields { name = 3 }\n"),
                     "policy.lua:1: fields: name must be a field name or "
                     "dotted path, e.g. name = \"application.name\"");
    ck_assert_str_eq(
        ts_policy_error("fields { name = \"n\" }\nfields { name = \"m\" }\n"),
        "policy.lua:2: fields is already declared at line 1; declare it once");
}
END_TEST

START_TEST(weights_must_sum_to_something_positive)
{
    ck_assert_str_eq(ts_policy_error("weights { ai = 0, business = 0 }\n"),
                     "policy.lua:1: weights must sum to something positive; "
                     "give at least one domain a weight above 0");
}
END_TEST

START_TEST(a_domain_name_that_cannot_be_one_is_reported)
{
    ck_assert_str_eq(ts_policy_error("weights { [\"Robotics!\"] = 1 }\n"),
                     "policy.lua:1: weights: \"Robotics!\" is not a domain "
                     "name; domain names are lower-case letters, digits and "
                     "_, as the plugins declare them (see assay plugins)");
}
END_TEST

static const char one_tier[] =
    "tier { name = \"t\", min_score = 0, capacity = 1, requires = "
    "\"office\" }\n";

START_TEST(a_domain_the_weights_do_not_name_is_an_error_naming_the_line)
{
    char lua[512];
    snprintf(lua, sizeof lua, "\nweights { ai = 1, business = 2 }\n%s",
             one_tier);
    assay_policy *p = ts_policy(lua);
    char err[1024];
    ck_assert_int_eq(assay_policy_check_domain(p, "ai", "x.so", err,
                                               sizeof err),
                     0);
    ck_assert_int_ne(assay_policy_check_domain(p, "robotics",
                                               "plugins/r.lua:3", err,
                                               sizeof err),
                     0);
    char expected[1024];
    snprintf(expected, sizeof expected,
             "%s:2: the policy does not weigh domain \"robotics\" (declared "
             "by plugins/r.lua:3); add robotics = <weight> to weights, or "
             "declare default_weight(<weight>) for the domains it does not "
             "name",
             p->path);
    ck_assert_str_eq(err, expected);
    ck_assert_int_eq(assay_policy_find_domain(p, "robotics"), -1);
    assay_policy_free(p);
}
END_TEST

START_TEST(default_weight_weighs_the_domains_weights_does_not_name)
{
    char lua[512];
    snprintf(lua, sizeof lua,
             "weights { ai = 1 }\ndefault_weight(0.5)\n%s", one_tier);
    assay_policy *p = ts_policy(lua);
    ck_assert_int_eq(p->has_default_weight, 1);
    int d = assay_policy_domain_index(p, "robotics");
    ck_assert_int_ge(d, 0);
    ck_assert_str_eq(p->domains[d].name, "robotics");
    ck_assert_double_eq(p->domains[d].weight, 0.5);
    ck_assert_int_eq(p->domains[d].weighed, 0);
    ck_assert_int_eq(assay_policy_domain_index(p, "robotics"), d);
    assay_policy_free(p);
    ck_assert_str_eq(ts_policy_error("default_weight(-1)\n"),
                     "policy.lua:1: default_weight must be a number >= 0, "
                     "e.g. default_weight(0) to leave out the domains "
                     "weights does not name");
}
END_TEST

START_TEST(without_weights_every_domain_weighs_one)
{
    assay_policy *p = ts_policy(one_tier);
    int d = assay_policy_domain_index(p, "anything");
    ck_assert_int_ge(d, 0);
    ck_assert_double_eq(p->domains[d].weight, 1);
    assay_policy_free(p);
}
END_TEST

START_TEST(always_marks_domains_that_count_for_every_record)
{
    char lua[512];
    snprintf(lua, sizeof lua,
             "weights { business = 1, ai = 2 }\nalways { \"business\" }\n%s",
             one_tier);
    assay_policy *p = ts_policy(lua);
    /* Sorted by name, whatever Lua's table order. */
    ck_assert_uint_eq(p->domain_count, 2);
    ck_assert_str_eq(p->domains[0].name, "ai");
    ck_assert_str_eq(p->domains[1].name, "business");
    ck_assert_int_eq(p->domains[0].always, 0);
    ck_assert_int_eq(p->domains[1].always, 1);
    assay_policy_free(p);
    /* always names a domain weights leaves out, and no default: refused
     * where always names it. */
    snprintf(lua, sizeof lua,
             "weights { ai = 1 }\n\nalways { \"business\" }\n%s", one_tier);
    ck_assert_str_eq(ts_policy_error(lua),
                     "policy.lua:3: domain \"business\" has no weight; add it "
                     "to weights {...} (line 1), or declare "
                     "default_weight(<weight>)");
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
    tcase_add_test(tc, a_request_that_is_not_a_name_is_reported);
    tcase_add_test(tc, requests_are_what_the_tiers_name_in_order);
    tcase_add_test(tc, a_tier_may_not_be_named_after_a_decision);
    tcase_add_test(tc, fields_name_where_records_keep_claims_requests_and_name);
    tcase_add_test(tc, weights_must_sum_to_something_positive);
    tcase_add_test(tc, a_domain_name_that_cannot_be_one_is_reported);
    tcase_add_test(tc,
                   a_domain_the_weights_do_not_name_is_an_error_naming_the_line);
    tcase_add_test(tc, default_weight_weighs_the_domains_weights_does_not_name);
    tcase_add_test(tc, without_weights_every_domain_weighs_one);
    tcase_add_test(tc, always_marks_domains_that_count_for_every_record);
    tcase_add_test(tc, a_tier_name_is_declared_once);
    tcase_add_test(tc, a_setting_is_declared_once);
    tcase_add_test(tc, a_policy_needs_a_tier);
    tcase_add_test(tc, a_misspelt_declaration_is_reported_at_its_line);
    tcase_add_test(tc, min_score_must_be_within_zero_and_one);
    tcase_add_test(tc, an_endless_policy_is_stopped);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
