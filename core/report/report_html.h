/* The committee report as one self-contained HTML page (docs/report.md):
 * run header, seats, charts, the ranked table (sortable and filterable
 * with CSS alone; a small script enhances it), every application's
 * findings and the error records. No network access: a Content Security
 * Policy forbids every fetch and every script but the page's own. */
#ifndef ASSAY_REPORT_HTML_H
#define ASSAY_REPORT_HTML_H

#include "util/buffer.h"
#include "report/report_data.h"

/* Appends the page for a finished report. The same report gives the same
 * bytes: the page holds no timestamp. */
void assay_report_html(assay_buffer *out, const assay_report *r);

/* The page's script and its SHA-256 in base64, as the Content Security
 * Policy names it (a test checks that the two agree). */
extern const char assay_report_script[];
extern const char assay_report_script_sha256[];

#endif
