/* assay score: the map step. Evaluates records into scored records, one
 * a line in input order, with no state shared between records, so any
 * number of processes can score shards of one input (docs/batch.md). */
#include <stdio.h>
#include <string.h>

#include "engine/batch.h"
#include "cli/cli.h"
#include "decide/policy.h"
#include "util/line_reader.h"

enum { OPT_FIRST_LINE = 256, OPT_PART, OPT_POLICY };

static int score_main(int argc, char **argv)
{
    assay_plugin_options plugins = {0};
    const char *output = NULL, *policy_path = NULL;
    assay_policy *policy = NULL;
    assay_batch_options batch;
    assay_batch_options_default(&batch);
    size_t part = 0;
    int allow_error_records = 0;
    int rc = ASSAY_EXIT_USAGE;
    assay_engine *engine = NULL;
    FILE *in = NULL, *out = NULL;
    assay_atomic_file out_file = {0};

    assay_options opts;
    assay_options_begin(&opts, &assay_cmd_score, argc, argv);
    int c;
    while ((c = assay_options_next(&opts)) >= 0) {
        switch (c) {
        case 'o':
            output = assay_cli_output(opts.arg);
            break;
        case OPT_FIRST_LINE:
            if (assay_parse_size("--first-line", opts.arg, &batch.first_line))
                goto done;
            if (batch.first_line == 0) {
                assay_usage_error("--first-line counts from 1");
                goto done;
            }
            break;
        case OPT_POLICY:
            policy_path = opts.arg;
            break;
        case OPT_PART:
            if (assay_parse_size("--part", opts.arg, &part))
                goto done;
            batch.part = part;
            break;
        case ASSAY_OPT_ALLOW_ERROR_RECORDS:
            allow_error_records = 1;
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
        assay_usage_error("score takes one input file, got %d; score each "
                          "with its own --part, or use stdin",
                          argc - opts.index);
        goto done;
    }
    const char *input = opts.index < argc ? argv[opts.index] : "-";
    out = output ? assay_cli_create(&out_file, "output ", output)
                 : assay_cli_private_stdout();
    if (!out || (strcmp(input, "-") == 0 && assay_cli_stdin_closed()))
        goto done;
    if (policy_path && !(policy = assay_cli_load_policy(policy_path)))
        goto done;
    engine = assay_engine_new();
    if (!engine) {
        assay_usage_error("out of memory");
        goto done;
    }
    if ((policy && assay_cli_use_policy_fields(policy, engine)) ||
        assay_plugin_options_load(&plugins, engine))
        goto done;
    in = strcmp(input, "-") == 0 ? stdin : fopen(input, "rb");
    if (!in) {
        assay_usage_error("cannot open input %s: %m", input);
        goto done;
    }
    assay_batch_stats stats;
    if (assay_batch_run(engine, in, input, out, &batch, &stats) ||
        (output ? assay_cli_commit(&out_file) : assay_cli_flush_stdout(out)))
        goto done;
    rc = assay_records_status(stats.error_records, stats.stopped,
                              allow_error_records);
done:
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

static const assay_option score_options[] = {
    {"output", 'o', "FILE", "write records to FILE (default: stdout)"},
    {"policy", OPT_POLICY, "FILE",
     "read claims and requests from the fields its fields {...} names "
     "(default: \"domains\" and \"requests\"); give decide the same policy"},
    {"first-line", OPT_FIRST_LINE, "N",
     "number this input's first line N (default 1): a shard starting at "
     "line N of the whole input"},
    {"part", OPT_PART, "N",
     "part number written into every record (default 0): decide orders "
     "by part, then line"},
    {NULL, 0, NULL, NULL}};
static const assay_option *const score_tables[] = {
    score_options, assay_plugin_option_table, assay_batch_option_table,
    assay_exit_option_table, NULL};
const assay_command assay_cmd_score = {
    .name = "score",
    .summary = "evaluate records into scored records (the map step)",
    .synopsis = "[OPTIONS] [FILE|-]",
    .description =
        "Evaluates JSON Lines records (FILE, or stdin for - or no FILE) "
        "and writes one scored record a line, in input order, for assay "
        "decide.",
    .options = score_tables,
    .exit_status =
        "Exit status: 0 all records evaluated, 1 some error records (0 "
        "with --allow-error-records, unless --max-errors stopped it), 2 "
        "usage or configuration error (nothing evaluated).",
    .main = score_main};
