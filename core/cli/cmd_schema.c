/* assay schema: load what `assay run` would load with the same options and
 * print the JSON Schema of the records those rules read. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "engine/engine.h"
#include "engine/record_schema.h"

static const char schema_help[] =
    "usage: assay schema [OPTIONS]\n"
    "\n"
    "Loads the plugins and rule files an `assay run` with the same options\n"
    "would load and prints a JSON Schema (draft 2020-12) of the records\n"
    "they read: each field a rule declares in its inputs, with its type\n"
    "and the rules that read it. \"id\" is required; any other field may be\n"
    "missing or null, and fields no rule reads are allowed.\n"
    "\n" ASSAY_PLUGIN_OPTIONS_HELP
    "  -o, --output FILE      write the schema to FILE (default: stdout)\n"
    "  -h, --help             show this help\n"
    "\n"
    "Exit status: 0 written, 2 usage or configuration error.\n";

int assay_cmd_schema(int argc, char **argv)
{
    static const struct option longopts[] = {
        ASSAY_PLUGIN_LONGOPTS,
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    assay_plugin_options plugins = {0};
    const char *output = NULL;
    int rc = ASSAY_EXIT_USAGE;
    assay_engine *engine = NULL;
    char *text = NULL;

    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
        switch (c) {
        case 'o':
            output = optarg;
            break;
        case 'h':
            fputs(schema_help, stdout);
            rc = ASSAY_EXIT_OK;
            goto done;
        case ':':
            assay_option_error("schema", ':', argv[optind - 1]);
            goto done;
        default:
            if (assay_plugin_options_parse(&plugins, c, optarg))
                break;
            assay_option_error("schema", '?', argv[optind - 1]);
            goto done;
        }
    }
    if (optind < argc) {
        assay_usage_error("schema takes no arguments, got \"%s\"; name "
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
    text = assay_record_schema(&engine->plugins);
    if (!text) {
        assay_usage_error("out of memory");
        goto done;
    }
    FILE *out = output ? fopen(output, "w") : stdout;
    if (!out) {
        assay_usage_error("%s: cannot write: %m", output);
        goto done;
    }
    int failed = fputs(text, out) < 0;
    failed |= output ? fclose(out) != 0 : fflush(out) != 0;
    if (failed) {
        assay_usage_error("%s: cannot write the schema: %m",
                          output ? output : "stdout");
        goto done;
    }
    rc = ASSAY_EXIT_OK;
done:
    free(text);
    assay_engine_free(engine);
    assay_plugin_options_free(&plugins);
    return rc;
}
