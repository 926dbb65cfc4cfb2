/* A batch run: every line of an input stream through worker threads to an
 * output stream, one scored record per non-blank input line, in input
 * order, byte-identical for any number of workers.
 *
 * A reader thread cuts the input into batches of lines; N worker threads,
 * each with its own assay_worker (its own plugin instances and Lua state),
 * evaluate whole batches; the calling thread writes the batches' records in
 * input order. A fixed ring of batches bounds the records in flight, so
 * memory does not grow with the input. Commands that evaluate (`run`,
 * `score`) all go through assay_batch_run. */
#ifndef ASSAY_BATCH_H
#define ASSAY_BATCH_H

#include <stdint.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "assay/assay.h"
#include "util/buffer.h"
#include "util/line_reader.h"
#include "engine/result.h"

/* One evaluated record, as a sink's summarize() sees it. */
typedef struct assay_batch_item {
    size_t line;
    int is_error;
    const char *id;             /* NULL when none could be read */
    const cJSON *root;          /* the parsed record; NULL if it failed */
    const assay_result *result; /* NULL for an error record */
} assay_batch_item;

/* Lets a command keep something of every record (issue: `run` keeps a
 * compact summary of each for the global allocation). Either function may
 * be NULL. */
typedef struct assay_batch_sink {
    /* On a worker thread, concurrently with other calls: append what is to
     * be kept of item to summary (the bytes are the sink's own format). */
    void (*summarize)(void *arg, const assay_batch_item *item,
                      assay_buffer *summary);
    /* On the writing thread, once for each record in input order (its
     * output record is written with its batch, right after): the output
     * record (no newline) and the summary made for it. Return non-zero to
     * stop the run after this record. */
    int (*record)(void *arg, size_t line, int is_error, const char *output,
                  size_t output_len, const char *summary,
                  size_t summary_len);
    void *arg;
} assay_batch_sink;

typedef struct assay_batch_options {
    size_t max_line;   /* longest input line in bytes */
    unsigned workers;  /* worker threads; 0: the online processors */
    size_t max_errors; /* stop after this many error records plus one;
                          SIZE_MAX: never stop */
    int progress;      /* 1: draw a progress line on stderr (the caller
                          decides: a terminal, not --quiet) */
    const assay_batch_sink *sink; /* NULL: none */
    size_t first_line; /* number of the first input line: 1, or where this
                          shard starts in the whole input */
    unsigned long long part; /* written into every scored record */
    int isolate; /* 1: compiled plugins run in supervised worker processes
                    (engine/isolation.h), one per worker thread; 0: in this
                    process. Isolated, a sink's summarize() sees no root,
                    id or result: the record was evaluated elsewhere. */
    double record_timeout; /* isolated: seconds one record may take */
    size_t worker_memory;  /* isolated: bytes a worker process may grow by
                              before it is replaced; 0: no limit */
    /* Profiling, else NULL: each worker's time per plugin and per rule is
     * added here when the run ends (plugins must run in this process). */
    struct assay_profile_clock *clock;
} assay_batch_options;

#define ASSAY_DEFAULT_RECORD_TIMEOUT 10.0
#define ASSAY_DEFAULT_WORKER_MEMORY ((size_t)1 << 30)

/* The defaults: 1 MiB lines, a worker per processor, no error limit, no
 * progress, no sink, lines from 1, part 0, plugins in this process (the
 * commands isolate them), 10 s a record and 1 GiB a worker process when
 * isolated. */
#define ASSAY_BATCH_OPTIONS_INIT                                             \
    {ASSAY_DEFAULT_MAX_LINE, 0, SIZE_MAX, 0, NULL, 1, 0, 0,                  \
     ASSAY_DEFAULT_RECORD_TIMEOUT, ASSAY_DEFAULT_WORKER_MEMORY, NULL}

typedef struct assay_batch_stats {
    size_t records;       /* output records written */
    size_t error_records; /* of which error records */
    unsigned workers;     /* worker threads that ran */
    int stopped;          /* 1: stopped early by --max-errors or the sink */
    double seconds;       /* wall time of the run */
} assay_batch_stats;

/* Runs the batch, writing records to out (NULL: write nothing, for a sink
 * that keeps what it needs). Returns 0, or non-zero after printing why the
 * run could not go on (a worker could not be made, an I/O error); records
 * before the failure are written either way. A stop by max_errors prints
 * its reason and returns 0 with stats->stopped set. */
int assay_batch_run(assay_engine *engine, FILE *in, const char *in_name,
                    FILE *out, const assay_batch_options *options,
                    assay_batch_stats *stats);

/* The number of online processors, at least 1. */
unsigned assay_online_processors(void);

#endif
