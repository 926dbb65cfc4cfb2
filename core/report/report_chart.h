/* The report's charts: inline SVG histograms of the overall and domain
 * scores, drawn from a finished report (docs/report.md). */
#ifndef ASSAY_REPORT_CHART_H
#define ASSAY_REPORT_CHART_H

#include "util/buffer.h"
#include "report/report_data.h"

/* Histogram bins: the overall score in 20 bins of 0.05, a domain score in
 * 10 bins of 0.1; the last bin includes 1. A score outside [0, 1] counts
 * in the nearest end bin. */
#define ASSAY_CHART_OVERALL_BINS 20
#define ASSAY_CHART_DOMAIN_BINS 10
int assay_chart_bin(double score, int bins);

/* The CSS classes of a decision's colour, the same in charts, legends and
 * tables: "c<index>" fills a shape with it, "k<index>" puts a swatch of it
 * before a text. Appends the rules that give each its colour. */
void assay_chart_css(assay_buffer *b, const assay_report *r);

/* Appends a figure with the histogram of overall scores, bars stacked by
 * decision, each tier's cut-off score (solid) and minimum score (dashed,
 * when the summary states it) drawn as lines, and a legend. */
void assay_chart_overall(assay_buffer *b, const assay_report *r);
/* Appends a small figure with the histogram of one domain's scores. */
void assay_chart_domain(assay_buffer *b, const assay_report *r,
                        size_t domain);

#endif
