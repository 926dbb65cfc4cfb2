/* assay import: a spreadsheet (CSV) into applications (JSON Lines). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "engine/csv_import.h"

static const char import_help[] =
    "usage: assay import --mapping FILE [OPTIONS] [SHEET.csv]\n"
    "\n"
    "Turns a CSV sheet (RFC 4180, UTF-8 with or without a byte order mark)\n"
    "into applications, one JSON line a data row, through a mapping file\n"
    "that names each column's field, type and list separator\n"
    "(docs/office.md). Reads stdin when SHEET is - or absent. Output line N\n"
    "is row N + 1 of the sheet (the header is row 1).\n"
    "\n"
    "  -m, --mapping FILE     the column-to-field mapping (JSON)\n"
    "  -o, --output FILE      write the applications here, replaced only\n"
    "                         when complete (default: stdout)\n"
    "  -h, --help             show this help\n"
    "\n"
    "Exit status: 0 every row imported; 1 some cells did not fit their\n"
    "column (each named on stderr by row and column; every row still\n"
    "written); 2 usage error, a bad mapping, a header that does not match\n"
    "it or malformed CSV (nothing written).\n";

int assay_cmd_import(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"mapping", required_argument, NULL, 'm'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *mapping_path = NULL, *output = NULL, *input = "-";
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":m:o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'm':
            mapping_path = optarg;
            break;
        case 'o':
            output = optarg;
            break;
        case 'h':
            fputs(import_help, stdout);
            return ASSAY_EXIT_OK;
        default:
            return assay_option_error("import", c, argv[optind - 1]);
        }
    }
    if (argc - optind > 1)
        return assay_usage_error("import takes one sheet, got %d; import "
                                 "each sheet on its own",
                                 argc - optind);
    if (optind < argc)
        input = argv[optind];
    if (!mapping_path)
        return assay_usage_error("import needs --mapping FILE (which column "
                                 "holds which field; see docs/office.md)");
    char err[1024];
    assay_mapping *m = assay_mapping_load(mapping_path, err, sizeof err);
    if (!m)
        return assay_usage_error("%s", err);
    FILE *in = strcmp(input, "-") == 0 ? stdin : fopen(input, "rb");
    if (!in) {
        assay_mapping_free(m);
        return assay_usage_error("cannot open %s: %m", input);
    }
    int to_stdout = !output || strcmp(output, "-") == 0;
    assay_atomic_file out_file = {0};
    FILE *out = to_stdout ? stdout : assay_cli_create(&out_file, "", output);
    int rc = ASSAY_EXIT_USAGE;
    if (out) {
        assay_import_report report;
        rc = assay_csv_import(m, in, strcmp(input, "-") ? input : "stdin",
                              out, stderr, &report);
        /* On a usage error nothing is committed: the previous file stays. */
        if (rc != ASSAY_EXIT_USAGE &&
            (to_stdout ? assay_cli_flush_stdout(out)
                       : assay_cli_commit(&out_file))) {
            rc = ASSAY_EXIT_USAGE;
        } else if (rc == ASSAY_EXIT_RECORDS) {
            fprintf(stderr, "assay: imported %zu rows; %zu problems above, "
                            "each row still written\n",
                    report.rows, report.problems);
        }
    }
    if (!to_stdout)
        assay_atomic_abandon(&out_file);
    if (in != stdin)
        fclose(in);
    assay_mapping_free(m);
    return rc;
}
