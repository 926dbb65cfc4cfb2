/* assay plugins: load what `assay run` would load with the same options,
 * and list it. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "engine/engine.h"
#include "engine/plugin_listing.h"

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
            assay_option_error("plugins", ':', argv[optind - 1]);
            goto done;
        default:
            if (assay_plugin_options_parse(&plugins, c, optarg))
                break;
            assay_option_error("plugins", '?', argv[optind - 1]);
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
        char *text = assay_plugin_listing_json(&engine->plugins);
        if (!text) {
            assay_usage_error("out of memory");
            goto done;
        }
        printf("%s\n", text);
        free(text);
    } else {
        assay_plugin_listing_text(&engine->plugins, stdout);
    }
    rc = ASSAY_EXIT_OK;
done:
    assay_engine_free(engine);
    assay_plugin_options_free(&plugins);
    return rc;
}
