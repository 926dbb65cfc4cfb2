/* Plugin ABI versioning: which descriptors the loader accepts (ABI 1 in its
 * own layout, ABI 2 of any size from the v1 size up, rules by their
 * struct_size) and which it refuses, with a message that names both
 * versions. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "engine/host.h"
#include "test_support.h"

static assay_engine *engine;
static char err[1024];

static void setup(void)
{
    engine = assay_engine_new();
    err[0] = '\0';
}

static void teardown(void)
{
    assay_engine_free(engine);
}

static int load(const char *name)
{
    char rel[256];
    snprintf(rel, sizeof rel, "tests/plugins/%s.so", name);
    return assay_engine_load_plugin(engine, ts_build_path(rel), NULL, err,
                                    sizeof err);
}

/* The score the single rule of the last loaded plugin gives a record. */
static double evaluate_rule(const char *rule)
{
    char e[512];
    assay_worker *w = assay_worker_new(engine, e, sizeof e);
    ck_assert_msg(w != NULL, "worker: %s", e);
    const assay_finding *f = ts_finding(ts_evaluate(w, "{\"id\":\"A\"}"),
                                        rule);
    ck_assert_ptr_nonnull(f);
    double score = f->score;
    assay_worker_free(w);
    return score;
}

START_TEST(loads_an_abi_1_plugin_in_its_own_layout)
{
    ck_assert_msg(load("abi_older_minor") == 0, "%s", err);
    const assay_loaded_plugin *p = engine->plugins.items[0];
    ck_assert_uint_eq(p->abi_version, 1);
    ck_assert_uint_eq(p->struct_size,
                      offsetof(assay_plugin, fini) + sizeof(void *));
    /* Both rules read with the ABI 1 stride, no inputs. */
    ck_assert_uint_eq(p->rule_count, 2);
    ck_assert_str_eq(p->rules[1].id, "older_minor.second");
    ck_assert_double_eq(p->rules[1].weight, 2.0);
    ck_assert_str_eq(p->rules[1].description, "Always 0.5");
    ck_assert_uint_eq(p->rules[1].input_count, 0);
    /* The descriptor's domain is declared implicitly: label = name. */
    const assay_domains *d = &engine->plugins.domains;
    ck_assert_uint_eq(d->count, 1);
    ck_assert_str_eq(d->items[0].name, "older");
    ck_assert_str_eq(d->items[0].label, "older");
    ck_assert_str_eq(d->items[0].description, "");
    ck_assert_int_eq(p->rules[1].domain, 0);
    ck_assert_double_eq(evaluate_rule("older_minor.ok"), 1.0);
    ck_assert_double_eq(evaluate_rule("older_minor.second"), 0.5);
}
END_TEST

START_TEST(accepts_newer_minor_with_appended_fields_and_ignores_them)
{
    ck_assert_msg(load("abi_newer_minor") == 0, "%s", err);
    const assay_loaded_plugin *p = engine->plugins.items[0];
    ck_assert_uint_gt(p->struct_size, sizeof(assay_plugin));
    /* The rules array's stride is the plugin's larger assay_rule. */
    ck_assert_uint_eq(p->rule_count, 2);
    ck_assert_str_eq(p->rules[1].id, "newer_minor.second");
    ck_assert_double_eq(p->rules[1].weight, 3.0);
    ck_assert_double_eq(evaluate_rule("newer_minor.ok"), 1.0);
    ck_assert_double_eq(evaluate_rule("newer_minor.second"), 0.25);
}
END_TEST

START_TEST(reads_inputs_of_a_rule_from_before_input_descriptions)
{
    ck_assert_msg(load("abi_rule_before_words") == 0, "%s", err);
    const assay_loaded_plugin *p = engine->plugins.items[0];
    ck_assert_uint_eq(p->rule_count, 2);
    ck_assert_str_eq(p->rules[1].id, "before_words.second");
    ck_assert_uint_eq(p->rules[1].input_count, 1);
    ck_assert_str_eq(p->rules[1].inputs[0].path, "glaze.lead_free");
    ck_assert_ptr_null(p->rules[0].inputs[0].description);
    ck_assert_ptr_null(p->rules[1].inputs[0].description);
}
END_TEST

START_TEST(refuses_a_rule_smaller_than_abi_2s)
{
    ck_assert_int_ne(load("abi_rule_small"), 0);
    char expected[1024];
    snprintf(expected, sizeof expected,
             "%s: rule struct_size is 8 bytes, but ABI version 2 needs at "
             "least %zu; fill it with ASSAY_RULE_HEADER",
             ts_build_path("tests/plugins/abi_rule_small.so"),
             offsetof(assay_rule, description) + sizeof(const char *));
    ck_assert_str_eq(err, expected);
    ck_assert_uint_eq(engine->plugins.count, 0);
}
END_TEST

START_TEST(refuses_newer_major_naming_both_versions)
{
    ck_assert_int_ne(load("abi_newer_major"), 0);
    char expected[1024];
    snprintf(expected, sizeof expected,
             "%s: built for assay plugin ABI version 3, but this assay "
             "supports ABI versions 1 to 2; rebuild the plugin against this "
             "assay's <assay/plugin.h>",
             ts_build_path("tests/plugins/abi_newer_major.so"));
    ck_assert_str_eq(err, expected);
    ck_assert_uint_eq(engine->plugins.count, 0);
}
END_TEST

START_TEST(refuses_older_major_naming_both_versions)
{
    ck_assert_int_ne(load("abi_older_major"), 0);
    char expected[1024];
    snprintf(expected, sizeof expected,
             "%s: built for assay plugin ABI version 0, but this assay "
             "supports ABI versions 1 to 2; rebuild the plugin against this "
             "assay's <assay/plugin.h>",
             ts_build_path("tests/plugins/abi_older_major.so"));
    ck_assert_str_eq(err, expected);
}
END_TEST

START_TEST(refuses_descriptor_smaller_than_v1)
{
    ck_assert_int_ne(load("abi_truncated"), 0);
    char expected[1024];
    snprintf(expected, sizeof expected,
             "%s: plugin descriptor is %zu bytes, but ABI version 2 needs at "
             "least %zu; the plugin was built against a broken or foreign "
             "header, rebuild it against <assay/plugin.h>",
             ts_build_path("tests/plugins/abi_truncated.so"),
             offsetof(assay_plugin, evaluate),
             offsetof(assay_plugin, fini) + sizeof(void *));
    ck_assert_str_eq(err, expected);
}
END_TEST

START_TEST(host_table_opens_with_its_size_and_version)
{
    const assay_host *h = assay_host_table();
    ck_assert_uint_eq(h->size, sizeof(assay_host));
    ck_assert_uint_eq(h->abi_version, ASSAY_ABI_VERSION);
    ck_assert(ASSAY_HOST_HAS(h, log));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("plugin_abi");
    TCase *tc = tcase_create("versions");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, loads_an_abi_1_plugin_in_its_own_layout);
    tcase_add_test(tc, refuses_a_rule_smaller_than_abi_2s);
    tcase_add_test(tc, reads_inputs_of_a_rule_from_before_input_descriptions);
    tcase_add_test(tc, accepts_newer_minor_with_appended_fields_and_ignores_them);
    tcase_add_test(tc, refuses_newer_major_naming_both_versions);
    tcase_add_test(tc, refuses_older_major_naming_both_versions);
    tcase_add_test(tc, refuses_descriptor_smaller_than_v1);
    tcase_add_test(tc, host_table_opens_with_its_size_and_version);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
