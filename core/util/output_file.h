/* An output file that is replaced only when complete: written under a
 * temporary name beside it and renamed over it on commit, so a run that
 * fails half-way leaves the previous file as it was. */
#ifndef ASSAY_OUTPUT_FILE_H
#define ASSAY_OUTPUT_FILE_H

#include <stddef.h>
#include <stdio.h>

typedef struct assay_output_file {
    FILE *file;
    char *path; /* NULL: stdout */
    char *temp;
} assay_output_file;

/* Opens path for writing (NULL or "-": stdout). Non-zero, with "cannot
 * create PATH: why" in err, on failure. */
int assay_output_file_open(assay_output_file *o, const char *path, char *err,
                           size_t err_size);
/* Closes and renames the file into place. Non-zero, with why in err (the
 * temporary file removed), on failure. */
int assay_output_file_commit(assay_output_file *o, char *err,
                             size_t err_size);
/* Closes and removes what was written; the old file stays. */
void assay_output_file_abort(assay_output_file *o);

#endif
