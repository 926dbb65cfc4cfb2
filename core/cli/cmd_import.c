/* assay import: a spreadsheet (CSV) into applications (JSON Lines). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "engine/csv_import.h"

static int import_main(int argc, char **argv)
{
    const char *mapping_path = NULL, *output = NULL, *input = "-";
    assay_options opts;
    assay_options_begin(&opts, &assay_cmd_import, argc, argv);
    int c;
    while ((c = assay_options_next(&opts)) >= 0) {
        switch (c) {
        case 'm':
            mapping_path = opts.arg;
            break;
        case 'o':
            output = opts.arg;
            break;
        }
    }
    if (c == ASSAY_OPTIONS_STOP)
        return opts.status;
    if (argc - opts.index > 1)
        return assay_usage_error("import takes one sheet, got %d; import "
                                 "each sheet on its own",
                                 argc - opts.index);
    if (opts.index < argc)
        input = argv[opts.index];
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

static const assay_option import_options[] = {
    {"mapping", 'm', "FILE", "the column-to-field mapping (JSON)"},
    {"output", 'o', "FILE",
     "write the applications here, replaced only when complete (default: "
     "stdout)"},
    {NULL, 0, NULL, NULL}};
static const assay_option *const import_tables[] = {import_options, NULL};
const assay_command assay_cmd_import = {
    .name = "import",
    .summary = "turn a CSV sheet into applications through a mapping",
    .synopsis = "--mapping FILE [OPTIONS] [SHEET.csv]",
    .description =
        "Turns a CSV sheet (RFC 4180, UTF-8 with or without a byte order "
        "mark) into applications, one JSON line a data row, through a "
        "mapping file that names each column's field, type and list "
        "separator (docs/office.md). Reads stdin when SHEET is - or "
        "absent. Output line N is row N + 1 of the sheet (the header is "
        "row 1).",
    .options = import_tables,
    .exit_status =
        "Exit status: 0 every row imported; 1 some cells did not fit their "
        "column (each named on stderr by row and column; every row still "
        "written); 2 usage error, a bad mapping, a header that does not "
        "match it or malformed CSV (nothing written).",
    .main = import_main};
