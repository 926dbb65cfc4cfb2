/* assay decide: the reduce step. Reads the scored records of every shard,
 * in any order, and decides them together as assay run would. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "decide/decide.h"
#include "decide/manifest.h"
#include "decide/policy.h"

enum { OPT_POLICY = 256, OPT_SUMMARY, OPT_MANIFEST };

static int decide_main(int argc, char **argv)
{
    const char *output = NULL, *policy_path = NULL, *summary = NULL,
               *manifest = NULL;
    int rc = ASSAY_EXIT_USAGE, quiet = 0, allow_error_records = 0;
    assay_policy *policy = NULL;
    FILE *out = NULL;
    assay_atomic_file out_file = {0};
    char manifest_buf[4096];
    assay_decide_input *inputs = NULL;
    size_t count = 0;
    assay_decide_report report = {0};
    assay_committee_options committee_options = {0};
    assay_committee committee = {0};

    assay_options opts;
    assay_options_begin(&opts, &assay_cmd_decide, argc, argv);
    int c;
    while ((c = assay_options_next(&opts)) >= 0) {
        switch (c) {
        case 'q':
            quiet = 1;
            break;
        case 'o':
            output = assay_cli_output(opts.arg);
            break;
        case OPT_POLICY:
            policy_path = opts.arg;
            break;
        case OPT_SUMMARY:
            summary = opts.arg;
            break;
        case OPT_MANIFEST:
            manifest = opts.arg;
            break;
        case ASSAY_OPT_ALLOW_ERROR_RECORDS:
            allow_error_records = 1;
            break;
        case ASSAY_OPT_REVIEWS:
            committee_options.reviews = opts.arg;
            break;
        case ASSAY_OPT_OVERRIDES:
            committee_options.overrides = opts.arg;
            break;
        }
    }
    if (c == ASSAY_OPTIONS_STOP) {
        rc = opts.status;
        goto done;
    }
    static const char *const stdin_only[] = {"-"};
    const char *const *names =
        opts.index < argc ? (const char *const *)argv + opts.index : stdin_only;
    count = opts.index < argc ? (size_t)(argc - opts.index) : 1;
    const char *manifest_path = assay_cli_manifest_path(
        manifest, output, manifest_buf, sizeof manifest_buf);
    out = output ? assay_cli_create(&out_file, "output ", output) : stdout;
    if (!out || assay_cli_check_writable("summary ", summary) ||
        assay_cli_check_writable("manifest ", manifest_path))
        goto done;
    assay_run_clock clock;
    assay_run_clock_start(&clock);
    policy = assay_cli_load_policy(policy_path);
    if (!policy || assay_cli_committee_load(&committee_options, policy,
                                            &committee))
        goto done;
    inputs = calloc(count, sizeof *inputs);
    if (!inputs) {
        assay_usage_error("out of memory");
        goto done;
    }
    for (size_t i = 0; i < count; i++) {
        inputs[i].name = names[i];
        if (strcmp(names[i], "-") == 0 && assay_cli_stdin_closed())
            goto done;
        inputs[i].file =
            strcmp(names[i], "-") == 0 ? stdin : fopen(names[i], "rb");
        if (!inputs[i].file) {
            assay_usage_error("cannot open input %s: %m", names[i]);
            goto done;
        }
    }
    if (assay_decide(policy, inputs, count, &committee, out, &report) ||
        (output ? assay_cli_commit(&out_file) : assay_cli_flush_stdout(out)))
        goto done;
    assay_run_clock_lap(&clock, "decide");
    if (!quiet && isatty(STDERR_FILENO))
        assay_decide_summary_text(policy, &report, stderr);
    if (summary && assay_cli_write_summary(summary, policy, &report))
        goto done;
    if (assay_cli_write_manifest(manifest_path, NULL, NULL, policy, names, count,
                                 &report, &clock))
        goto done;
    rc = assay_records_status(report.error_records, 0, allow_error_records);
done:
    assay_decide_report_free(&report);
    assay_cli_committee_free(&committee);
    for (size_t i = 0; inputs && i < count; i++)
        if (inputs[i].file && inputs[i].file != stdin)
            fclose(inputs[i].file);
    free(inputs);
    assay_atomic_abandon(&out_file);
    assay_policy_free(policy);
    return rc;
}

static const assay_option decide_options[] = {
    {"output", 'o', "FILE", "write records to FILE (default: stdout)"},
    {"policy", OPT_POLICY, "FILE",
     "the decision policy (default: the shipped policy/default.lua)"},
    {"summary", OPT_SUMMARY, "FILE", "write the summary as JSON to FILE"},
    {"manifest", OPT_MANIFEST, "FILE",
     "write the run manifest to FILE (default with -o: "
     "OUTPUT.manifest.json)"},
    {"quiet", 'q', NULL, "no summary on stderr"},
    {NULL, 0, NULL, NULL}};
static const assay_option *const decide_tables[] = {
    decide_options, assay_committee_option_table, assay_exit_option_table,
    NULL};
const assay_command assay_cmd_decide = {
    .name = "decide",
    .summary = "rank and decide scored records (the reduce step)",
    .synopsis = "[OPTIONS] [FILE|-]...",
    .description =
        "Reads scored records (assay score's output) from every FILE, or "
        "stdin for - or no FILE, in any order; ranks and decides them "
        "under a policy; and writes one decision record a line, ordered by "
        "part, then line. A summary goes to stderr when it is a terminal.",
    .options = decide_tables,
    .exit_status =
        "Exit status: 0 all records decided, 1 some error records (0 with "
        "--allow-error-records), 2 usage or configuration error, or input "
        "that is not scored records.",
    .main = decide_main};
