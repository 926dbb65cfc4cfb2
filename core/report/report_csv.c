#include "report/report_csv.h"

#include <math.h>
#include <string.h>

void assay_csv_text(assay_buffer *out, const char *s)
{
    if (!s)
        return;
    size_t n = strlen(s);
    int formula = n && strchr("=+-@\t\r", s[0]);
    int quote = formula || strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        assay_buffer_putc(out, '"');
    if (formula)
        assay_buffer_putc(out, '\'');
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t len = 1;
        if (p[i] == '"') {
            assay_buffer_puts(out, "\"\"");
        } else if (p[i] < 0x80) {
            assay_buffer_putc(out, s[i]);
        } else if ((len = assay_utf8_sequence_length(p + i, n - i)) == 0) {
            assay_buffer_puts(out, "\xEF\xBF\xBD");
            len = 1;
        } else {
            assay_buffer_append(out, s + i, len);
        }
        i += len;
    }
    if (quote)
        assay_buffer_putc(out, '"');
}

/* Scores print as in the decision records, so the two agree digit by
 * digit; a number never starts with a formula character (scores are not
 * negative, and a negative one is data worth seeing as such). */
static void number_cell(assay_buffer *out, double v)
{
    if (!isnan(v))
        assay_json_score(out, v);
}

static const assay_report_rule_score *rule_score_of(
    const assay_report_entry *e, const char *rule)
{
    for (size_t i = 0; i < e->rule_score_count; i++)
        if (e->rule_scores[i].rule == rule)
            return &e->rule_scores[i];
    return NULL;
}

static void row(assay_buffer *out, const assay_report *r,
                const assay_report_entry *e)
{
    if (e->rank)
        assay_buffer_printf(out, "%zu", e->rank);
    assay_buffer_putc(out, ',');
    assay_csv_text(out, e->id);
    assay_buffer_putc(out, ',');
    assay_csv_text(out, e->name);
    assay_buffer_putc(out, ',');
    assay_csv_text(out, e->ok ? e->decision : "error");
    assay_buffer_putc(out, ',');
    number_cell(out, e->score);
    for (size_t d = 0; d < r->domain_count; d++) {
        assay_buffer_putc(out, ',');
        number_cell(out, e->domain[d]);
    }
    for (size_t i = 0; i < r->rule_count; i++) {
        assay_buffer_putc(out, ',');
        const assay_report_rule_score *f = rule_score_of(e, r->rules[i]);
        if (f && f->error)
            assay_buffer_puts(out, "error");
        else if (f)
            number_cell(out, f->score);
    }
    assay_buffer_printf(out, ",%zu,", e->line);
    assay_csv_text(out, e->error);
    assay_buffer_puts(out, "\r\n");
}

void assay_report_csv(assay_buffer *out, const assay_report *r)
{
    /* The byte order mark makes spreadsheets (Excel above all) read the
     * file as UTF-8 rather than the local code page. */
    assay_buffer_puts(out, "\xEF\xBB\xBFrank,id,name,decision,score");
    for (size_t d = 0; d < r->domain_count; d++) {
        assay_buffer_putc(out, ',');
        assay_csv_text(out, r->domains[d].name);
    }
    for (size_t i = 0; i < r->rule_count; i++) {
        assay_buffer_putc(out, ',');
        assay_csv_text(out, r->rules[i]);
    }
    assay_buffer_puts(out, ",line,error\r\n");
    for (size_t i = 0; i < r->count; i++)
        row(out, r, &r->entries[i]);
}
