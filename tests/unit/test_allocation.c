/* Allocation: ranking, tie-breaks, seats, requests, vetoes and flags,
 * the waitlist, and the explanations written from them. */
#include <stdio.h>
#include <string.h>

#include "decide/allocation.h"
#include "decide/explanation.h"
#include "test_support.h"

/* Requests as bits, for short tables: the test policy's requests are
 * funding (index 0), office (1) and training (2); C is one no tier
 * requires, which decide leaves out of a candidate's requests. */
enum { F = 1, O = 2, T = 4, C = 8 };

/* The policy indexes of the bits F, O and T in requests, ascending, in
 * static storage (one list for each combination). */
static const uint32_t *request_list(unsigned requests, uint32_t *count)
{
    static uint32_t lists[8][3];
    unsigned known = requests & 7;
    *count = 0;
    for (uint32_t i = 0; i < 3; i++)
        if ((known >> i) & 1)
            lists[known][(*count)++] = i;
    return lists[known];
}

/* Two tiers: "gold" (min 0.7, 2 seats, funding), "silver" (min 0.5,
 * 3 seats, office or training); waitlist of 2; plus extra settings. */
static assay_policy *policy(const char *extra)
{
    char lua[2048];
    snprintf(lua, sizeof lua,
             "%s\n"
             "tier { name = \"gold\", min_score = 0.7, capacity = 2,\n"
             "       requires = \"funding\", benefits = { \"funding\", "
             "\"office\" } }\n"
             "tier { name = \"silver\", min_score = 0.5, capacity = 3,\n"
             "       requires = { \"office\", \"training\" } }\n"
             "waitlist(2)\n",
             extra);
    return ts_policy(lua);
}

static assay_candidate cand(const char *id, uint64_t line, double score,
                            unsigned requests)
{
    assay_candidate c = {0};
    c.id = id;
    c.line = line;
    c.score = score;
    c.scored = 1;
    c.domain_count = 2;
    c.requests = request_list(requests, &c.request_count);
    return c;
}

static const char *decision(const assay_policy *p, const assay_candidate *c)
{
    return assay_explanation_decision(p, c);
}

/* The why and why_not written for c, as JSON text without the leading
 * comma. */
static const char *explain(const assay_policy *p, const assay_tier_fill *fill,
                           const assay_candidate *c, size_t ranked,
                           const char *rule, const char *reason)
{
    static char text[2048];
    assay_buffer b;
    assay_buffer_init(&b);
    assay_cause_mark mark = {rule, reason};
    assay_explanation_write(&b, p, fill, c, ranked, &mark);
    snprintf(text, sizeof text, "%s", assay_buffer_cstr(&b) + 1);
    assay_buffer_free(&b);
    return text;
}

START_TEST(rank_follows_score_from_the_highest)
{
    assay_policy *p = policy("");
    assay_candidate c[3] = {cand("a", 1, 0.6, O), cand("b", 2, 0.9, O),
                            cand("c", 3, 0.75, O)};
    assay_tier_fill fill[2];
    assay_allocate(p, c, 3, fill);
    ck_assert_uint_eq(c[0].rank, 3);
    ck_assert_uint_eq(c[1].rank, 1);
    ck_assert_uint_eq(c[2].rank, 2);
    assay_policy_free(p);
}
END_TEST

START_TEST(ties_go_to_more_domains_then_smaller_id_then_key)
{
    assay_policy *p = policy("");
    assay_candidate c[4] = {cand("b", 1, 0.8, O), cand("a", 2, 0.8, O),
                            cand("z", 3, 0.8, O), cand("a", 4, 0.8, O)};
    c[2].domain_count = 3; /* more evidence wins the tie */
    c[3].part = 0;
    c[1].part = 1; /* same id "a": the smaller (part, line) first */
    assay_tier_fill fill[2];
    assay_allocate(p, c, 4, fill);
    ck_assert_uint_eq(c[2].rank, 1);
    ck_assert_uint_eq(c[3].rank, 2);
    ck_assert_uint_eq(c[1].rank, 3);
    ck_assert_uint_eq(c[0].rank, 4);
    assay_policy_free(p);
}
END_TEST

START_TEST(ids_compare_bytewise)
{
    assay_policy *p = policy("");
    /* "\xc3\xa9" (é) sorts after "z" bytewise, whatever the locale. */
    assay_candidate c[2] = {cand("\xc3\xa9", 1, 0.8, O), cand("z", 2, 0.8, O)};
    assay_tier_fill fill[2];
    assay_allocate(p, c, 2, fill);
    ck_assert_uint_eq(c[1].rank, 1);
    ck_assert_uint_eq(c[0].rank, 2);
    assay_policy_free(p);
}
END_TEST

START_TEST(unscored_records_rank_last)
{
    assay_policy *p = policy("");
    assay_candidate c[2] = {cand("a", 1, 0, O), cand("b", 2, 0.1, O)};
    c[0].scored = 0;
    c[0].domain_count = 0;
    assay_tier_fill fill[2];
    assay_allocate(p, c, 2, fill);
    ck_assert_uint_eq(c[0].rank, 2);
    ck_assert_str_eq(decision(p, &c[0]), "review");
    assay_policy_free(p);
}
END_TEST

START_TEST(capacity_is_never_exceeded)
{
    assay_policy *p = policy("");
    assay_candidate c[8];
    char ids[8][4];
    for (int i = 0; i < 8; i++) {
        snprintf(ids[i], sizeof ids[i], "r%d", i);
        c[i] = cand(ids[i], (uint64_t)i + 1, 0.95 - 0.01 * i, F | O);
    }
    assay_tier_fill fill[2];
    assay_allocate(p, c, 8, fill);
    ck_assert_uint_eq(fill[0].used, 2);
    ck_assert_uint_eq(fill[1].used, 3);
    const char *expected[8] = {"gold",   "gold",     "silver",   "silver",
                               "silver", "waitlist", "waitlist", "reject"};
    for (int i = 0; i < 8; i++)
        ck_assert_str_eq(decision(p, &c[i]), expected[i]);
    ck_assert_uint_eq(c[5].position, 1);
    ck_assert_uint_eq(c[6].position, 2);
    ck_assert_uint_eq(fill[0].cutoff_rank, 2);
    ck_assert_double_eq(fill[0].cutoff_score, 0.94);
    ck_assert_uint_eq(fill[1].cutoff_rank, 5);
    assay_policy_free(p);
}
END_TEST

START_TEST(a_tie_at_a_cut_off_is_marked_on_both_sides)
{
    assay_policy *p = policy("");
    assay_candidate c[4] = {cand("x", 1, 0.9, F | O), cand("c", 2, 0.8, F | O),
                            cand("a", 3, 0.8, F | O), cand("b", 4, 0.8, F | O)};
    c[3].domain_count = 3; /* b: more evidence than a and c */
    assay_tier_fill fill[2];
    assay_allocate(p, c, 4, fill);
    /* Ranks: x, then b (3 domain scores), a, c (2 each, by id). */
    ck_assert_uint_eq(c[3].rank, 2);
    ck_assert_uint_eq(c[2].rank, 3);
    ck_assert_uint_eq(c[1].rank, 4);
    ck_assert_str_eq(decision(p, &c[3]), "gold");
    ck_assert_str_eq(decision(p, &c[2]), "silver");
    ck_assert_str_eq(decision(p, &c[1]), "silver");
    ck_assert_uint_eq(fill[0].tied_seated, 1);
    ck_assert_uint_eq(fill[0].tied_unseated, 2);
    ck_assert_int_eq(fill[0].settled_by, ASSAY_TIE_EVIDENCE);
    /* silver did not fill: no tie there, although a and c share 0.8 */
    ck_assert_uint_eq(fill[1].tied_unseated, 0);
    ck_assert_int_eq(fill[1].settled_by, ASSAY_TIE_NONE);
    ck_assert_int_eq(c[0].tie_tier, -1);
    for (int i = 1; i < 4; i++)
        ck_assert_int_eq(c[i].tie_tier, 0);
    ck_assert_str_eq(
        explain(p, fill, &c[2], 4, NULL, NULL),
        "\"why\":\"Ranked 3 of 4 with score 0.8: given silver, seat 1 of 3.\","
        "\"why_not\":[{\"tier\":\"gold\",\"reason\":\"all 2 seats filled at "
        "rank 2 with cut-off score 0.8; a tie at that score, lost on the "
        "tie-break (more domain scores)\"}],\"tie\":{\"tier\":\"gold\","
        "\"score\":0.8,\"seated\":1,\"unseated\":2,\"settled_by\":"
        "\"more domain scores\"}");
    /* The seated side carries the same mark and no why_not. */
    ck_assert_str_eq(
        explain(p, fill, &c[3], 4, NULL, NULL),
        "\"why\":\"Ranked 2 of 4 with score 0.8: given gold, seat 2 of 2.\","
        "\"why_not\":[],\"tie\":{\"tier\":\"gold\",\"score\":0.8,"
        "\"seated\":1,\"unseated\":2,\"settled_by\":\"more domain "
        "scores\"}");
    ck_assert_str_eq(explain(p, fill, &c[0], 4, NULL, NULL),
                     "\"why\":\"Ranked 1 of 4 with score 0.9: given gold, "
                     "seat 1 of 2.\",\"why_not\":[]");
    assay_policy_free(p);
}
END_TEST

START_TEST(a_tie_settled_by_id_or_input_order_says_so)
{
    assay_policy *p = policy("");
    assay_candidate c[3] = {cand("x", 1, 0.9, F), cand("b", 2, 0.75, F),
                            cand("a", 3, 0.75, F)};
    assay_tier_fill fill[2];
    assay_allocate(p, c, 3, fill);
    ck_assert_str_eq(decision(p, &c[2]), "gold");
    ck_assert_str_eq(decision(p, &c[1]), "waitlist");
    ck_assert_int_eq(fill[0].settled_by, ASSAY_TIE_ID);
    ck_assert_str_eq(assay_tie_break_name(ASSAY_TIE_ID), "smaller id");
    /* Two records with one id (they differ by input line only). */
    assay_candidate d[3] = {cand("x", 1, 0.9, F), cand("a", 9, 0.75, F),
                            cand("a", 3, 0.75, F)};
    assay_allocate(p, d, 3, fill);
    ck_assert_uint_eq(d[2].position, 2);
    ck_assert_int_eq(fill[0].settled_by, ASSAY_TIE_INPUT_ORDER);
    ck_assert_str_eq(assay_tie_break_name(ASSAY_TIE_INPUT_ORDER),
                     "input order");
    /* A full tier whose last seat has a higher score: no tie. */
    assay_candidate e[3] = {cand("x", 1, 0.9, F), cand("y", 2, 0.8, F),
                            cand("z", 3, 0.75, F)};
    assay_allocate(p, e, 3, fill);
    ck_assert_uint_eq(fill[0].tied_unseated, 0);
    ck_assert_int_eq(e[2].tie_tier, -1);
    assay_policy_free(p);
}
END_TEST

START_TEST(an_unrequested_tier_is_never_given)
{
    assay_policy *p = policy("");
    assay_candidate c[2] = {cand("a", 1, 0.99, T), cand("b", 2, 0.99, C)};
    assay_tier_fill fill[2];
    assay_allocate(p, c, 2, fill);
    ck_assert_str_eq(decision(p, &c[0]), "silver");
    ck_assert_str_eq(decision(p, &c[1]), "reject"); /* asked for neither */
    ck_assert_uint_eq(fill[0].used, 0);
    assay_policy_free(p);
}
END_TEST

START_TEST(a_record_below_every_minimum_is_rejected_not_waitlisted)
{
    assay_policy *p = policy("");
    assay_candidate c[1] = {cand("a", 1, 0.49, F | O)};
    assay_tier_fill fill[2];
    assay_allocate(p, c, 1, fill);
    ck_assert_str_eq(decision(p, &c[0]), "reject");
    assay_policy_free(p);
}
END_TEST

START_TEST(capacity_larger_than_the_pool_seats_every_qualified_record)
{
    assay_policy *p = policy("");
    assay_candidate c[3] = {cand("a", 1, 0.9, F), cand("b", 2, 0.6, O),
                            cand("c", 3, 0.55, T)};
    assay_tier_fill fill[2];
    assay_allocate(p, c, 3, fill);
    ck_assert_str_eq(decision(p, &c[0]), "gold");
    ck_assert_str_eq(decision(p, &c[1]), "silver");
    ck_assert_str_eq(decision(p, &c[2]), "silver");
    assay_policy_free(p);
}
END_TEST

START_TEST(zero_records_allocate_nothing)
{
    assay_policy *p = policy("");
    assay_tier_fill fill[2];
    assay_allocate(p, NULL, 0, fill);
    ck_assert_uint_eq(fill[0].used, 0);
    ck_assert_uint_eq(fill[0].cutoff_rank, 0);
    assay_policy_free(p);
}
END_TEST

START_TEST(one_record_gets_its_tier)
{
    assay_policy *p = policy("");
    assay_candidate c[1] = {cand("a", 1, 0.7, F)};
    assay_tier_fill fill[2];
    assay_allocate(p, c, 1, fill);
    ck_assert_uint_eq(c[0].rank, 1);
    ck_assert_str_eq(decision(p, &c[0]), "gold");
    ck_assert_str_eq(explain(p, fill, &c[0], 1, NULL, NULL),
                     "\"why\":\"Ranked 1 of 1 with score 0.7: given gold, "
                     "seat 1 of 2.\",\"why_not\":[]");
    assay_policy_free(p);
}
END_TEST

START_TEST(a_veto_rejects_by_default_and_frees_the_seat)
{
    assay_policy *p = policy("");
    assay_candidate c[3] = {cand("a", 1, 0.9, F), cand("b", 2, 0.8, F),
                            cand("c", 3, 0.75, F)};
    c[0].vetoed = 1;
    assay_tier_fill fill[2];
    assay_allocate(p, c, 3, fill);
    ck_assert_str_eq(decision(p, &c[0]), "reject");
    ck_assert_uint_eq(c[0].rank, 1); /* keeps its rank */
    ck_assert_str_eq(decision(p, &c[1]), "gold");
    ck_assert_str_eq(decision(p, &c[2]), "gold");
    ck_assert_str_eq(
        explain(p, fill, &c[0], 3, "ad.safety", "no safety case"),
        "\"why\":\"Rejected: rule ad.safety vetoed it: no safety case.\","
        "\"why_not\":[{\"tier\":\"gold\",\"reason\":\"rejected: rule "
        "ad.safety vetoed it: no safety case\"},{\"tier\":\"silver\","
        "\"reason\":\"rejected: rule ad.safety vetoed it: no safety "
        "case\"}]");
    assay_policy_free(p);
}
END_TEST

START_TEST(a_flag_holds_for_review_without_a_seat)
{
    assay_policy *p = policy("");
    assay_candidate c[3] = {cand("a", 1, 0.9, F), cand("b", 2, 0.8, F),
                            cand("c", 3, 0.75, F)};
    c[0].flagged = 1;
    assay_tier_fill fill[2];
    assay_allocate(p, c, 3, fill);
    ck_assert_str_eq(decision(p, &c[0]), "review");
    ck_assert_uint_eq(c[0].rank, 1);
    ck_assert_str_eq(decision(p, &c[1]), "gold");
    ck_assert_str_eq(decision(p, &c[2]), "gold");
    ck_assert_str_eq(explain(p, fill, &c[0], 3, "biz.odd", "check funding"),
                     "\"why\":\"Held for human review: rule biz.odd flagged "
                     "it: check funding.\",\"why_not\":[{\"tier\":\"gold\","
                     "\"reason\":\"held for human review: rule biz.odd "
                     "flagged it: check funding\"},{\"tier\":\"silver\","
                     "\"reason\":\"held for human review: rule biz.odd "
                     "flagged it: check funding\"}]");
    assay_policy_free(p);
}
END_TEST

START_TEST(a_policy_can_lower_a_flagged_record_by_one_tier)
{
    assay_policy *p = policy("on_flag \"lower\"");
    assay_candidate c[1] = {cand("a", 1, 0.9, F | O)};
    c[0].flagged = 1;
    assay_tier_fill fill[2];
    assay_allocate(p, c, 1, fill);
    ck_assert_str_eq(decision(p, &c[0]), "silver");
    ck_assert_str_eq(
        explain(p, fill, &c[0], 1, "biz.odd", "check funding"),
        "\"why\":\"Ranked 1 of 1 with score 0.9: given silver, seat 1 of 3; "
        "lowered one tier because rule biz.odd flagged it: check "
        "funding.\",\"why_not\":[{\"tier\":\"gold\",\"reason\":\"lowered "
        "one tier because rule biz.odd flagged it: check funding\"}]");
    assay_policy_free(p);
}
END_TEST

START_TEST(a_policy_can_send_vetoes_to_review_and_ignore_flags)
{
    assay_policy *p = policy("on_veto \"review\"\non_flag \"none\"");
    assay_candidate c[2] = {cand("a", 1, 0.9, F), cand("b", 2, 0.8, F)};
    c[0].vetoed = 1;
    c[1].flagged = 1;
    assay_tier_fill fill[2];
    assay_allocate(p, c, 2, fill);
    ck_assert_str_eq(decision(p, &c[0]), "review");
    ck_assert_str_eq(decision(p, &c[1]), "gold");
    assay_policy_free(p);
}
END_TEST

START_TEST(a_lowered_record_in_the_lowest_tier_is_rejected)
{
    assay_policy *p = policy("on_veto \"lower\"");
    assay_candidate c[1] = {cand("a", 1, 0.6, O)};
    c[0].vetoed = 1;
    assay_tier_fill fill[2];
    assay_allocate(p, c, 1, fill);
    ck_assert_str_eq(decision(p, &c[0]), "reject");
    assay_policy_free(p);
}
END_TEST

START_TEST(why_not_names_the_shortfall_the_request_and_the_cutoff)
{
    assay_policy *p = policy("");
    assay_candidate c[5] = {cand("a", 1, 0.95, F), cand("b", 2, 0.9, F),
                            cand("c", 3, 0.85, F | O), cand("d", 4, 0.6, F | O),
                            cand("e", 5, 0.55, T)};
    assay_tier_fill fill[2];
    assay_allocate(p, c, 5, fill);
    /* c reached gold on score and request, but its seats were taken. */
    ck_assert_str_eq(explain(p, fill, &c[2], 5, NULL, NULL),
                     "\"why\":\"Ranked 3 of 5 with score 0.85: given silver, "
                     "seat 1 of 3.\",\"why_not\":[{\"tier\":\"gold\","
                     "\"reason\":\"all 2 seats filled at rank 2 with "
                     "cut-off score 0.9\"}]");
    ck_assert_str_eq(explain(p, fill, &c[3], 5, NULL, NULL),
                     "\"why\":\"Ranked 4 of 5 with score 0.6: given silver, "
                     "seat 2 of 3.\",\"why_not\":[{\"tier\":\"gold\","
                     "\"reason\":\"score 0.6 is 0.1 below the minimum "
                     "0.7\"}]");
    ck_assert_str_eq(explain(p, fill, &c[4], 5, NULL, NULL),
                     "\"why\":\"Ranked 5 of 5 with score 0.55: given silver, "
                     "seat 3 of 3.\",\"why_not\":[{\"tier\":\"gold\","
                     "\"reason\":\"not requested (it needs a request for "
                     "funding)\"}]");
    assay_policy_free(p);
}
END_TEST

START_TEST(waitlisted_and_rejected_records_say_why)
{
    assay_policy *p = policy("");
    assay_candidate c[8];
    char ids[8][4];
    for (int i = 0; i < 8; i++) {
        snprintf(ids[i], sizeof ids[i], "r%d", i);
        c[i] = cand(ids[i], (uint64_t)i + 1, 0.95 - 0.05 * i, O);
    }
    assay_tier_fill fill[2];
    assay_allocate(p, c, 8, fill);
    /* r0..r2 silver; r3, r4 (0.8, 0.75) waitlist; r5 (0.7) rejected, the
     * waitlist full; r6 (0.65) too; r7 (0.6) too. */
    ck_assert_str_eq(decision(p, &c[3]), "waitlist");
    ck_assert_str_eq(explain(p, fill, &c[3], 8, NULL, NULL),
                     "\"why\":\"Ranked 4 of 8 with score 0.8: qualifies for "
                     "silver, but its 3 seats were filled; waitlist position "
                     "1 of 2.\",\"why_not\":[{\"tier\":\"gold\",\"reason\":"
                     "\"not requested (it needs a request for funding)\"},"
                     "{\"tier\":\"silver\",\"reason\":\"all 3 seats filled at "
                     "rank 3 with cut-off score 0.85\"}]");
    ck_assert_str_eq(decision(p, &c[5]), "reject");
    ck_assert_str_eq(explain(p, fill, &c[5], 8, NULL, NULL),
                     "\"why\":\"Ranked 6 of 8 with score 0.7: qualifies for "
                     "silver, but its 3 seats were filled and the waitlist of "
                     "2 is full.\",\"why_not\":[{\"tier\":\"gold\","
                     "\"reason\":\"not requested (it needs a request for "
                     "funding)\"},{\"tier\":\"silver\",\"reason\":\"all 3 "
                     "seats filled at rank 3 with cut-off score 0.85\"}]");
    assay_policy_free(p);
}
END_TEST

START_TEST(a_record_that_requested_nothing_offered_is_told_so)
{
    assay_policy *p = policy("");
    assay_candidate c[1] = {cand("a", 1, 0.9, C)};
    assay_tier_fill fill[2];
    assay_allocate(p, c, 1, fill);
    ck_assert_str_eq(explain(p, fill, &c[0], 1, NULL, NULL),
                     "\"why\":\"Ranked 1 of 1 with score 0.9: it requested "
                     "none of what the tiers offer (funding, office or "
                     "training).\",\"why_not\":[{\"tier\":\"gold\",\"reason\":"
                     "\"not requested (it needs a request for funding)\"},"
                     "{\"tier\":\"silver\",\"reason\":\"not requested (it "
                     "needs a request for office or training)\"}]");
    assay_policy_free(p);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("allocation");
    TCase *tc = tcase_create("allocation");
    tcase_add_test(tc, rank_follows_score_from_the_highest);
    tcase_add_test(tc, ties_go_to_more_domains_then_smaller_id_then_key);
    tcase_add_test(tc, ids_compare_bytewise);
    tcase_add_test(tc, unscored_records_rank_last);
    tcase_add_test(tc, capacity_is_never_exceeded);
    tcase_add_test(tc, a_tie_at_a_cut_off_is_marked_on_both_sides);
    tcase_add_test(tc, a_tie_settled_by_id_or_input_order_says_so);
    tcase_add_test(tc, an_unrequested_tier_is_never_given);
    tcase_add_test(tc, a_record_below_every_minimum_is_rejected_not_waitlisted);
    tcase_add_test(tc,
                   capacity_larger_than_the_pool_seats_every_qualified_record);
    tcase_add_test(tc, zero_records_allocate_nothing);
    tcase_add_test(tc, one_record_gets_its_tier);
    tcase_add_test(tc, a_veto_rejects_by_default_and_frees_the_seat);
    tcase_add_test(tc, a_flag_holds_for_review_without_a_seat);
    tcase_add_test(tc, a_policy_can_lower_a_flagged_record_by_one_tier);
    tcase_add_test(tc, a_policy_can_send_vetoes_to_review_and_ignore_flags);
    tcase_add_test(tc, a_lowered_record_in_the_lowest_tier_is_rejected);
    tcase_add_test(tc, why_not_names_the_shortfall_the_request_and_the_cutoff);
    tcase_add_test(tc, waitlisted_and_rejected_records_say_why);
    tcase_add_test(tc, a_record_that_requested_nothing_offered_is_told_so);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
