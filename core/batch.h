/* A batch run: every line of an input stream through workers to an output
 * stream, one scored record per non-blank input line, in input order. */
#ifndef ASSAY_BATCH_H
#define ASSAY_BATCH_H

#include <stdio.h>

#include "assay/assay.h"

typedef struct assay_batch_options {
    size_t max_line;  /* longest input line in bytes */
    size_t first_line; /* number of the first input line (1 unless this
                          input is a shard that starts further on) */
    unsigned long long part; /* written into every scored record */
} assay_batch_options;

typedef struct assay_batch_stats {
    size_t records;       /* output records written */
    size_t error_records; /* of which error records */
} assay_batch_stats;

/* Runs the batch. Returns 0, or non-zero after printing why the run could
 * not go on (a worker could not be made, an I/O error). */
int assay_batch_run(assay_engine *engine, FILE *in, const char *in_name,
                    FILE *out, const assay_batch_options *options,
                    assay_batch_stats *stats);

#endif
