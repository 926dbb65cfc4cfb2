/* The plugin listing walks the loaded set: a Lua rule file added by its
 * loader is listed beside compiled plugins, with its rules' lines and no
 * ABI. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/domain.h"
#include "engine/plugin_listing.h"
#include "util/string_copy.h"
#include "test_support.h"

static assay_engine *engine;

/* What the Lua loader adds for a rule file: kind, identity and rules. */
static assay_loaded_plugin *lua_entry(void)
{
    assay_loaded_plugin *p = calloc(1, sizeof *p);
    p->kind = ASSAY_KIND_LUA;
    p->path = assay_strdup("plugins/ai/ai_rules.lua");
    p->name = assay_strdup("ai_rules");
    p->version = assay_strdup("0.3.0");
    p->domain_name = assay_strdup("ai");
    p->domain = -1;
    assay_loaded_plugin_declare(p, "ai", "AI", "Machine learning products",
                                "plugins/ai/ai_rules.lua:1");
    p->description = assay_strdup("");
    p->thread_model = ASSAY_THREAD_PER_WORKER;
    p->config_json = assay_strdup("{}");
    p->rule_count = 1;
    p->rules = calloc(1, sizeof *p->rules);
    p->rules[0].id = assay_strdup("ai.edge");
    p->rules[0].domain = -1;
    p->rules[0].weight = 1.5;
    p->rules[0].description = assay_strdup("Runs at the edge");
    p->rules[0].line = 12;
    return p;
}

static void setup(void)
{
    char err[1024];
    engine = assay_engine_new();
    ck_assert_int_eq(assay_engine_load_plugin(
                         engine,
                         ts_build_path("tests/plugins/abi_older_minor.so"),
                         NULL, err, sizeof err),
                     0);
    ck_assert_msg(assay_plugin_set_add(&engine->plugins, lua_entry(), err,
                                       sizeof err) == 0,
                  "%s", err);
}

static void teardown(void)
{
    assay_engine_free(engine);
}

START_TEST(json_lists_compiled_and_lua_entries_in_load_order)
{
    char *json = assay_plugin_listing_json(&engine->plugins);
    char expected[4096];
    snprintf(
        expected, sizeof expected,
        "{\"assay_version\":\"%s\",\"abi_version\":2,\"plugins\":["
        "{\"name\":\"older_minor\",\"version\":\"0.9.0\",\"kind\":"
        "\"compiled\",\"path\":\"%s\",\"abi_version\":1,\"struct_size\":%zu,"
        "\"domain\":\"older\",\"thread_model\":\"thread-safe\","
        "\"description\":\"\",\"config\":null,\"rules\":[{\"id\":"
        "\"older_minor.ok\",\"domain\":\"older\",\"weight\":1,"
        "\"description\":\"Always 1\",\"line\":null,\"inputs\":null},{\"id\":"
        "\"older_minor.second\",\"domain\":\"older\",\"weight\":2,"
        "\"description\":\"Always 0.5\",\"line\":null,\"inputs\":null}]},"
        "{\"name\":\"ai_rules\",\"version\":\"0.3.0\",\"kind\":\"lua\","
        "\"path\":\"plugins/ai/ai_rules.lua\",\"abi_version\":null,"
        "\"struct_size\":null,\"domain\":\"ai\",\"thread_model\":"
        "\"per-worker\",\"description\":\"\",\"config\":null,\"rules\":["
        "{\"id\":\"ai.edge\",\"domain\":\"ai\",\"weight\":1.5,"
        "\"description\":\"Runs at the edge\",\"line\":12,\"inputs\":null}]}],"
        "\"domains\":[{\"name\":\"older\",\"label\":\"older\","
        "\"description\":\"\",\"declared_by\":\"%s\"},{\"name\":\"ai\","
        "\"label\":\"AI\",\"description\":\"Machine learning products\","
        "\"declared_by\":\"plugins/ai/ai_rules.lua:1\"}]}",
        assay_version(), ts_build_path("tests/plugins/abi_older_minor.so"),
        offsetof(assay_plugin, fini) + sizeof(void *),
        ts_build_path("tests/plugins/abi_older_minor.so"));
    ck_assert_str_eq(json, expected);
    free(json);
}
END_TEST

START_TEST(text_lists_lua_entry_without_abi)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    assay_plugin_listing_text(&engine->plugins, out);
    fclose(out);
    const char *lua = strstr(text, "\nai_rules 0.3.0\n");
    ck_assert_ptr_nonnull(lua);
    char expected[2048];
    snprintf(expected, sizeof expected,
                     "\nai_rules 0.3.0\n"
                     "  path     plugins/ai/ai_rules.lua\n"
                     "  kind     lua\n"
                     "  domain   ai\n"
                     "  threads  per-worker\n"
                     "  rules    1\n"
                     "    ai.edge                      ai                 "
                     "weight 1.5  Runs at the edge\n"
                     "\n"
                     "domains  2 declared\n"
                     "  older                older (%s)\n"
                     "  ai                   AI: Machine learning products "
                     "(plugins/ai/ai_rules.lua:1)\n",
             ts_build_path("tests/plugins/abi_older_minor.so"));
    ck_assert_str_eq(lua, expected);
    free(text);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("plugin_listing");
    TCase *tc = tcase_create("listing");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, json_lists_compiled_and_lua_entries_in_load_order);
    tcase_add_test(tc, text_lists_lua_entry_without_abi);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
