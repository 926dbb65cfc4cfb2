/* assay report: a committee report (HTML, CSV) of a run's decisions. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buffer.h"
#include "cli/cli.h"
#include "decide/decide.h"
#include "engine/manifest.h"
#include "decide/policy.h"
#include "report/report_csv.h"
#include "report/report_data.h"
#include "report/report_html.h"
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
    "  -h, --help           show this help\n"
    "\n"
    "At least one of --html, --csv and --xlsx is needed. Exit status: 0 written,\n"
    "2 usage error or a file that is missing or not as the run writes it.\n";

enum { OPT_HTML = 256, OPT_CSV, OPT_SUMMARY, OPT_MANIFEST, OPT_INPUT, OPT_XLSX };

/* Writes b to the file at path, or to stdout for "-". */
static int write_file(const char *path, const assay_buffer *b)
{
    if (strcmp(path, "-") == 0) {
        size_t n = fwrite(b->data, 1, b->len, stdout);
        if (n != b->len || fflush(stdout) != 0)
            return assay_usage_error("cannot write to stdout: %m");
        return 0;
    }
    assay_atomic_file a;
    FILE *f = assay_cli_create(&a, "", path);
    if (!f)
        return 1;
    fwrite(b->data, 1, b->len, f);
    return assay_cli_commit(&a);
}

int assay_report_write(const assay_report *r, const char *html,
                       const char *csv)
{
    for (size_t i = 0; i < r->warning_count; i++)
        fprintf(stderr, "assay: warning: %s\n", r->warnings[i]);
    assay_buffer b;
    assay_buffer_init(&b);
    int rc = 0;
    if (html) {
        assay_report_html(&b, r);
        rc = write_file(html, &b);
    }
    if (!rc && csv) {
        assay_buffer_reset(&b);
        assay_report_csv(&b, r);
        rc = write_file(csv, &b);
    }
    assay_buffer_free(&b);
    return rc;
}

/* The text a writer of JSON to a FILE writes, in memory: open_memstream
 * gives the FILE. */
typedef struct memory_file {
    char *text;
    size_t len;
    FILE *f;
} memory_file;

static int memory_open(memory_file *m)
{
    m->text = NULL;
    m->len = 0;
    m->f = open_memstream(&m->text, &m->len);
    return m->f ? 0 : assay_usage_error("report: out of memory");
}

static int memory_close(memory_file *m)
{
    int bad = fclose(m->f) != 0;
    m->f = NULL;
    return bad ? assay_usage_error("report: out of memory") : 0;
}

int assay_report_run(const assay_run_report *rr, const assay_engine *engine,
                     const struct assay_policy *p,
                     const char *const *inputs, size_t input_count,
                     const struct assay_decide_report *dr,
                     const struct assay_run_clock *clock)
{
    char err[1024];
    assay_report r;
    assay_report_init(&r);
    memory_file summary = {0}, manifest = {0};
    int rc = 1;
    if (memory_open(&summary))
        goto done;
    assay_decide_summary_json(p, dr, summary.f);
    if (memory_close(&summary) || memory_open(&manifest))
        goto done;
    int bad = assay_manifest_write(manifest.f, engine, p, inputs,
                                   input_count, dr, clock, err, sizeof err);
    if (memory_close(&manifest))
        goto done;
    if (bad ||
        assay_report_read_decisions(&r, rr->decided, rr->decided_name, err,
                                    sizeof err) ||
        assay_report_set_summary(&r, summary.text, summary.len,
                                 "the summary", err, sizeof err) ||
        assay_report_set_manifest(&r, manifest.text, manifest.len,
                                  "the manifest", err, sizeof err) ||
        (rr->input && assay_report_read_names(&r, rr->input, rr->input_name,
                                              err, sizeof err))) {
        assay_usage_error("report: %s", err);
        goto done;
    }
    for (size_t t = 0; t < p->tier_count; t++)
        assay_report_set_min_score(&r, p->tiers[t].name, p->tiers[t].min_score);
    assay_report_finish(&r);
    rc = assay_report_write(&r, rr->html, rr->csv);
done:
    if (summary.f)
        fclose(summary.f);
    if (manifest.f)
        fclose(manifest.f);
    free(summary.text);
    free(manifest.text);
    assay_report_free(&r);
    return rc;
}

static int read_names(assay_report *r, const char *path)
{
    char err[1024];
    FILE *f = fopen(path, "rb");
    if (!f)
        return assay_usage_error("cannot open input %s: %m", path);
    int rc = assay_report_read_names(r, f, path, err, sizeof err);
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

int assay_cmd_report(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"html", required_argument, NULL, OPT_HTML},
        {"csv", required_argument, NULL, OPT_CSV},
        {"summary", required_argument, NULL, OPT_SUMMARY},
        {"manifest", required_argument, NULL, OPT_MANIFEST},
        {"input", required_argument, NULL, OPT_INPUT},
        {"xlsx", required_argument, NULL, OPT_XLSX},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *html = NULL, *csv = NULL, *summary = NULL, *manifest = NULL,
               *input = NULL, *xlsx = NULL;
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
        case OPT_XLSX:
            xlsx = optarg;
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

    char err[1024];
    assay_report r;
    assay_report_init(&r);
    int rc = ASSAY_EXIT_USAGE;
    if (read_decisions(&r, argv[optind]))
        goto done;
    if (summary && assay_report_load_summary(&r, summary, err, sizeof err)) {
        assay_usage_error("%s", err);
        goto done;
    }
    if (manifest &&
        assay_report_load_manifest(&r, manifest, err, sizeof err)) {
        assay_usage_error("%s", err);
        goto done;
    }
    if (input && read_names(&r, input))
        goto done;
    assay_report_finish(&r);
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
    return rc;
}
