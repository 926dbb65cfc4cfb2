/* assay schema: load what `assay run` would load with the same options and
 * print the JSON Schema of the records those rules read. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "engine/engine.h"
#include "engine/record_schema.h"

static int schema_main(int argc, char **argv)
{
    assay_plugin_options plugins = {0};
    const char *output = NULL;
    int rc = ASSAY_EXIT_USAGE;
    assay_engine *engine = NULL;
    char *text = NULL;

    assay_options opts;
    assay_options_begin(&opts, &assay_cmd_schema, argc, argv);
    int c;
    while ((c = assay_options_next(&opts)) >= 0) {
        switch (c) {
        case 'o':
            output = assay_cli_output(opts.arg);
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
        assay_usage_error("schema takes no arguments, got \"%s\"; name "
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

static const assay_option schema_options[] = {
    {"output", 'o', "FILE", "write the schema to FILE (default: stdout)"},
    {NULL, 0, NULL, NULL}};
static const assay_option *const schema_tables[] = {
    schema_options, assay_plugin_option_table, NULL};
const assay_command assay_cmd_schema = {
    .name = "schema",
    .summary = "print the JSON Schema of the records the rules read",
    .synopsis = "[OPTIONS]",
    .description =
        "Loads the plugins and rule files an `assay run` with the same "
        "options would load and prints a JSON Schema (draft 2020-12) of "
        "the records they read: each field a rule declares in its inputs, "
        "with its type and the rules that read it. \"id\" is required; any "
        "other field may be missing or null, and fields no rule reads are "
        "allowed.",
    .options = schema_tables,
    .exit_status = "Exit status: 0 written, 2 usage or configuration error.",
    .main = schema_main};
