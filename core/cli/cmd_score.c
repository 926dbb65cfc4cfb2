/* assay score: the map step. Evaluates records into scored records, one
 * a line in input order, with no state shared between records, so any
 * number of processes can score shards of one input (docs/batch.md). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "engine/batch.h"
#include "cli/cli.h"
#include "decide/policy.h"
#include "util/line_reader.h"

static const char score_help[] =
    "usage: assay score [OPTIONS] [FILE|-]\n"
    "\n"
    "Evaluates JSON Lines records (FILE, or stdin for - or no FILE) and "
    "writes\none scored record a line, in input order, for assay decide.\n"
    "\n"
    "  -o, --output FILE      write records to FILE (default: stdout)\n"
    "      --policy FILE      read claims and requests from the fields its\n"
    "                         fields {...} names (default: \"domains\" and\n"
    "                         \"requests\"); give decide the same policy\n"
    ASSAY_PLUGIN_OPTIONS_HELP
    "      --first-line N     number this input's first line N (default 1):\n"
    "                         a shard starting at line N of the whole input\n"
    "      --part N           part number written into every record "
    "(default 0):\n"
    "                         decide orders by part, then line\n"
    ASSAY_BATCH_HELP
    ASSAY_EXIT_HELP
    "  -h, --help             show this help\n"
    "\n"
    "Exit status: 0 all records evaluated, 1 some error records (0 with\n"
    "--allow-error-records, unless --max-errors stopped it), 2 usage or\n"
    "configuration error (nothing evaluated).\n";

enum { OPT_FIRST_LINE = 256, OPT_PART, OPT_POLICY };

int assay_cmd_score(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        ASSAY_PLUGIN_LONGOPTS,
        {"first-line", required_argument, NULL, OPT_FIRST_LINE},
        {"part", required_argument, NULL, OPT_PART},
        {"policy", required_argument, NULL, OPT_POLICY},
        ASSAY_BATCH_LONGOPTS,
        ASSAY_EXIT_LONGOPTS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
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

    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":o:h" ASSAY_BATCH_SHORTOPTS,
                            longopts, NULL)) != -1) {
        switch (c) {
        case 'o':
            output = optarg;
            break;
        case OPT_FIRST_LINE:
            if (assay_parse_size("--first-line", optarg, &batch.first_line))
                goto done;
            if (batch.first_line == 0) {
                assay_usage_error("--first-line counts from 1");
                goto done;
            }
            break;
        case OPT_POLICY:
            policy_path = optarg;
            break;
        case OPT_PART:
            if (assay_parse_size("--part", optarg, &part))
                goto done;
            batch.part = part;
            break;
        case ASSAY_OPT_ALLOW_ERROR_RECORDS:
            allow_error_records = 1;
            break;
        case 'h':
            fputs(score_help, stdout);
            rc = ASSAY_EXIT_OK;
            goto done;
        case ':':
            assay_option_error("score", ':', argv[optind - 1]);
            goto done;
        default:
            if (assay_plugin_options_parse(&plugins, c, optarg))
                break;
            switch (assay_batch_option(c, optarg, &batch)) {
            case 1:
                continue;
            case -1:
                goto done;
            }
            assay_option_error("score", '?', argv[optind - 1]);
            goto done;
        }
    }
    if (argc - optind > 1) {
        assay_usage_error("score takes one input file, got %d; score each "
                          "with its own --part, or use stdin",
                          argc - optind);
        goto done;
    }
    const char *input = optind < argc ? argv[optind] : "-";
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
        fclose(out);
    assay_engine_free(engine);
    assay_policy_free(policy);
    assay_plugin_options_free(&plugins);
    return rc;
}
