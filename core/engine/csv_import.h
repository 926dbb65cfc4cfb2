/* Spreadsheet input: CSV (RFC 4180, parsed by libcsv) turned into
 * applications, one JSON line for each data row, through an import mapping
 * (engine/import_mapping.h).
 *
 * Rows count from 1, the header; an empty line is not a row. Output line N
 * is data row N + 1, so an error record of `assay run` on line N names
 * row N + 1 of the sheet; a row whose cells are all empty is written as an
 * empty line, which a run skips. A UTF-8 byte order mark before the header
 * is dropped. Cells are trimmed of surrounding spaces and tabs; an empty
 * cell leaves its field out (a missing field, never an error). */
#ifndef ASSAY_CSV_IMPORT_H
#define ASSAY_CSV_IMPORT_H

#include <stddef.h>
#include <stdio.h>

#include "engine/import_mapping.h"

typedef struct assay_import_report {
    size_t rows;     /* data rows read (the header not counted) */
    size_t blank;    /* of which had only empty cells */
    size_t problems; /* cells or rows reported on messages */
} assay_import_report;

/* Imports CSV from in (named name in messages) into out. Each problem in a
 * row (a value that is not of its column's type, an empty id, invalid
 * UTF-8, more cells than the header) is one line on messages, "name: row
 * N, column "C" (D): what; what to do", and the row is still written (a
 * value that is not of its type is kept as text, so rules that read it
 * report it). Returns 0 when every row was clean, 1 when some had
 * problems, 2 (after printing why) when nothing could be imported: a
 * header that does not match the mapping, malformed CSV, a read error. */
int assay_csv_import(const assay_mapping *m, FILE *in, const char *name,
                     FILE *out, FILE *messages, assay_import_report *report);

#endif
