/* Plugin configuration: set by plugin name before loading, checked as JSON,
 * handed to every init, and a refusal stops loading with the plugin's own
 * message. */
#include <stdio.h>
#include <string.h>

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

static int configure(const char *json)
{
    return assay_engine_set_plugin_config(engine, "config_echo", json,
                                          "echo.json", err, sizeof err);
}

static int load_echo(void)
{
    return assay_engine_load_plugin(
        engine, ts_build_path("tests/plugins/config_echo.so"), NULL, err,
        sizeof err);
}

/* The reason of config_echo's finding: the configuration it received. */
static const char *echoed(char *buf, size_t size)
{
    char e[512];
    assay_worker *w = assay_worker_new(engine, e, sizeof e);
    ck_assert_msg(w != NULL, "worker: %s", e);
    const assay_finding *f =
        ts_finding(ts_evaluate(w, "{\"id\":\"A\"}"), "config_echo.config");
    ck_assert_ptr_nonnull(f);
    snprintf(buf, size, "%s", f->reason);
    assay_worker_free(w);
    return buf;
}

START_TEST(plugin_without_configuration_gets_empty_object)
{
    char buf[256];
    ck_assert_msg(load_echo() == 0, "%s", err);
    ck_assert_str_eq(echoed(buf, sizeof buf), "{}");
}
END_TEST

START_TEST(configuration_reaches_the_plugin_verbatim)
{
    char buf[256];
    ck_assert_int_eq(configure("{\"level\": 3}\n"), 0);
    ck_assert_msg(load_echo() == 0, "%s", err);
    ck_assert_str_eq(echoed(buf, sizeof buf), "{\"level\": 3}\n");
    ck_assert_ptr_null(assay_plugin_set_unused_config(&engine->plugins));
}
END_TEST

START_TEST(later_configuration_replaces_earlier)
{
    char buf[256];
    ck_assert_int_eq(configure("{\"from\": \"policy\"}"), 0);
    ck_assert_int_eq(configure("{\"from\": \"command line\"}"), 0);
    ck_assert_msg(load_echo() == 0, "%s", err);
    ck_assert_str_eq(echoed(buf, sizeof buf), "{\"from\": \"command line\"}");
}
END_TEST

START_TEST(invalid_json_is_refused_with_line_and_column)
{
    ck_assert_int_ne(configure("{\n  \"level\": 3,\n  oops\n}"), 0);
    ck_assert_str_eq(err, "echo.json:3: invalid JSON near column 4 in the "
                          "configuration of plugin \"config_echo\"; fix the "
                          "file");
}
END_TEST

START_TEST(json_that_is_not_an_object_is_refused)
{
    ck_assert_int_ne(configure("[1, 2]"), 0);
    ck_assert_str_eq(err, "echo.json: the configuration of plugin "
                          "\"config_echo\" must be one JSON object ({...})");
}
END_TEST

START_TEST(init_refusal_names_plugin_config_file_and_its_message)
{
    ck_assert_int_eq(configure("{\"refuse\": true}"), 0);
    ck_assert_int_ne(load_echo(), 0);
    char expected[1024];
    snprintf(expected, sizeof expected,
             "%s: plugin \"config_echo\" refused its configuration from "
             "echo.json: \"refuse\" is set, so I refuse",
             ts_build_path("tests/plugins/config_echo.so"));
    ck_assert_str_eq(err, expected);
    ck_assert_uint_eq(engine->plugins.count, 0);
}
END_TEST

START_TEST(configuration_for_unloaded_name_is_reported_unused)
{
    ck_assert_int_eq(assay_engine_set_plugin_config(
                         engine, "config_ecko", "{}", "typo.json", err,
                         sizeof err),
                     0);
    ck_assert_msg(load_echo() == 0, "%s", err);
    const assay_plugin_config *unused =
        assay_plugin_set_unused_config(&engine->plugins);
    ck_assert_ptr_nonnull(unused);
    ck_assert_str_eq(unused->name, "config_ecko");
    ck_assert_str_eq(unused->source, "typo.json");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("plugin_config");
    TCase *tc = tcase_create("config");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, plugin_without_configuration_gets_empty_object);
    tcase_add_test(tc, configuration_reaches_the_plugin_verbatim);
    tcase_add_test(tc, later_configuration_replaces_earlier);
    tcase_add_test(tc, invalid_json_is_refused_with_line_and_column);
    tcase_add_test(tc, json_that_is_not_an_object_is_refused);
    tcase_add_test(tc, init_refusal_names_plugin_config_file_and_its_message);
    tcase_add_test(tc, configuration_for_unloaded_name_is_reported_unused);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
