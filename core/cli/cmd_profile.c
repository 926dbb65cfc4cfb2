/* assay profile: per rule and per plugin, what it did and what it cost. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "engine/batch.h"
#include "engine/profile.h"
#include "util/progress.h"

enum { OPT_JSON = 256, OPT_LINT, OPT_NO_TIME };

static int count_record(void *arg, size_t line, int is_error,
                        const char *output, size_t output_len,
                        const char *summary, size_t summary_len)
{
    (void)line;
    (void)summary;
    (void)summary_len;
    assay_profile_add(arg, output, output_len, is_error);
    return 0;
}

static int profile_main(int argc, char **argv)
{
    assay_plugin_options plugins = {0};
    const char *output = NULL;
    int json = 0, lint = 0, timed = 1, c, rc = ASSAY_EXIT_USAGE;
    assay_batch_options batch;
    assay_batch_options_default(&batch);
    assay_engine *engine = NULL;
    FILE *in = NULL;
    assay_profile profile = {0};
    int have_profile = 0;
    assay_options opts;
    assay_options_begin(&opts, &assay_cmd_profile, argc, argv);
    while ((c = assay_options_next(&opts)) >= 0) {
        switch (c) {
        case 'o': output = assay_cli_output(opts.arg); break;
        case OPT_JSON: json = 1; break;
        case OPT_LINT: lint = 1; break;
        case OPT_NO_TIME: timed = 0; break;
        default:
            if (!assay_plugin_options_parse(&plugins, c, opts.arg) &&
                assay_batch_option(c, opts.arg, &batch) < 0)
                goto done;
        }
    }
    if (c == ASSAY_OPTIONS_STOP) {
        rc = opts.status;
        goto done;
    }
    if (argc - opts.index > 1) {
        assay_usage_error("profile takes one input file, got %d",
                          argc - opts.index);
        goto done;
    }
    const char *input = opts.index < argc ? argv[opts.index] : "-";
    if (assay_cli_check_writable("output ", output))
        goto done;
    engine = assay_engine_new();
    if (!engine) {
        assay_usage_error("out of memory");
        goto done;
    }
    if (assay_plugin_options_load(&plugins, engine))
        goto done;
    in = strcmp(input, "-") == 0 ? stdin : fopen(input, "rb");
    if (!in) {
        assay_usage_error("cannot open input %s: %m", input);
        goto done;
    }
    assay_profile_init(&profile, engine, lint);
    have_profile = 1;
    profile.timed = timed;
    assay_batch_sink sink = {NULL, count_record, &profile};
    batch.sink = &sink;
    batch.clock = timed ? &profile.clock : NULL;
    batch.isolate = 0; /* the clocks are this process's */
    batch.progress = 0;
    assay_batch_stats stats;
    if (assay_batch_run(engine, in, input, NULL, &batch, &stats))
        goto done;
    profile.seconds = stats.seconds;
    assay_buffer report;
    assay_buffer_init(&report);
    if (json)
        assay_profile_json(&profile, &report);
    else
        assay_profile_text(&profile, &report);
    rc = ASSAY_EXIT_OK;
    if (output) {
        assay_atomic_file a;
        FILE *f = assay_cli_create(&a, "output ", output);
        if (!f)
            rc = ASSAY_EXIT_USAGE;
        else {
            assay_buffer_write(&report, f);
            rc = assay_cli_commit(&a) ? ASSAY_EXIT_USAGE : ASSAY_EXIT_OK;
        }
    } else if (assay_buffer_write(&report, stdout) != report.len ||
               fflush(stdout) != 0) {
        rc = assay_usage_error("cannot write to stdout: %m");
    }
    assay_buffer_free(&report);
done:
    if (in && in != stdin)
        fclose(in);
    if (have_profile)
        assay_profile_free(&profile);
    assay_engine_free(engine);
    assay_plugin_options_free(&plugins);
    return rc;
}

static const assay_option profile_options[] = {
    {"output", 'o', "FILE", "write the report to FILE (default: stdout)"},
    {"json", OPT_JSON, NULL, "the report as one JSON object"},
    {"lint", OPT_LINT, NULL,
     "also name rules that never applied, always gave one score, or move "
     "with another rule (Pearson's r >= 0.999 over 10 or more records)"},
    {"no-time", OPT_NO_TIME, NULL,
     "counts only, no clocks: the same input gives the same report, to "
     "compare or keep"},
    {NULL, 0, NULL, NULL}};
static const assay_option *const profile_tables[] = {
    profile_options, assay_plugin_option_table, assay_batch_option_table,
    NULL};
const assay_command assay_cmd_profile = {
    .name = "profile",
    .summary = "what each rule did over a run, and its time",
    .synopsis = "[OPTIONS] [FILE|-]",
    .description =
        "Scores JSON Lines records (FILE, or stdin) as `assay score` does "
        "and reports, instead of the scored records, what every loaded "
        "rule did: the records it ran on, how many it applied to, returned "
        "nothing for, failed on, vetoed and flagged, its mean score and a "
        "histogram of its scores (ten bins from 0 to 1); and what it cost: "
        "the time of each plugin and of each Lua rule (a compiled plugin's "
        "rules share its time), per call and as a share of the time in "
        "plugins, most first. Plugins run in this process, so a plugin "
        "that crashes stops the profile.",
    .options = profile_tables,
    .exit_status =
        "Exit status: 0 report written (error records are counted, not "
        "fatal), 2 usage or configuration error.",
    .main = profile_main};
