/* The run manifest: what a run used and produced, for an audit. It holds
 * the assay and ABI versions, the SHA-256 of every plugin and rule file,
 * of the policy and of each input, the counts per decision and the
 * timings. Timings live here and never in decision records, so that
 * reruns give byte-identical decisions. */
#ifndef ASSAY_MANIFEST_H
#define ASSAY_MANIFEST_H

#include <stdio.h>
#include <time.h>

#include "assay/assay.h"
#include "decide/decide.h"
#include "decide/policy.h"

/* Wall-clock phases of a run, in seconds. */
typedef struct assay_run_clock {
    struct timespec start, last;
    const char *names[4];
    double seconds[4];
    int count;
} assay_run_clock;

void assay_run_clock_start(assay_run_clock *c);
/* Records the time since the previous lap (or the start) as phase name. */
void assay_run_clock_lap(assay_run_clock *c, const char *name);

/* {"path":...,"sha256":...} of the file at path, for the manifests of
 * the analyses (stability, calibrate); sha256 is null for "-" (stdin) or
 * a file that cannot be read again. */
struct assay_buffer;
void assay_manifest_file(struct assay_buffer *b, const char *path);

/* Writes the manifest JSON. engine may be NULL (assay decide loads no
 * plugins); an input named "-" (stdin) cannot be read twice and gets a
 * null sha256. Returns 0, or non-zero with the reason in err. */
int assay_manifest_write(FILE *out, const assay_engine *engine,
                         const assay_policy *p, const char *const *inputs,
                         size_t input_count, const assay_decide_report *r,
                         const assay_run_clock *clock, char *err,
                         size_t err_size);

#endif
