/* The fingerprint of a plugin set (engine/fingerprint.h), and decide's
 * refusal of records of two fingerprints (decide/fingerprint_mix.h). */
#include <stdio.h>
#include <string.h>

#include "decide/fingerprint_mix.h"
#include "engine/fingerprint.h"
#include "test_support.h"

static const char rules[] =
    "plugin { name = \"team\", version = \"1.0.0\", domain = \"business\",\n"
    "         description = \"team size\" }\n"
    "domain { name = \"business\", label = \"Business\", description = "
    "\"The team\" }\n"
    "rule { id = \"team.size\", weight = 1, description = \"size\",\n"
    "  score = function(app) return 1, \"ok\" end }\n";

/* The fingerprint of an engine with the rule file text loaded from a file
 * with this suffix. */
static const char *fingerprint_of(const char *text, const char *suffix)
{
    static char out[ASSAY_FINGERPRINT_DIGITS + 1];
    char err[1024];
    assay_engine *e = assay_engine_new();
    ck_assert_ptr_nonnull(e);
    ck_assert_msg(assay_engine_load_rules(e, ts_temp_file(text, suffix), err,
                                          sizeof err) == 0,
                  "%s", err);
    ck_assert_int_eq(assay_plugin_set_fingerprint(&e->plugins, out, err,
                                                  sizeof err),
                     0);
    assay_engine_free(e);
    return out;
}

START_TEST(a_rule_file_gives_the_sha256_of_its_documented_line)
{
    /* sha256 of "assay plugin set 1\nlua \"team\" \"1.0.0\" 2 <sha256 of
     * the file> \"{}\"\n", its first 8 bytes (docs/batch.md). */
    ck_assert_str_eq(fingerprint_of(rules, ".lua"), "3d0e7cc6585f3dba");
}
END_TEST

START_TEST(the_path_is_not_in_it_but_every_byte_of_the_rules_is)
{
    char a[ASSAY_FINGERPRINT_DIGITS + 1];
    snprintf(a, sizeof a, "%s", fingerprint_of(rules, ".lua"));
    ck_assert_str_eq(fingerprint_of(rules, "_elsewhere.lua"), a);
    char revised[sizeof rules + 1];
    snprintf(revised, sizeof revised, "%s ", rules);
    ck_assert_str_ne(fingerprint_of(revised, ".lua"), a);
}
END_TEST

START_TEST(no_plugins_have_a_fingerprint_too)
{
    char out[ASSAY_FINGERPRINT_DIGITS + 1], err[256];
    assay_engine *e = assay_engine_new();
    ck_assert_int_eq(assay_plugin_set_fingerprint(&e->plugins, out, err,
                                                  sizeof err),
                     0);
    /* sha256("assay plugin set 1\n") */
    ck_assert_str_eq(out, "260f1895050a34b6");
    assay_engine_free(e);
}
END_TEST

START_TEST(one_fingerprint_throughout_passes)
{
    assay_fingerprint_mix m = {0};
    char err[512] = "";
    ck_assert_int_eq(assay_fingerprint_mix_add(&m, "0123456789abcdef", "a", 1,
                                               err, sizeof err),
                     0);
    ck_assert_int_eq(assay_fingerprint_mix_add(&m, "0123456789abcdef", "b", 7,
                                               err, sizeof err),
                     0);
    ck_assert_str_eq(m.first, "0123456789abcdef");
    ck_assert_str_eq(err, "");
    assay_fingerprint_mix none = {0};
    ck_assert_int_eq(assay_fingerprint_mix_add(&none, NULL, "a", 1, err,
                                               sizeof err),
                     0);
    ck_assert_int_eq(assay_fingerprint_mix_add(&none, NULL, "a", 2, err,
                                               sizeof err),
                     0);
    ck_assert_str_eq(none.first, "");
}
END_TEST

START_TEST(a_second_fingerprint_is_refused_naming_where_each_first_was)
{
    assay_fingerprint_mix m = {0};
    char err[512];
    assay_fingerprint_mix_add(&m, "0123456789abcdef", "a.scored", 3, err,
                              sizeof err);
    ck_assert_int_ne(assay_fingerprint_mix_add(&m, "fedcba9876543210",
                                               "b.scored", 1, err, sizeof err),
                     0);
    ck_assert_str_eq(err, "the scored records were made by different "
                          "plugins or rules: fingerprint 0123456789abcdef "
                          "first at a.scored:3, fingerprint fedcba9876543210 "
                          "first at b.scored:1; score every shard with the "
                          "same plugins, rule files and plugin "
                          "configuration");
}
END_TEST

START_TEST(records_without_one_do_not_mix_with_records_with_one)
{
    assay_fingerprint_mix m = {0};
    char err[512];
    assay_fingerprint_mix_add(&m, NULL, "old.scored", 1, err, sizeof err);
    ck_assert_int_ne(assay_fingerprint_mix_add(&m, "0123456789abcdef",
                                               "new.scored", 2, err,
                                               sizeof err),
                     0);
    ck_assert_str_eq(err, "the scored records were made by different "
                          "plugins or rules: no fingerprint (an older assay "
                          "score wrote it) first at old.scored:1, "
                          "fingerprint 0123456789abcdef first at "
                          "new.scored:2; score every shard with the same "
                          "plugins, rule files and plugin configuration");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("fingerprint");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, a_rule_file_gives_the_sha256_of_its_documented_line);
    tcase_add_test(tc, the_path_is_not_in_it_but_every_byte_of_the_rules_is);
    tcase_add_test(tc, no_plugins_have_a_fingerprint_too);
    tcase_add_test(tc, one_fingerprint_throughout_passes);
    tcase_add_test(tc,
                   a_second_fingerprint_is_refused_naming_where_each_first_was);
    tcase_add_test(tc, records_without_one_do_not_mix_with_records_with_one);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
