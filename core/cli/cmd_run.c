/* assay run: score and decide in one process. The scored records go to a
 * temporary file and are decided from there exactly as assay decide would
 * decide them, so run's output is byte-identical to score + decide. */
#include <stdio.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "engine/batch.h"
#include "cli/cli.h"
#include "cli/report_writer.h"
#include "decide/decide.h"
#include "util/line_reader.h"
#include "decide/manifest.h"
#include "decide/policy.h"

enum { OPT_POLICY = 256, OPT_SUMMARY, OPT_MANIFEST, OPT_REPORT, OPT_CSV,
       OPT_PREVIOUS };

/* Copies the rest of from to to; non-zero after printing a failure. */
static int copy_stream(FILE *from, const char *from_name, FILE *to,
                       const char *to_name)
{
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, from)) > 0)
        if (fwrite(chunk, 1, n, to) != n)
            return assay_usage_error("cannot write %s: %m", to_name);
    if (ferror(from))
        return assay_usage_error("cannot read %s: %m", from_name);
    return fflush(to) ? assay_usage_error("cannot write %s: %m", to_name) : 0;
}


static int run_main(int argc, char **argv)
{
    assay_plugin_options plugins = {0};
    const char *output = NULL, *policy_path = NULL, *summary = NULL,
               *manifest = NULL;
    assay_batch_options batch;
    assay_batch_options_default(&batch);
    int rc = ASSAY_EXIT_USAGE, allow_error_records = 0;
    assay_engine *engine = NULL;
    assay_policy *policy = NULL;
    FILE *in = NULL, *out = NULL, *scored = NULL, *decided = NULL;
    assay_atomic_file out_file = {0};
    char manifest_buf[4096];
    /* The report reads the decisions and the input again. */
    assay_run_report rr = {0};
    assay_decide_report report = {0};
    assay_committee_options committee_options = {0};
    assay_committee committee = {0};
    assay_batch_stats stats = {0};

    assay_options opts;
    assay_options_begin(&opts, &assay_cmd_run, argc, argv);
    int c;
    while ((c = assay_options_next(&opts)) >= 0) {
        switch (c) {
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
        case OPT_REPORT:
            rr.html = opts.arg;
            break;
        case OPT_CSV:
            rr.csv = opts.arg;
            break;
        case OPT_PREVIOUS:
            rr.previous = opts.arg;
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
        assay_usage_error("run takes one input file, got %d; concatenate "
                          "them or use stdin",
                          argc - opts.index);
        goto done;
    }
    const char *input = opts.index < argc ? argv[opts.index] : "-";
    if (rr.previous && !rr.html) {
        assay_usage_error("--previous is for the report: give --report "
                          "FILE too");
        goto done;
    }
    if (rr.previous) {
        FILE *previous = fopen(rr.previous, "rb");
        if (!previous) {
            assay_usage_error("cannot open previous decisions %s: %m",
                              rr.previous);
            goto done;
        }
        fclose(previous);
    }
    /* Every output is checked before any record: a bad --report path must
     * not fail after the whole run. */
    const char *manifest_path = assay_cli_manifest_path(
        manifest, output, manifest_buf, sizeof manifest_buf);
    out = output ? assay_cli_create(&out_file, "output ", output)
                 : assay_cli_private_stdout();
    if (!out || assay_cli_check_writable("summary ", summary) ||
        assay_cli_check_writable("manifest ", manifest_path) ||
        assay_cli_check_writable("", rr.html) ||
        assay_cli_check_writable("", rr.csv))
        goto done;
    if (strcmp(input, "-") == 0 && assay_cli_stdin_closed())
        goto done;
    assay_run_clock clock;
    assay_run_clock_start(&clock);
    policy = assay_cli_load_policy(policy_path);
    if (!policy || assay_cli_committee_load(&committee_options, policy,
                                            &committee))
        goto done;
    engine = assay_engine_new();
    if (!engine) {
        assay_usage_error("out of memory");
        goto done;
    }
    if (assay_cli_use_policy_fields(policy, engine) ||
        assay_plugin_options_load(&plugins, engine) ||
        assay_cli_check_policy_domains(policy, engine))
        goto done;
    in = strcmp(input, "-") == 0 ? stdin : fopen(input, "rb");
    if (!in) {
        assay_usage_error("cannot open input %s: %m", input);
        goto done;
    }
    if ((rr.html || rr.csv) && fseek(in, 0, SEEK_CUR) != 0) {
        /* A pipe: keep a copy to read the names from. */
        if (!(rr.input = assay_cli_temporary("the input")) ||
            copy_stream(in, input, rr.input, "the input's copy"))
            goto done;
        rewind(rr.input);
    }
    scored = assay_cli_temporary("the scored records");
    if (!scored)
        goto done;
    if (assay_batch_run(engine, rr.input ? rr.input : in, input, scored,
                        &batch, &stats))
        goto done;
    rewind(scored);
#ifdef __GLIBC__
    /* What scoring held is freed, the id set of every record among it, but
     * glibc keeps the pages (the heap's and the worker threads' arenas):
     * tens of MiB at 200,000 records that would lie under decide's peak
     * (run's memory a record is a target, docs/performance.md). */
    malloc_trim(0);
#endif
    assay_run_clock_lap(&clock, "score");
    assay_decide_input scored_input = {input, scored};
    if ((rr.html || rr.csv) &&
        !(decided = assay_cli_temporary("the decisions")))
        goto done;
    if (assay_decide(policy, &scored_input, 1, &committee,
                     decided ? decided : out,
                     &report))
        goto done;
    if (decided) {
        rewind(decided);
        if (copy_stream(decided, "the decisions", out,
                        output ? output : "stdout"))
            goto done;
        rewind(decided);
    }
    if (output ? assay_cli_commit(&out_file) : assay_cli_flush_stdout(out))
        goto done;
    assay_run_clock_lap(&clock, "decide");
    if (batch.progress) /* a terminal, and not --quiet */
        assay_decide_summary_text(policy, &report, stderr);
    if (summary && assay_cli_write_summary(summary, policy, &report))
        goto done;
    const char *inputs[] = {input};
    if (assay_cli_write_manifest(manifest_path, NULL, engine, policy, inputs, 1,
                                 &report, &clock))
        goto done;
    if (decided) {
        rr.decided = decided;
        rr.decided_name = output ? output : "the decisions";
        if (rr.input)
            rewind(rr.input);
        else if (fseek(in, 0, SEEK_SET) == 0)
            rr.input = in;
        rr.input_name = strcmp(input, "-") == 0 ? "stdin" : input;
        if (assay_report_run(&rr, engine, policy, inputs, 1, &report, &clock))
            goto done;
    }
    rc = assay_records_status(report.error_records, stats.stopped,
                              allow_error_records);
done:
    assay_decide_report_free(&report);
    assay_cli_committee_free(&committee);
    if (scored)
        fclose(scored);
    if (decided)
        fclose(decided);
    if (rr.input && rr.input != in)
        fclose(rr.input);
    if (in && in != stdin)
        fclose(in);
    if (output)
        assay_atomic_abandon(&out_file);
    else if (out)
        assay_cli_close_stdout(out);
    assay_engine_free(engine);
    assay_policy_free(policy);
    assay_plugin_options_free(&plugins);
    return rc;
}

static const assay_option run_options[] = {
    {"output", 'o', "FILE", "write records to FILE (default: stdout)"},
    {"policy", OPT_POLICY, "FILE",
     "the decision policy (default: the shipped policy/default.lua)"},
    {"summary", OPT_SUMMARY, "FILE", "write the summary as JSON to FILE"},
    {"manifest", OPT_MANIFEST, "FILE",
     "write the run manifest to FILE (default with -o: "
     "OUTPUT.manifest.json)"},
    {"report", OPT_REPORT, "FILE",
     "write the committee report, one HTML page, to FILE "
     "(docs/report.md)"},
    {"csv", OPT_CSV, "FILE", "write the report's table as CSV to FILE"},
    {"previous", OPT_PREVIOUS, "FILE",
     "the decisions of a previous run: the report says what changed "
     "since, and why"},
    {NULL, 0, NULL, NULL}};
static const assay_option *const run_tables[] = {run_options,
                                                 assay_plugin_option_table,
                                                 assay_batch_option_table,
                                                 assay_committee_option_table,
                                                 assay_exit_option_table,
                                                 NULL};
const assay_command assay_cmd_run = {
    .name = "run",
    .summary = "evaluate JSON Lines records and decide",
    .synopsis = "[OPTIONS] [FILE|-]",
    .description =
        "Evaluates JSON Lines records (FILE, or stdin for - or no FILE), "
        "ranks them and decides under a policy, and writes one decision "
        "record a line, in input order. A summary goes to stderr when it "
        "is a terminal.",
    .options = run_tables,
    .exit_status =
        "Exit status: 0 all records evaluated, 1 some error records (0 "
        "with --allow-error-records, unless --max-errors stopped it), 2 "
        "usage or configuration error (nothing evaluated).",
    .main = run_main};
