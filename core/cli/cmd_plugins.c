/* assay plugins: load what `assay run` would load with the same options,
 * and list it. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "engine/engine.h"
#include "engine/plugin_listing.h"

enum { OPT_JSON = 256 };

static int plugins_main(int argc, char **argv)
{
    assay_plugin_options plugins = {0};
    int json = 0, rc = ASSAY_EXIT_USAGE;
    assay_engine *engine = NULL;

    assay_options opts;
    assay_options_begin(&opts, &assay_cmd_plugins, argc, argv);
    int c;
    while ((c = assay_options_next(&opts)) >= 0) {
        switch (c) {
        case OPT_JSON:
            json = 1;
            break;
        default:
            assay_plugin_options_parse(&plugins, c, opts.arg);
        }
    }
    if (c == ASSAY_OPTIONS_STOP) {
        rc = opts.status;
        goto done;
    }
    if (opts.index < argc) {
        assay_usage_error("plugins takes no arguments, got \"%s\"; name "
                          "plugins with --plugin or --plugin-dir",
                          argv[opts.index]);
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

static const assay_option plugins_options[] = {
    {"json", OPT_JSON, NULL, "one JSON object, for scripts"},
    {NULL, 0, NULL, NULL}};
static const assay_option *const plugins_tables[] = {
    plugins_options, assay_plugin_option_table, NULL};
const assay_command assay_cmd_plugins = {
    .name = "plugins",
    .summary = "list the plugins and rules that would load",
    .synopsis = "[OPTIONS]",
    .description =
        "Loads the plugins and rule files an `assay run` with the same "
        "options would load, and lists each: path, kind, name, version, "
        "plugin ABI, domain, thread model and its rules.",
    .options = plugins_tables,
    .exit_status =
        "Exit status: 0 listed, 2 usage or configuration error (a plugin "
        "that does not load is reported as it would be by `assay run`).",
    .main = plugins_main};
