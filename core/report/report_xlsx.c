#include "report/report_xlsx.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <xlsxwriter.h>

#include "util/buffer.h"

static const char *const columns[] = {"Rank", "ID", "Name", "Decision",
                                      "Score", "Why"};
enum { COLUMN_COUNT = sizeof columns / sizeof columns[0] };

/* Text as a cell can hold it: valid UTF-8 without the control characters
 * XML forbids (each becomes U+FFFD). Strings are written as strings, never
 * as formulas, so a cell starting with = is inert. */
static const char *cell_text(assay_buffer *b, const char *s)
{
    assay_buffer_reset(b);
    size_t n = s ? strlen(s) : 0;
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t k = assay_utf8_sequence_length(p + i, n - i);
        if (k == 0 || (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n')) {
            assay_buffer_puts(b, "\xEF\xBF\xBD");
            i += k ? k : 1;
        } else {
            assay_buffer_append(b, s + i, k);
            i += k;
        }
    }
    return assay_buffer_cstr(b);
}

/* A sheet name Excel accepts: at most 31 characters, none of []:*?/\. */
static void sheet_name(char out[32], const char *name)
{
    size_t n = 0;
    for (const char *p = name; *p && n < 31; p++)
        out[n++] = strchr("[]:*?/\\", *p) ? '_' : *p;
    out[n] = '\0';
}

static lxw_worksheet *add_sheet(lxw_workbook *wb, const char *name,
                                const char *const *header, size_t count,
                                lxw_format *bold)
{
    char clean[32];
    sheet_name(clean, name);
    lxw_worksheet *ws = workbook_add_worksheet(wb, clean);
    if (!ws)
        return NULL;
    for (size_t c = 0; c < count; c++)
        worksheet_write_string(ws, 0, (lxw_col_t)c, header[c], bold);
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_set_column(ws, COLUMN_COUNT - 1, COLUMN_COUNT - 1, 80, NULL);
    return ws;
}

static void write_entry(lxw_worksheet *ws, lxw_row_t row,
                        const assay_report_entry *e, assay_buffer *b)
{
    if (e->rank)
        worksheet_write_number(ws, row, 0, (double)e->rank, NULL);
    worksheet_write_string(ws, row, 1, cell_text(b, e->id), NULL);
    if (e->name)
        worksheet_write_string(ws, row, 2, cell_text(b, e->name), NULL);
    worksheet_write_string(ws, row, 3, cell_text(b, e->decision), NULL);
    if (!isnan(e->score))
        worksheet_write_number(ws, row, 4, e->score, NULL);
    worksheet_write_string(ws, row, 5, cell_text(b, e->why), NULL);
}

int assay_report_xlsx(const assay_report *r, const char *path, char *err,
                      size_t err_size)
{
    lxw_workbook *wb = workbook_new(path);
    if (!wb) {
        snprintf(err, err_size, "cannot create %s", path);
        return 1;
    }
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    assay_buffer b;
    assay_buffer_init(&b);
    int rc = 0;
    lxw_worksheet *ranking = add_sheet(wb, "Ranking", columns, COLUMN_COUNT,
                                       bold);
    for (size_t i = 0; ranking && i < r->ok_count; i++)
        write_entry(ranking, (lxw_row_t)(i + 1), &r->entries[i], &b);
    for (size_t d = 0; ranking && d < r->decision_count; d++) {
        lxw_worksheet *ws = add_sheet(wb, r->decisions[d], columns,
                                      COLUMN_COUNT, bold);
        if (!ws) {
            snprintf(err, err_size,
                     "cannot write %s: decision \"%s\" makes no sheet name "
                     "of its own (two decisions alike in their first 31 "
                     "characters)",
                     path, r->decisions[d]);
            rc = 1;
            break;
        }
        lxw_row_t row = 1;
        for (size_t i = 0; i < r->ok_count; i++)
            if (r->entries[i].decision_index == d)
                write_entry(ws, row++, &r->entries[i], &b);
    }
    if (!rc && r->count > r->ok_count) {
        static const char *const header[] = {"Line", "ID", "Error"};
        lxw_worksheet *ws = add_sheet(wb, "Errors", header, 3, bold);
        for (size_t i = r->ok_count; ws && i < r->count; i++) {
            const assay_report_entry *e = &r->entries[i];
            lxw_row_t row = (lxw_row_t)(i - r->ok_count + 1);
            worksheet_write_number(ws, row, 0, (double)e->line, NULL);
            if (e->id)
                worksheet_write_string(ws, row, 1, cell_text(&b, e->id), NULL);
            worksheet_write_string(ws, row, 2, cell_text(&b, e->error), NULL);
        }
    }
    lxw_error closed = workbook_close(wb);
    if (!rc && closed != LXW_NO_ERROR) {
        snprintf(err, err_size, "cannot write %s: %s", path,
                 lxw_strerror(closed));
        rc = 1;
    }
    assay_buffer_free(&b);
    return rc;
}
