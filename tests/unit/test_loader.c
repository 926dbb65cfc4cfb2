/* Loading compiled plugins: what is accepted, every refusal with its exact
 * message, and that a refused plugin is closed again. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/domain.h"
#include "test_support.h"

static assay_engine *engine;
static char err[2048];
static char expected[2048];

static void setup(void)
{
    engine = assay_engine_new();
    err[0] = '\0';
}

static void teardown(void)
{
    assay_engine_free(engine);
}

/* $ASSAY_TEST_PLUGIN_DIR/<name>.so */
static const char *plugin(const char *name)
{
    static char path[4][4096];
    static int next;
    const char *dir = getenv("ASSAY_TEST_PLUGIN_DIR");
    ck_assert_msg(dir != NULL, "ASSAY_TEST_PLUGIN_DIR is not set");
    char *p = path[next++ % 4];
    snprintf(p, sizeof path[0], "%s/%s.so", dir, name);
    return p;
}

static int load(const char *name)
{
    return assay_engine_load_plugin(engine, plugin(name), NULL, err,
                                    sizeof err);
}

/* 1 if the shared object at path is still mapped in the process. */
static int still_loaded(const char *path)
{
    void *h = dlopen(path, RTLD_NOW | RTLD_NOLOAD);
    if (h)
        dlclose(h);
    return h != NULL;
}

/* ---- accepted --------------------------------------------------------- */

START_TEST(loads_a_good_plugin_with_its_identity_and_rules)
{
    ck_assert_int_eq(load("good"), 0);
    ck_assert_uint_eq(engine->plugins.count, 1);
    const assay_loaded_plugin *p = engine->plugins.items[0];
    ck_assert_str_eq(p->name, "good");
    ck_assert_str_eq(p->version, "1.0.0");
    ck_assert_int_eq(p->domain,
                     assay_domains_find(&engine->plugins.domains, "cloud"));
    ck_assert_uint_eq(p->rule_count, 2);
    ck_assert_str_eq(p->rules[0].id, "good.rule");
    ck_assert_int_eq(p->rules[0].domain, p->domain);
    ck_assert_double_eq(p->rules[0].weight, 1.0);
    ck_assert_str_eq(p->rules[1].id, "good.business");
    ck_assert_int_eq(p->rules[1].domain,
                     assay_domains_find(&engine->plugins.domains,
                                        "business"));
    ck_assert_double_eq(p->rules[1].weight, 2.0);
    ck_assert(still_loaded(plugin("good")));
}
END_TEST

START_TEST(freeing_the_engine_closes_its_plugins)
{
    ck_assert_int_eq(load("good"), 0);
    assay_engine_free(engine);
    engine = assay_engine_new();
    ck_assert(!still_loaded(plugin("good")));
}
END_TEST

/* ---- refused ---------------------------------------------------------- */

START_TEST(refuses_a_missing_file)
{
    const char *path = plugin("does_not_exist");
    ck_assert_int_ne(load("does_not_exist"), 0);
    snprintf(expected, sizeof expected,
             "%s: cannot load plugin: %s: cannot open shared object file: "
             "No such file or directory; check the path and that it is a "
             "shared object built for this machine",
             path, path);
    ck_assert_str_eq(err, expected);
}
END_TEST

START_TEST(refuses_a_file_that_is_not_a_shared_object)
{
    const char *path = ts_source_path("tests/plugins/good.c");
    ck_assert_int_ne(
        assay_engine_load_plugin(engine, path, NULL, err, sizeof err), 0);
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    snprintf(expected, sizeof expected,
             "%s: cannot load plugin: not an ELF file (%lld bytes); a plugin "
             "is a shared object built with -shared -fPIC",
             path, (long long)st.st_size);
    ck_assert_str_eq(err, expected);
}
END_TEST

START_TEST(refuses_another_abi_version_naming_both)
{
    ck_assert_int_ne(load("wrong_abi"), 0);
    snprintf(expected, sizeof expected,
             "%s: built for assay plugin ABI version 99, but this assay "
             "supports ABI versions 1 to 2; rebuild the plugin against this "
             "assay's <assay/plugin.h>",
             plugin("wrong_abi"));
    ck_assert_str_eq(err, expected);
}
END_TEST

START_TEST(refuses_a_descriptor_smaller_than_abi_v1)
{
    /* 88 bytes: assay_plugin up to and including fini on LP64. */
    ck_assert_int_ne(load("small_struct"), 0);
    snprintf(expected, sizeof expected,
             "%s: plugin descriptor is 24 bytes, but ABI version 2 needs at "
             "least 88; the plugin was built against a broken or foreign "
             "header, rebuild it against <assay/plugin.h>",
             plugin("small_struct"));
    ck_assert_str_eq(err, expected);
}
END_TEST

START_TEST(refuses_a_library_without_the_entry_symbol)
{
    ck_assert_int_ne(load("no_entry"), 0);
    snprintf(expected, sizeof expected,
             "%s: not an assay plugin: it does not export "
             "\"assay_plugin_entry\"; define it with ASSAY_PLUGIN_DEFINE "
             "from <assay/plugin.h>",
             plugin("no_entry"));
    ck_assert_str_eq(err, expected);
}
END_TEST

START_TEST(shows_the_message_of_a_failing_init)
{
    ck_assert_int_ne(load("failing_init"), 0);
    snprintf(expected, sizeof expected,
             "%s: plugin \"failing_init\" failed to initialise: licence "
             "file /opt/vendor/licence.key not found",
             plugin("failing_init"));
    ck_assert_str_eq(err, expected);
}
END_TEST

START_TEST(a_rule_naming_an_undeclared_domain_is_a_problem_once_loaded)
{
    /* Another plugin loaded later could still declare it: the load
     * succeeds, the check after loading names the rule, no worker runs. */
    ck_assert_int_eq(load("unknown_domain"), 0);
    assay_problems problems;
    assay_problems_init(&problems);
    ck_assert_uint_eq(
        assay_plugin_set_check_domains(&engine->plugins, &problems), 1);
    snprintf(expected, sizeof expected,
             "%s: rule \"unknown_domain.rule\" names undeclared domain "
             "\"wether\"; did you mean \"weather\"? (declared: weather); "
             "declare it with domain { name = ..., label = ..., description "
             "= ... } in a rule file, or in a compiled plugin's domains array",
             plugin("unknown_domain"));
    ck_assert_str_eq(problems.items[0], expected);
    assay_problems_free(&problems);
    char e[1024];
    ck_assert_ptr_null(assay_worker_new(engine, e, sizeof e));
    snprintf(expected, sizeof expected,
             "%s: rule \"unknown_domain.rule\" names undeclared domain "
             "\"wether\"; declare it with domain { name = ..., label = ..., "
             "description = ... } in a rule file, or in a compiled plugin's "
             "domains array",
             plugin("unknown_domain"));
    ck_assert_str_eq(e, expected);
}
END_TEST

START_TEST(refuses_a_rule_weight_that_is_not_positive)
{
    ck_assert_int_ne(load("zero_weight"), 0);
    snprintf(expected, sizeof expected,
             "%s: rule \"zero_weight.rule\" has weight 0; a weight must be a "
             "positive number",
             plugin("zero_weight"));
    ck_assert_str_eq(err, expected);
}
END_TEST

START_TEST(refuses_a_rule_id_another_plugin_declared)
{
    ck_assert_int_eq(load("good"), 0);
    ck_assert_int_ne(load("duplicate_rule"), 0);
    snprintf(expected, sizeof expected,
             "%s: rule id \"good.rule\" is already declared by plugin "
             "\"good\" (%s); rule ids must be unique",
             plugin("duplicate_rule"), plugin("good"));
    ck_assert_str_eq(err, expected);
    ck_assert_uint_eq(engine->plugins.count, 1);
}
END_TEST

START_TEST(refuses_a_second_plugin_of_the_same_name)
{
    ck_assert_int_eq(load("good"), 0);
    ck_assert_int_ne(load("good"), 0);
    snprintf(expected, sizeof expected,
             "%s: a plugin named \"good\" is already loaded from %s; plugin "
             "names must be unique",
             plugin("good"), plugin("good"));
    ck_assert_str_eq(err, expected);
    ck_assert_uint_eq(engine->plugins.count, 1);
    ck_assert(still_loaded(plugin("good")));
}
END_TEST

START_TEST(refused_plugins_are_closed_again)
{
    static const char *const refused[] = {
        "wrong_abi",      "small_struct", "no_entry",      "failing_init",
        "zero_weight",    "duplicate_rule"};
    ck_assert_int_eq(load("good"), 0);
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        ck_assert_int_ne(load(refused[i]), 0);
        ck_assert_msg(!still_loaded(plugin(refused[i])),
                      "%s is still loaded after its refusal", refused[i]);
    }
}
END_TEST

START_TEST(repeated_refusals_release_everything)
{
    /* Under the sanitizer build, LeakSanitizer fails this test if any
     * refusal path leaks. */
    static const char *const refused[] = {
        "does_not_exist", "wrong_abi",   "small_struct",  "no_entry",
        "failing_init",   "zero_weight", "duplicate_rule"};
    ck_assert_int_eq(load("good"), 0);
    for (int round = 0; round < 50; round++)
        for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
            ck_assert_int_ne(load(refused[i]), 0);
    ck_assert_uint_eq(engine->plugins.count, 1);
}
END_TEST

/* ---- plugin directories ----------------------------------------------- */

/* The library names its own function; the command, --plugin-dir
 * (e2e plugin_errors). */
START_TEST(refuses_a_plugin_dir_that_is_not_a_directory)
{
    const char *path = plugin("good");
    ck_assert_int_ne(
        assay_engine_load_plugin_dir(engine, path, err, sizeof err), 0);
    snprintf(expected, sizeof expected,
             "%s: not a directory; give assay_engine_load_plugin_dir a "
             "directory of plugins",
             path);
    ck_assert_str_eq(err, expected);
}
END_TEST

START_TEST(refuses_a_plugin_dir_without_plugins)
{
    /* An empty directory of its own: the source tree's directories may
     * gain Lua files (examples/policy holds policies). */
    char dir[] = "/tmp/assay-test-empty-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    int rc = assay_engine_load_plugin_dir(engine, dir, err, sizeof err);
    rmdir(dir);
    ck_assert_int_ne(rc, 0);
    snprintf(expected, sizeof expected, "%s: no plugins (*.so, or *.lua rule files) found", dir);
    ck_assert_str_eq(err, expected);
}
END_TEST

START_TEST(loads_the_shipped_plugin_dir_in_path_order)
{
    ck_assert_int_eq(assay_engine_load_plugin_dir(
                         engine, ts_build_path("plugins"), err, sizeof err),
                     0);
    /* Compiled plugins and Lua rule files alike, by path; the helper file
     * common/format.lua declares nothing and is skipped. */
    static const char *const names[] = {
        "ai",       "ai_practice", "ad_practice", "autonomous_driving",
        "funding",  "team",        "traction",    "conn_practice",
        "connectivity", "cybersecurity"};
    ck_assert_uint_eq(engine->plugins.count, 10);
    for (size_t i = 0; i < 10; i++)
        ck_assert_str_eq(engine->plugins.items[i]->name, names[i]);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("loader");
    TCase *tc = tcase_create("loader");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, loads_a_good_plugin_with_its_identity_and_rules);
    tcase_add_test(tc, freeing_the_engine_closes_its_plugins);
    tcase_add_test(tc, refuses_a_missing_file);
    tcase_add_test(tc, refuses_a_file_that_is_not_a_shared_object);
    tcase_add_test(tc, refuses_another_abi_version_naming_both);
    tcase_add_test(tc, refuses_a_descriptor_smaller_than_abi_v1);
    tcase_add_test(tc, refuses_a_library_without_the_entry_symbol);
    tcase_add_test(tc, shows_the_message_of_a_failing_init);
    tcase_add_test(tc,
                   a_rule_naming_an_undeclared_domain_is_a_problem_once_loaded);
    tcase_add_test(tc, refuses_a_rule_weight_that_is_not_positive);
    tcase_add_test(tc, refuses_a_rule_id_another_plugin_declared);
    tcase_add_test(tc, refuses_a_second_plugin_of_the_same_name);
    tcase_add_test(tc, refused_plugins_are_closed_again);
    tcase_add_test(tc, repeated_refusals_release_everything);
    tcase_add_test(tc, refuses_a_plugin_dir_that_is_not_a_directory);
    tcase_add_test(tc, refuses_a_plugin_dir_without_plugins);
    tcase_add_test(tc, loads_the_shipped_plugin_dir_in_path_order);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
