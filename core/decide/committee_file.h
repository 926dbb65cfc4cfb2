/* A committee's file: rows of named text fields, as a spreadsheet saved as
 * CSV (a header row, RFC 4180, parsed by libcsv; UTF-8 with or without a
 * byte order mark) or as JSON Lines (one object a line), told apart by
 * the first byte that is not white space ('{': JSON Lines). The review
 * panel's scores and the overrides are such files.
 *
 * Each row keeps its line: the line of JSON Lines, the row of CSV (the
 * header is 1; a quoted cell spanning lines counts as one). Cells are
 * trimmed of spaces and tabs; an empty cell or a JSON null is absent.
 * JSON numbers and booleans are kept as their text ("4", "true"). */
#ifndef ASSAY_COMMITTEE_FILE_H
#define ASSAY_COMMITTEE_FILE_H

#include <stddef.h>

typedef struct assay_committee_row {
    size_t line;
    char **values; /* one per known column; NULL when absent */
} assay_committee_row;

typedef struct assay_committee_file {
    const char *path;
    const char *const *columns; /* the known columns, the caller's */
    size_t column_count;
    assay_committee_row *rows;
    size_t count, cap;
} assay_committee_file;

/* Reads path, whose columns must be among columns (column_count of them;
 * the first `required` must each be in every row). On failure returns
 * non-zero after printing every problem as "assay: path:line: what; what
 * to do" (what names the file's kind for messages: "reviews"). Free f
 * with assay_committee_file_free either way. */
int assay_committee_file_read(assay_committee_file *f, const char *path,
                              const char *what, const char *const *columns,
                              size_t column_count, size_t required);
void assay_committee_file_free(assay_committee_file *f);

#endif
