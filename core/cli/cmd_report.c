/* assay report: a committee report (HTML, CSV) of a run's decisions. */
#include <getopt.h>
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

static const char report_help[] =
    "usage: assay report [OPTIONS] DECISIONS\n"
    "\n"
    "Writes a report of a run's decision records (DECISIONS, as `assay run`\n"
    "writes them; - for stdin) for a committee: one self-contained HTML\n"
    "page, and a CSV file for spreadsheets (docs/report.md).\n"
    "\n"
    "      --html FILE      write the HTML report to FILE (- for stdout)\n"
    "      --csv FILE       write one CSV row per record to FILE (- for\n"
    "                       stdout)\n"
    "      --xlsx FILE      write a workbook to FILE: a ranking sheet and a\n"
    "                       sheet per decision, headers frozen\n"
    "      --summary FILE   the run's --summary JSON: seats and cut-offs\n"
    "      --manifest FILE  the run's --manifest JSON: versions and hashes\n"
    "      --input FILE     the applications the run read: decision records\n"
    "                       carry ids only, names are joined from here by id\n"
    "      --previous FILE  the decisions of a previous run: the page says\n"
    "                       what changed since, and why (as assay diff)\n"
    "      --stability FILE what `assay stability` wrote for these decisions:\n"
    "                       a Confidence column and a chart of the least\n"
    "                       sure decisions\n"
    "      --policy FILE    the run's policy, for where --input keeps names\n"
    "                       and requests (its fields {...}; default: \"name\"\n"
    "                       and \"requests\")\n"
    "  -h, --help           show this help\n"
    "\n"
    "At least one of --html, --csv and --xlsx is needed. Exit status: 0 written,\n"
    "2 usage error or a file that is missing or not as the run writes it.\n";

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

int assay_cmd_report(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"html", required_argument, NULL, OPT_HTML},
        {"csv", required_argument, NULL, OPT_CSV},
        {"summary", required_argument, NULL, OPT_SUMMARY},
        {"manifest", required_argument, NULL, OPT_MANIFEST},
        {"input", required_argument, NULL, OPT_INPUT},
        {"xlsx", required_argument, NULL, OPT_XLSX},
        {"previous", required_argument, NULL, OPT_PREVIOUS},
        {"stability", required_argument, NULL, OPT_STABILITY},
        {"policy", required_argument, NULL, OPT_POLICY},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *html = NULL, *csv = NULL, *summary = NULL, *manifest = NULL,
               *input = NULL, *xlsx = NULL, *previous = NULL,
               *stability = NULL, *policy = NULL;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_HTML:
            html = optarg;
            break;
        case OPT_CSV:
            csv = optarg;
            break;
        case OPT_SUMMARY:
            summary = optarg;
            break;
        case OPT_MANIFEST:
            manifest = optarg;
            break;
        case OPT_INPUT:
            input = optarg;
            break;
        case OPT_POLICY:
            policy = optarg;
            break;
        case OPT_XLSX:
            xlsx = optarg;
            break;
        case OPT_PREVIOUS:
            previous = optarg;
            break;
        case OPT_STABILITY:
            stability = optarg;
            break;
        case 'h':
            fputs(report_help, stdout);
            return ASSAY_EXIT_OK;
        case ':':
            return assay_option_error("report", ':', argv[optind - 1]);
        default:
            return assay_option_error("report", '?', argv[optind - 1]);
        }
    }
    if (argc - optind != 1)
        return assay_usage_error("report takes one decisions file, got %d; "
                                 "see `assay report --help`",
                                 argc - optind);
    if (!html && !csv && !xlsx)
        return assay_usage_error("nothing to write: give --html FILE, "
                                 "--csv FILE, --xlsx FILE or several");
    if (html && csv && strcmp(html, "-") == 0 && strcmp(csv, "-") == 0)
        return assay_usage_error("--html and --csv cannot both go to "
                                 "stdout (-)");

    if (previous && strcmp(argv[optind], "-") == 0)
        return assay_usage_error("--previous compares two files: give the "
                                 "decisions as a file, not on stdin");

    char err[1024];
    assay_report r;
    assay_report_init(&r);
    assay_report_changes changes = {0};
    assay_report_stability sure = {0};
    int rc = ASSAY_EXIT_USAGE;
    if (read_decisions(&r, argv[optind]))
        goto done;
    if (stability && read_stability(&sure, stability))
        goto done;
    if (stability)
        r.stability = &sure;
    if (previous) {
        if (assay_report_changes_load(&changes, previous, argv[optind], err,
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
