/* assay report: a committee report (HTML, CSV) of a run's decisions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buffer.h"
#include "cli/cli.h"
#include "cli/report_writer.h"
#include "decide/decide.h"
#include "decide/policy.h"
#include "report/report_changes.h"
#include "report/report_csv.h"
#include "report/report_data.h"
#include "report/report_html.h"
#include "report/report_stability.h"
#include "report/report_xlsx.h"

enum { OPT_HTML = 256, OPT_CSV, OPT_SUMMARY, OPT_MANIFEST, OPT_INPUT, OPT_XLSX,
       OPT_PREVIOUS, OPT_STABILITY, OPT_POLICY };

static int read_names(assay_report *r, const char *path,
                      const char *policy_path)
{
    char err[1024];
    assay_policy *policy = NULL;
    if (policy_path && !(policy = assay_cli_load_policy(policy_path)))
        return 1;
    FILE *f = fopen(path, "rb");
    if (!f) {
        assay_policy_free(policy);
        return assay_usage_error("cannot open input %s: %m", path);
    }
    int rc = assay_report_read_names(r, f, path,
                                     policy ? &policy->fields : NULL, err,
                                     sizeof err);
    assay_policy_free(policy);
    fclose(f);
    return rc ? assay_usage_error("%s", err) : 0;
}

static int read_decisions(assay_report *r, const char *path)
{
    char err[1024];
    int from_stdin = strcmp(path, "-") == 0;
    FILE *f = from_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return assay_usage_error("cannot open decisions %s: %m", path);
    int rc = assay_report_read_decisions(r, f, from_stdin ? "stdin" : path,
                                         err, sizeof err);
    if (!from_stdin)
        fclose(f);
    return rc ? assay_usage_error("%s", err) : 0;
}

static int read_stability(assay_report_stability *s, const char *path)
{
    char err[1024];
    FILE *f = fopen(path, "rb");
    if (!f)
        return assay_usage_error("cannot open stability %s: %m", path);
    int rc = assay_report_stability_read(s, f, path, err, sizeof err);
    fclose(f);
    return rc ? assay_usage_error("%s", err) : 0;
}

/* A stability run of other decisions says nothing of these: say so. */
static void warn_stability(assay_report *r, const assay_report_stability *s)
{
    size_t differ, missing;
    char text[512];
    assay_report_stability_check(s, r, &differ, &missing);
    if (differ) {
        snprintf(text, sizeof text, "%zu decisions differ from those %s "
                 "was computed for; is it the stability of this run?",
                 differ, s->label);
        assay_report_add_warning(r, text);
    }
    if (missing) {
        snprintf(text, sizeof text, "%zu of %zu applications are not in %s",
                 missing, r->ok_count, s->label);
        assay_report_add_warning(r, text);
    }
}

static int report_main(int argc, char **argv)
{
    const char *html = NULL, *csv = NULL, *summary = NULL, *manifest = NULL,
               *input = NULL, *xlsx = NULL, *previous = NULL,
               *stability = NULL, *policy = NULL;
    assay_options opts;
    assay_options_begin(&opts, &assay_cmd_report, argc, argv);
    int c;
    while ((c = assay_options_next(&opts)) >= 0) {
        switch (c) {
        case OPT_HTML:
            html = opts.arg;
            break;
        case OPT_CSV:
            csv = opts.arg;
            break;
        case OPT_SUMMARY:
            summary = opts.arg;
            break;
        case OPT_MANIFEST:
            manifest = opts.arg;
            break;
        case OPT_INPUT:
            input = opts.arg;
            break;
        case OPT_POLICY:
            policy = opts.arg;
            break;
        case OPT_XLSX:
            xlsx = opts.arg;
            break;
        case OPT_PREVIOUS:
            previous = opts.arg;
            break;
        case OPT_STABILITY:
            stability = opts.arg;
            break;
        }
    }
    if (c == ASSAY_OPTIONS_STOP)
        return opts.status;
    if (argc - opts.index != 1)
        return assay_usage_error("report takes one decisions file, got %d; "
                                 "see `assay report --help`",
                                 argc - opts.index);
    if (!html && !csv && !xlsx)
        return assay_usage_error("nothing to write: give --html FILE, "
                                 "--csv FILE, --xlsx FILE or several");
    if (html && csv && strcmp(html, "-") == 0 && strcmp(csv, "-") == 0)
        return assay_usage_error("--html and --csv cannot both go to "
                                 "stdout (-)");

    if (previous && strcmp(argv[opts.index], "-") == 0)
        return assay_usage_error("--previous compares two files: give the "
                                 "decisions as a file, not on stdin");

    char err[1024];
    assay_report r;
    assay_report_init(&r);
    assay_report_changes changes = {0};
    assay_report_stability sure = {0};
    int rc = ASSAY_EXIT_USAGE;
    if (read_decisions(&r, argv[opts.index]))
        goto done;
    if (stability && read_stability(&sure, stability))
        goto done;
    if (stability)
        r.stability = &sure;
    if (previous) {
        if (assay_report_changes_load(&changes, previous, argv[opts.index], err,
                                      sizeof err)) {
            assay_usage_error("%s", err);
            goto done;
        }
        r.changes = &changes;
    }
    if (summary && assay_report_load_summary(&r, summary, err, sizeof err)) {
        assay_usage_error("%s", err);
        goto done;
    }
    if (manifest &&
        assay_report_load_manifest(&r, manifest, err, sizeof err)) {
        assay_usage_error("%s", err);
        goto done;
    }
    if (input && read_names(&r, input, policy))
        goto done;
    assay_report_finish(&r);
    if (stability)
        warn_stability(&r, &sure);
    if (assay_report_write(&r, html, csv) == 0) {
        rc = ASSAY_EXIT_OK;
        /* libxlsxwriter writes the workbook by name: it writes the
         * temporary file, which is renamed over the target when done. */
        assay_atomic_file book = {0};
        if (xlsx && !assay_cli_create(&book, "", xlsx))
            rc = ASSAY_EXIT_USAGE;
        else if (xlsx && assay_report_xlsx(&r, book.temp ? book.temp : xlsx,
                                           err, sizeof err))
            rc = assay_usage_error("%s", err);
        else if (xlsx && assay_cli_commit(&book))
            rc = ASSAY_EXIT_USAGE;
        assay_atomic_abandon(&book);
    }
done:
    assay_report_free(&r);
    assay_report_changes_free(&changes);
    assay_report_stability_free(&sure);
    return rc;
}

static const assay_option report_options[] = {
    {"html", OPT_HTML, "FILE", "write the HTML report to FILE (- for stdout)"},
    {"csv", OPT_CSV, "FILE",
     "write one CSV row per record to FILE (- for stdout)"},
    {"xlsx", OPT_XLSX, "FILE",
     "write a workbook to FILE: a ranking sheet and a sheet per "
     "decision, headers frozen"},
    {"summary", OPT_SUMMARY, "FILE",
     "the run's --summary JSON: seats and cut-offs"},
    {"manifest", OPT_MANIFEST, "FILE",
     "the run's --manifest JSON: versions and hashes"},
    {"input", OPT_INPUT, "FILE",
     "the applications the run read: decision records carry ids only, "
     "names are joined from here by id"},
    {"previous", OPT_PREVIOUS, "FILE",
     "the decisions of a previous run: the page says what changed since, "
     "and why (as assay diff)"},
    {"stability", OPT_STABILITY, "FILE",
     "what `assay stability` wrote for these decisions: a Confidence "
     "column and a chart of the least sure decisions"},
    {"policy", OPT_POLICY, "FILE",
     "the run's policy, for where --input keeps names and requests (its "
     "fields {...}; default: \"name\" and \"requests\")"},
    {NULL, 0, NULL, NULL}};
static const assay_option *const report_tables[] = {report_options, NULL};
const assay_command assay_cmd_report = {
    .name = "report",
    .summary = "write a committee report (HTML, CSV) of decisions",
    .synopsis = "[OPTIONS] DECISIONS",
    .description =
        "Writes a report of a run's decision records (DECISIONS, as `assay "
        "run` writes them; - for stdin) for a committee: one "
        "self-contained HTML page, and a CSV file for spreadsheets "
        "(docs/report.md).",
    .options = report_tables,
    .exit_status =
        "At least one of --html, --csv and --xlsx is needed. Exit status: "
        "0 written, 2 usage error or a file that is missing or not as the "
        "run writes it.",
    .main = report_main};
