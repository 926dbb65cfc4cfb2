#include "report/report_chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/html.h"

int assay_chart_bin(double score, int bins)
{
    /* On the score's printed 4 decimals, so a score of 0.7 is in the bin
     * that starts at 0.7 however it was computed. */
    long ten_thousandths = lround(fmax(0.0, fmin(1.0, score)) * 10000.0);
    int bin = (int)(ten_thousandths * bins / 10000);
    return bin < bins ? bin : bins - 1;
}

/* ---- Colours -------------------------------------------------------- */

static const char *decision_colour(const assay_report *r, size_t index)
{
    /* Okabe and Ito's palette: told apart with every common colour vision
     * deficiency; the text beside a swatch names it besides. */
    static const char *const tiers[] = {"#0072b2", "#009e73", "#56b4e9",
                                        "#cc79a7", "#000000", "#f0e442"};
    const char *name = r->decisions[index];
    if (strcmp(name, "waitlist") == 0)
        return "#e69f00";
    if (strcmp(name, "review") == 0)
        return "#999999";
    if (strcmp(name, "reject") == 0)
        return "#d55e00";
    size_t tier = 0;
    for (size_t i = 0; i < index; i++)
        if (strcmp(r->decisions[i], "waitlist") != 0 &&
            strcmp(r->decisions[i], "review") != 0 &&
            strcmp(r->decisions[i], "reject") != 0)
            tier++;
    return tiers[tier % (sizeof tiers / sizeof tiers[0])];
}

void assay_chart_css(assay_buffer *b, const assay_report *r)
{
    for (size_t i = 0; i < r->decision_count; i++)
        assay_buffer_printf(b, "%s.k%zu::before", i ? "," : "", i);
    if (r->decision_count)
        assay_buffer_puts(b, "{content:\"\";display:inline-block;"
                             "width:.8rem;height:.8rem;margin-right:.35rem;"
                             "vertical-align:-.08rem;border-radius:2px}");
    for (size_t i = 0; i < r->decision_count; i++) {
        const char *c = decision_colour(r, i);
        assay_buffer_printf(b,
                            ".c%zu{fill:%s;stroke:%s;background:%s;"
                            "border-color:%s}.k%zu{white-space:nowrap}"
                            ".k%zu::before{background:%s}",
                            i, c, c, c, c, i, i, c);
    }
}

/* ---- Axes ----------------------------------------------------------- */

typedef struct frame {
    double left, right, top, bottom; /* the plot area in SVG units */
    double ymax;                     /* count at the top of the y axis */
    double ystep;                    /* between y ticks */
} frame;

/* A y axis from 0 to a round number at or above max with at most 5 ticks
 * of 1, 2 or 5 times a power of ten. */
static void scale_y(frame *f, size_t max)
{
    double step = 1;
    for (double p = 1;; p *= 10) {
        static const double m[] = {1, 2, 5};
        int found = 0;
        for (int i = 0; i < 3 && !found; i++)
            if (ceil((double)max / (m[i] * p)) <= 5) {
                step = m[i] * p;
                found = 1;
            }
        if (found)
            break;
    }
    f->ystep = step;
    f->ymax = max ? ceil((double)max / step) * step : step;
}

static double x_at(const frame *f, double score)
{
    return f->left + (f->right - f->left) * fmax(0.0, fmin(1.0, score));
}

static double y_at(const frame *f, double count)
{
    return f->bottom - (f->bottom - f->top) * count / f->ymax;
}

static void axes(assay_buffer *b, const frame *f, double xstep,
                 const char *xlabel, const char *ylabel)
{
    assay_buffer_puts(b, "<g class=\"axis\">");
    assay_buffer_printf(b, "<path d=\"M%.1f %.1fV%.1fH%.1f\"/>", f->left,
                        f->top, f->bottom, f->right);
    for (double v = 0; v <= f->ymax + 1e-9; v += f->ystep) {
        double y = y_at(f, v);
        assay_buffer_printf(b,
                            "<path class=\"grid\" d=\"M%.1f %.1fH%.1f\"/>"
                            "<text x=\"%.1f\" y=\"%.1f\" class=\"yt\">%.0f"
                            "</text>",
                            f->left, y, f->right, f->left - 5, y + 4, v);
    }
    int ticks = (int)lround(1.0 / xstep);
    for (int i = 0; i <= ticks; i++) {
        double v = i * xstep, x = x_at(f, v);
        assay_buffer_printf(b,
                            "<path d=\"M%.1f %.1fv5\"/><text x=\"%.1f\" "
                            "y=\"%.1f\" class=\"xt\">%g</text>",
                            x, f->bottom, x, f->bottom + 17, v);
    }
    assay_buffer_printf(b, "<text x=\"%.1f\" y=\"%.1f\" class=\"xl\">%s"
                           "</text>",
                        (f->left + f->right) / 2, f->bottom + 34, xlabel);
    assay_buffer_printf(b,
                        "<text transform=\"translate(12 %.1f) rotate(-90)\" "
                        "class=\"yl\">%s</text>",
                        (f->top + f->bottom) / 2, ylabel);
    assay_buffer_puts(b, "</g>");
}

static void bin_range(assay_buffer *b, int bin, int bins)
{
    assay_buffer_printf(b, "%.2f\xE2\x80\x93%.2f", (double)bin / bins,
                        (double)(bin + 1) / bins);
}

/* ---- Overall scores ------------------------------------------------- */

static void cut_lines(assay_buffer *b, const assay_report *r, const frame *f)
{
    for (size_t t = 0; t < r->tier_count; t++) {
        const assay_report_tier *tier = &r->tiers[t];
        if (!isnan(tier->min_score)) {
            double x = x_at(f, tier->min_score);
            assay_buffer_printf(b,
                                "<line class=\"min c%zu\" x1=\"%.1f\" "
                                "y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"><title>",
                                t, x, f->top - 4, x, f->bottom);
            assay_html_text(b, tier->name);
            assay_buffer_puts(b, ": minimum score ");
            assay_json_score(b, tier->min_score);
            assay_buffer_puts(b, "</title></line>");
        }
        if (isnan(tier->cutoff_score) || !tier->filled)
            continue; /* seats were left: no score was cut off */
        double x = x_at(f, tier->cutoff_score);
        double ylab = 12 + 12 * (double)(t % 3);
        int right_half = x > (f->left + f->right) / 2;
        assay_buffer_printf(b,
                            "<line class=\"cut c%zu\" x1=\"%.1f\" y1=\"%.1f\""
                            " x2=\"%.1f\" y2=\"%.1f\"><title>",
                            t, x, ylab - 8, x, f->bottom);
        assay_html_text(b, tier->name);
        assay_buffer_puts(b, ": cut-off score ");
        assay_json_score(b, tier->cutoff_score);
        assay_buffer_printf(b,
                            "</title></line><text class=\"cl\" x=\"%.1f\" "
                            "y=\"%.1f\" text-anchor=\"%s\">",
                            x + (right_half ? -4 : 4), ylab,
                            right_half ? "end" : "start");
        assay_html_text(b, tier->name);
        assay_buffer_puts(b, " ");
        assay_json_score(b, tier->cutoff_score);
        assay_buffer_puts(b, "</text>");
    }
}

static void legend(assay_buffer *b, const assay_report *r)
{
    assay_buffer_puts(b, "<ul class=\"legend\">");
    for (size_t i = 0; i < r->decision_count; i++) {
        assay_buffer_printf(b, "<li><i class=\"sw c%zu\"></i>", i);
        assay_html_text(b, r->decisions[i]);
        assay_buffer_printf(b, " (%zu)</li>", r->decision_counts[i]);
    }
    for (size_t t = 0; t < r->tier_count; t++) {
        const assay_report_tier *tier = &r->tiers[t];
        if (!isnan(tier->cutoff_score) && tier->filled) {
            assay_buffer_printf(b, "<li><i class=\"ln cut c%zu\"></i>", t);
            assay_html_text(b, tier->name);
            assay_buffer_puts(b, " cut-off ");
            assay_json_score(b, tier->cutoff_score);
            if (!isnan(tier->cutoff_rank))
                assay_buffer_printf(b, " (rank %.0f)", tier->cutoff_rank);
            assay_buffer_puts(b, "</li>");
        }
        if (!isnan(tier->min_score)) {
            assay_buffer_printf(b, "<li><i class=\"ln min c%zu\"></i>", t);
            assay_html_text(b, tier->name);
            assay_buffer_puts(b, " minimum ");
            assay_json_score(b, tier->min_score);
            assay_buffer_puts(b, "</li>");
        }
    }
    assay_buffer_puts(b, "</ul>");
}

void assay_chart_overall(assay_buffer *b, const assay_report *r)
{
    enum { BINS = ASSAY_CHART_OVERALL_BINS };
    size_t n = r->decision_count;
    size_t *count = calloc((size_t)BINS * (n ? n : 1), sizeof *count);
    size_t total[BINS] = {0}, max = 0, scored = 0;
    if (!count) {
        fputs("assay: out of memory\n", stderr);
        abort();
    }
    for (size_t i = 0; i < r->ok_count; i++) {
        const assay_report_entry *e = &r->entries[i];
        if (isnan(e->score))
            continue;
        int bin = assay_chart_bin(e->score, BINS);
        count[(size_t)bin * n + e->decision_index]++;
        if (++total[bin] > max)
            max = total[bin];
        scored++;
    }
    frame f = {52, 706, 48, 262, 0, 0};
    scale_y(&f, max);
    assay_buffer_puts(b, "<figure class=\"fig\" id=\"chart-overall\">"
                         "<div class=\"sv\"><svg viewBox=\"0 0 720 310\" "
                         "role=\"img\" aria-labelledby=\"chart-overall-t\">"
                         "<title id=\"chart-overall-t\">Overall scores of ");
    assay_buffer_printf(b, "%zu applications in bins of 0.05</title>", scored);
    axes(b, &f, 0.1, "overall score", "applications");
    double w = (f.right - f.left) / BINS;
    for (int bin = 0; bin < BINS; bin++) {
        if (!total[bin])
            continue;
        assay_buffer_printf(b, "<g class=\"bin\" data-bin=\"%d\" "
                               "data-n=\"%zu\"><title>", bin, total[bin]);
        bin_range(b, bin, BINS);
        assay_buffer_printf(b, ": %zu", total[bin]);
        for (size_t d = 0; d < n; d++) {
            size_t c = count[(size_t)bin * n + d];
            if (!c)
                continue;
            assay_buffer_puts(b, ", ");
            assay_html_text(b, r->decisions[d]);
            assay_buffer_printf(b, " %zu", c);
        }
        assay_buffer_puts(b, "</title>");
        size_t below = 0;
        for (size_t d = 0; d < n; d++) {
            size_t c = count[(size_t)bin * n + d];
            if (!c)
                continue;
            double y0 = y_at(&f, (double)below), y1 = y_at(&f, (double)(below + c));
            assay_buffer_printf(b, "<rect class=\"c%zu\" x=\"%.1f\" y=\"%.1f\" "
                                   "width=\"%.1f\" height=\"%.1f\"/>",
                                d, f.left + bin * w + 1, y1, w - 2, y0 - y1);
            below += c;
        }
        assay_buffer_puts(b, "</g>");
    }
    cut_lines(b, r, &f);
    assay_buffer_puts(b, "</svg></div><figcaption>");
    assay_buffer_printf(b, "Overall scores of %zu applications", scored);
    if (scored < r->ok_count)
        assay_buffer_printf(b, " (%zu without an overall score are not "
                               "shown)", r->ok_count - scored);
    assay_buffer_puts(b, ", stacked by decision.</figcaption>");
    legend(b, r);
    assay_buffer_puts(b, "</figure>");
    free(count);
}

/* ---- Domain scores -------------------------------------------------- */

void assay_chart_domain(assay_buffer *b, const assay_report *r, size_t domain)
{
    enum { BINS = ASSAY_CHART_DOMAIN_BINS };
    size_t count[BINS] = {0}, max = 0, scored = 0;
    for (size_t i = 0; i < r->ok_count; i++) {
        double s = r->entries[i].domain[domain];
        if (isnan(s))
            continue;
        int bin = assay_chart_bin(s, BINS);
        if (++count[bin] > max)
            max = count[bin];
        scored++;
    }
    /* Names are [a-z][a-z0-9_]* (checked when read): safe in attributes;
     * labels are text. */
    const char *name = r->domains[domain].name;
    const char *label = assay_report_domain_label(r, domain);
    frame f = {46, 310, 12, 124, 0, 0};
    scale_y(&f, max);
    assay_buffer_printf(b, "<figure class=\"fig small\" id=\"chart-%s\">"
                           "<div class=\"sv\"><svg viewBox=\"0 0 320 172\" "
                           "role=\"img\" class=\"hist-domain\" "
                           "data-domain=\"%s\"><title>",
                        name, name);
    assay_html_text(b, label);
    assay_buffer_printf(b, " scores of %zu applications in bins of 0.1"
                           "</title>",
                        scored);
    axes(b, &f, 0.5, "score", "applications");
    double w = (f.right - f.left) / BINS;
    for (int bin = 0; bin < BINS; bin++) {
        if (!count[bin])
            continue;
        double y = y_at(&f, (double)count[bin]);
        assay_buffer_printf(b, "<rect class=\"bar\" data-bin=\"%d\" "
                               "data-n=\"%zu\" x=\"%.1f\" y=\"%.1f\" "
                               "width=\"%.1f\" height=\"%.1f\"><title>",
                            bin, count[bin], f.left + bin * w + 1, y, w - 2,
                            f.bottom - y);
        bin_range(b, bin, BINS);
        assay_buffer_printf(b, ": %zu</title></rect>", count[bin]);
    }
    assay_buffer_puts(b, "</svg></div><figcaption>");
    assay_html_text(b, label);
    assay_buffer_printf(b, ": %zu scored</figcaption></figure>", scored);
}
