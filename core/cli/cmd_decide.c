/* assay decide: the reduce step. Reads the scored records of every shard,
 * in any order, and decides them together as assay run would. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "decide/decide.h"
#include "decide/manifest.h"
#include "decide/policy.h"

static const char decide_help[] =
    "usage: assay decide [OPTIONS] [FILE|-]...\n"
    "\n"
    "Reads scored records (assay score's output) from every FILE, or "
    "stdin\nfor - or no FILE, in any order; ranks and decides them under a "
    "policy;\nand writes one decision record a line, ordered by part, then "
    "line.\nA summary goes to stderr when it is a terminal.\n"
    "\n"
    "  -o, --output FILE      write records to FILE (default: stdout)\n"
    "      --policy FILE      the decision policy (default: the shipped\n"
    "                         policy/default.lua)\n"
    "      --summary FILE     write the summary as JSON to FILE\n"
    "      --manifest FILE    write the run manifest to FILE (default with\n"
    "                         -o: OUTPUT.manifest.json)\n"
    "  -q, --quiet            no summary on stderr\n"
    ASSAY_COMMITTEE_HELP
    ASSAY_EXIT_HELP
    "  -h, --help             show this help\n"
    "\n"
    "Exit status: 0 all records decided, 1 some error records (0 with\n"
    "--allow-error-records), 2 usage or configuration error, or input that\n"
    "is not scored records.\n";

enum { OPT_POLICY = 256, OPT_SUMMARY, OPT_MANIFEST };

int assay_cmd_decide(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"policy", required_argument, NULL, OPT_POLICY},
        {"summary", required_argument, NULL, OPT_SUMMARY},
        {"manifest", required_argument, NULL, OPT_MANIFEST},
        {"quiet", no_argument, NULL, 'q'},
        ASSAY_EXIT_LONGOPTS,
        ASSAY_COMMITTEE_LONGOPTS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
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

    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":o:hq", longopts, NULL)) != -1) {
        switch (c) {
        case 'q':
            quiet = 1;
            break;
        case 'o':
            output = optarg;
            break;
        case OPT_POLICY:
            policy_path = optarg;
            break;
        case OPT_SUMMARY:
            summary = optarg;
            break;
        case OPT_MANIFEST:
            manifest = optarg;
            break;
        case ASSAY_OPT_ALLOW_ERROR_RECORDS:
            allow_error_records = 1;
            break;
        case ASSAY_OPT_REVIEWS:
            committee_options.reviews = optarg;
            break;
        case ASSAY_OPT_OVERRIDES:
            committee_options.overrides = optarg;
            break;
        case 'h':
            fputs(decide_help, stdout);
            rc = ASSAY_EXIT_OK;
            goto done;
        case ':':
            assay_option_error("decide", ':', argv[optind - 1]);
            goto done;
        default:
            assay_option_error("decide", '?', argv[optind - 1]);
            goto done;
        }
    }
    static const char *const stdin_only[] = {"-"};
    const char *const *names =
        optind < argc ? (const char *const *)argv + optind : stdin_only;
    count = optind < argc ? (size_t)(argc - optind) : 1;
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
