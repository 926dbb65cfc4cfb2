/* assay plugins: what would load, as the engine sees it after loading. The
 * listing walks the engine's plugin set, so every kind of plugin (compiled
 * .so, Lua rule file) appears once its loader adds it there. */
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "domain.h"
#include "engine.h"

static const char plugins_help[] =
    "usage: assay plugins [OPTIONS]\n"
    "\n"
    "Loads the plugins and rule files an `assay run` with the same options\n"
    "would load, and lists each: path, kind, name, version, plugin ABI,\n"
    "domain, thread model and its rules.\n"
    "\n" ASSAY_PLUGIN_OPTIONS_HELP
    "      --json             one JSON object, for scripts\n"
    "  -h, --help             show this help\n"
    "\n"
    "Exit status: 0 listed, 2 usage or configuration error (a plugin that\n"
    "does not load is reported as it would be by `assay run`).\n";

enum { OPT_JSON = 256 };

static const char *kind_name(assay_plugin_kind kind)
{
    return kind == ASSAY_KIND_COMPILED ? "compiled" : "lua";
}

static const char *thread_name(assay_thread_model model)
{
    return model == ASSAY_THREAD_SAFE ? "thread-safe" : "per-worker";
}

/* ---- text ------------------------------------------------------------- */

static void print_text(const assay_plugin_set *set, FILE *out)
{
    for (size_t i = 0; i < set->count; i++) {
        const assay_loaded_plugin *p = set->items[i];
        fprintf(out, "%s%s %s\n", i ? "\n" : "", p->name, p->version);
        if (p->description[0])
            fprintf(out, "  %s\n", p->description);
        fprintf(out, "  path     %s\n", p->path);
        if (p->kind == ASSAY_KIND_COMPILED)
            fprintf(out, "  kind     compiled, plugin ABI %u (%u-byte "
                         "descriptor)\n",
                    (unsigned)p->abi_version, (unsigned)p->struct_size);
        else
            fprintf(out, "  kind     %s\n", kind_name(p->kind));
        fprintf(out, "  domain   %s\n", assay_domain_name(p->domain));
        fprintf(out, "  threads  %s\n", thread_name(p->thread_model));
        if (p->config_source)
            fprintf(out, "  config   %s\n", p->config_source);
        fprintf(out, "  rules    %zu\n", p->rule_count);
        for (size_t r = 0; r < p->rule_count; r++) {
            const assay_rule_info *rule = &p->rules[r];
            fprintf(out, "    %-28s %-18s weight %-4g %s\n", rule->id,
                    assay_domain_name(rule->domain), rule->weight,
                    rule->description);
        }
    }
}

/* ---- JSON ------------------------------------------------------------- */

static cJSON *plugin_json(const assay_loaded_plugin *p)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "name", p->name);
    cJSON_AddStringToObject(o, "version", p->version);
    cJSON_AddStringToObject(o, "kind", kind_name(p->kind));
    cJSON_AddStringToObject(o, "path", p->path);
    if (p->kind == ASSAY_KIND_COMPILED) {
        cJSON_AddNumberToObject(o, "abi_version", p->abi_version);
        cJSON_AddNumberToObject(o, "struct_size", p->struct_size);
    } else {
        cJSON_AddNullToObject(o, "abi_version");
        cJSON_AddNullToObject(o, "struct_size");
    }
    cJSON_AddStringToObject(o, "domain", assay_domain_name(p->domain));
    cJSON_AddStringToObject(o, "thread_model", thread_name(p->thread_model));
    cJSON_AddStringToObject(o, "description", p->description);
    if (p->config_source)
        cJSON_AddStringToObject(o, "config", p->config_source);
    else
        cJSON_AddNullToObject(o, "config");
    cJSON *rules = cJSON_AddArrayToObject(o, "rules");
    for (size_t r = 0; r < p->rule_count; r++) {
        const assay_rule_info *rule = &p->rules[r];
        cJSON *j = cJSON_CreateObject();
        cJSON_AddStringToObject(j, "id", rule->id);
        cJSON_AddStringToObject(j, "domain", assay_domain_name(rule->domain));
        cJSON_AddNumberToObject(j, "weight", rule->weight);
        cJSON_AddStringToObject(j, "description", rule->description);
        if (rule->line > 0)
            cJSON_AddNumberToObject(j, "line", rule->line);
        else
            cJSON_AddNullToObject(j, "line");
        cJSON_AddItemToArray(rules, j);
    }
    return o;
}

static int print_json(const assay_plugin_set *set, FILE *out)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "assay_version", assay_version());
    cJSON_AddNumberToObject(root, "abi_version", ASSAY_ABI_VERSION);
    cJSON *list = cJSON_AddArrayToObject(root, "plugins");
    for (size_t i = 0; i < set->count; i++)
        cJSON_AddItemToArray(list, plugin_json(set->items[i]));
    char *text = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    if (!text)
        return assay_usage_error("out of memory"), 1;
    fprintf(out, "%s\n", text);
    free(text);
    return 0;
}

int assay_cmd_plugins(int argc, char **argv)
{
    static const struct option longopts[] = {
        ASSAY_PLUGIN_LONGOPTS,
        {"json", no_argument, NULL, OPT_JSON},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    assay_plugin_options plugins = {0};
    int json = 0, rc = ASSAY_EXIT_USAGE;
    assay_engine *engine = NULL;

    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_JSON:
            json = 1;
            break;
        case 'h':
            fputs(plugins_help, stdout);
            rc = ASSAY_EXIT_OK;
            goto done;
        case ':':
            assay_usage_error("option %s needs a value; see `assay plugins "
                              "--help`",
                              argv[optind - 1]);
            goto done;
        default:
            if (assay_plugin_options_parse(&plugins, c, optarg))
                break;
            assay_usage_error("unknown option %s; see `assay plugins "
                              "--help`",
                              argv[optind - 1]);
            goto done;
        }
    }
    if (optind < argc) {
        assay_usage_error("plugins takes no arguments, got \"%s\"; name "
                          "plugins with --plugin or --plugin-dir",
                          argv[optind]);
        goto done;
    }
    engine = assay_engine_new();
    if (!engine) {
        assay_usage_error("out of memory");
        goto done;
    }
    if (assay_plugin_options_load(&plugins, engine))
        goto done;
    if (json) {
        if (print_json(&engine->plugins, stdout))
            goto done;
    } else {
        print_text(&engine->plugins, stdout);
    }
    rc = ASSAY_EXIT_OK;
done:
    assay_engine_free(engine);
    assay_plugin_options_free(&plugins);
    return rc;
}
