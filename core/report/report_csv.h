/* The report as CSV for spreadsheets (docs/report.md): one row per record,
 * the ranked table's columns plus one column per rule. */
#ifndef ASSAY_REPORT_CSV_H
#define ASSAY_REPORT_CSV_H

#include "util/buffer.h"
#include "report/report_data.h"

/* Appends the whole CSV file for a finished report: a UTF-8 byte order
 * mark, a header row, the ok records in rank order, then the error records
 * in input order; CRLF line ends, as RFC 4180 has them. */
void assay_report_csv(assay_buffer *out, const assay_report *r);

/* Appends one text cell: a cell that a spreadsheet would read as a formula
 * (first character =, +, -, @, tab or carriage return) gets a leading ';
 * a cell with a comma, quote, CR or LF (or that leading ') is quoted, with
 * quotes doubled. Invalid UTF-8 bytes become U+FFFD. NULL is empty. */
void assay_csv_text(assay_buffer *out, const char *s);

#endif
