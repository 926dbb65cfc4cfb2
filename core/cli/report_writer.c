/* Writing a committee report's files: assay report writes one from files
 * a run left, assay run --report from the run it has just made. */
#include "cli/report_writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "decide/decide.h"
#include "decide/manifest.h"
#include "decide/policy.h"
#include "report/report_changes.h"
#include "report/report_csv.h"
#include "report/report_data.h"
#include "report/report_html.h"
#include "util/buffer.h"

/* Writes b to the file at path, or to stdout for "-". */
static int write_file(const char *path, const assay_buffer *b)
{
    if (strcmp(path, "-") == 0) {
        size_t n = assay_buffer_write(b, stdout);
        if (n != b->len || fflush(stdout) != 0)
            return assay_usage_error("cannot write to stdout: %m");
        return 0;
    }
    assay_atomic_file a;
    FILE *f = assay_cli_create(&a, "", path);
    if (!f)
        return 1;
    assay_buffer_write(b, f);
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
    assay_report_changes changes = {0};
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
                                              &p->fields, err,
                                              sizeof err))) {
        assay_usage_error("report: %s", err);
        goto done;
    }
    for (size_t t = 0; t < p->tier_count; t++)
        assay_report_set_min_score(&r, p->tiers[t].name, p->tiers[t].min_score);
    if (rr->previous) {
        /* The decisions are in the run's temporary file, which its
         * descriptor names (the -o file may not be complete yet). */
        char current[64];
        snprintf(current, sizeof current, "/proc/self/fd/%d",
                 fileno(rr->decided));
        if (assay_report_changes_load(&changes, rr->previous, current, err,
                                      sizeof err)) {
            assay_usage_error("report: %s", err);
            goto done;
        }
        r.changes = &changes;
    }
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
    assay_report_changes_free(&changes);
    return rc;
}
