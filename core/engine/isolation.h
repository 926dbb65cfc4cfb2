/* Supervised plugin worker processes. A batch worker thread that isolates
 * its plugins has a child process (its supervised worker), forked by a fork
 * server (engine/fork_server.h), that holds a copy of the thread's
 * assay_worker as it was made and evaluates records for it: the
 * thread sends a batch of lines, the child answers one output record per
 * line. A child that crashes, exits, runs past the record time limit or
 * past its memory limit costs the record it was on: the thread kills and
 * reaps it, retries that record once in a fresh child, and writes an error
 * record naming the plugin, the signal or limit and the input line when
 * the retry fails too. Everything else in the batch goes on in a fresh
 * child, so the output stays one record per line, in input order. */
#ifndef ASSAY_ISOLATION_H
#define ASSAY_ISOLATION_H

#include <stddef.h>

#include "assay/assay.h"
#include "engine/fork_server.h"
#include "util/buffer.h"

typedef struct assay_isolation_limits {
    double record_seconds; /* wall time one record may take; > 0 */
    size_t memory;         /* bytes a child may grow by; 0: no limit */
    unsigned long long part; /* written into every error record */
    int output_fd; /* the host's output, or -1: a child points it at
                      /dev/null, so that a plugin's exit() flushing the
                      copy of the host's buffers cannot write records */
} assay_isolation_limits;

/* One line for a child to evaluate. */
typedef struct assay_isolated_job {
    const char *text;
    size_t len;
    size_t line;
    /* Filled by assay_isolated_run: where its output record (no newline)
     * is in the output buffer, and whether it is an error record. */
    size_t out_off, out_len;
    int is_error;
} assay_isolated_job;

typedef struct assay_isolated assay_isolated;

/* A supervisor for worker w (which it evaluates with, in its children);
 * NULL when out of memory. No child runs until the first job. */
assay_isolated *assay_isolated_new(assay_worker *w,
                                   const assay_isolation_limits *limits);
/* Starts the fork server of isos[0..n) (NULL entries are skipped) and
 * hands it to each. Call it once every supervisor is made and before any
 * other thread starts. NULL with errno when the server cannot start; stop
 * it with assay_fork_server_stop after freeing the supervisors. */
assay_fork_server *assay_isolated_start(assay_isolated **isos, size_t n);

/* Kills and reaps the child, if one runs. */
void assay_isolated_free(assay_isolated *iso);

/* Evaluates jobs[0..n) in children, appending their output records to out
 * back to back, and fills in each job's out_off, out_len and is_error.
 * Never fails: a fault becomes the error record of the line it hit. */
void assay_isolated_run(assay_isolated *iso, assay_isolated_job *jobs,
                        size_t n, assay_buffer *out);

/* Runs fini(instance) of plugin `name` in a child process of its own, so
 * that a crash in it is reported on stderr and does not end this process.
 * The host's own copy of the instance is not finalised: it stays
 * reachable until the process exits (it is about to). Call it with no
 * other thread running. */
void assay_isolated_fini(const char *name, void (*fini)(void *),
                         void *instance);

/* The number of children that were replaced after a fault or at their
 * memory limit, over every supervisor of the process. */
unsigned long assay_isolated_replacements(void);

#endif
