/* assay run: evaluate and decide in one process. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "batch.h"
#include "cli.h"

static const char run_help[] =
    "usage: assay run [OPTIONS] [FILE|-]\n"
    "\n"
    "Evaluates JSON Lines records (FILE, or stdin for - or no FILE) and "
    "writes\none decision record a line, in input order.\n"
    "\n"
    "  -o, --output FILE      write records to FILE (default: stdout)\n"
    ASSAY_PLUGIN_OPTIONS_HELP
    "      --accept SCORE     accept at or above SCORE (default 0.7)\n"
    "      --review SCORE     review at or above SCORE (default 0.5)\n"
    ASSAY_BATCH_HELP
    "  -h, --help             show this help\n"
    "\n"
    "Exit status: 0 all records evaluated, 1 some error records, 2 usage or\n"
    "configuration error (nothing evaluated).\n";

enum { OPT_ACCEPT = 256, OPT_REVIEW };

int assay_cmd_run(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        ASSAY_PLUGIN_LONGOPTS,
        {"accept", required_argument, NULL, OPT_ACCEPT},
        {"review", required_argument, NULL, OPT_REVIEW},
        ASSAY_BATCH_LONGOPTS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    assay_plugin_options plugins = {0};
    const char *output = NULL;
    double accept = 0.7, review = 0.5;
    assay_batch_options batch;
    assay_batch_options_default(&batch);
    int rc = ASSAY_EXIT_USAGE;
    assay_engine *engine = NULL;
    FILE *in = NULL, *out = NULL;

    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":o:h" ASSAY_BATCH_SHORTOPTS, longopts, NULL)) != -1) {
        switch (c) {
        case 'o':
            output = optarg;
            break;
        case OPT_ACCEPT:
            if (assay_parse_double("--accept", optarg, &accept))
                goto done;
            break;
        case OPT_REVIEW:
            if (assay_parse_double("--review", optarg, &review))
                goto done;
            break;
        case 'h':
            fputs(run_help, stdout);
            rc = ASSAY_EXIT_OK;
            goto done;
        case ':':
            assay_usage_error("option %s needs a value; see `assay run "
                              "--help`",
                              argv[optind - 1]);
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
            assay_usage_error("unknown option %s; see `assay run --help`",
                              argv[optind - 1]);
            goto done;
        }
    }
    if (argc - optind > 1) {
        assay_usage_error("run takes one input file, got %d; concatenate "
                          "them or use stdin",
                          argc - optind);
        goto done;
    }
    const char *input = optind < argc ? argv[optind] : "-";
    char err[512];
    engine = assay_engine_new();
    if (!engine) {
        assay_usage_error("out of memory");
        goto done;
    }
    if (assay_engine_set_thresholds(engine, accept, review, err, sizeof err)) {
        assay_usage_error("%s", err);
        goto done;
    }
    if (assay_plugin_options_load(&plugins, engine))
        goto done;
    in = strcmp(input, "-") == 0 ? stdin : fopen(input, "rb");
    if (!in) {
        assay_usage_error("cannot open input %s: %m", input);
        goto done;
    }
    out = output ? fopen(output, "wb") : stdout;
    if (!out) {
        assay_usage_error("cannot create output %s: %m", output);
        goto done;
    }
    assay_batch_stats stats;
    if (assay_batch_run(engine, in, input, out, &batch, &stats))
        goto done;
    rc = stats.error_records || stats.stopped ? ASSAY_EXIT_RECORDS
                                              : ASSAY_EXIT_OK;
done:
    if (in && in != stdin)
        fclose(in);
    if (out && out != stdout)
        fclose(out);
    assay_engine_free(engine);
    assay_plugin_options_free(&plugins);
    return rc;
}
