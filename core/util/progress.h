/* The progress line of a batch run on a terminal: records done, records a
 * second, errors so far, elapsed time, and the time left when the input's
 * size is known. Redrawn in place on stderr at most a few times a second. */
#ifndef ASSAY_PROGRESS_H
#define ASSAY_PROGRESS_H

#include <stdio.h>

typedef struct assay_progress {
    FILE *tty;          /* where the line is drawn; NULL: disabled */
    double start, last; /* monotonic seconds */
    unsigned long long total_bytes; /* 0 when unknown (a pipe) */
    int drawn;
} assay_progress;

/* Starts the clock. tty NULL disables every call. total_bytes is the
 * input's size, or 0 when unknown. */
void assay_progress_start(assay_progress *p, FILE *tty,
                          unsigned long long total_bytes);
/* Redraws the line if enough time passed since the last draw. */
void assay_progress_update(assay_progress *p, size_t records, size_t errors,
                           unsigned long long bytes_done);
/* Draws the final figures and ends the line. */
void assay_progress_finish(assay_progress *p, size_t records, size_t errors,
                           unsigned long long bytes_done);

/* Seconds on the monotonic clock. */
double assay_now(void);
/* The monotonic clock in nanoseconds, for timing rules and plugins. */
unsigned long long assay_now_ns(void);

#endif
