/* The engine and worker internals behind <assay/assay.h>. */
#ifndef ASSAY_ENGINE_H
#define ASSAY_ENGINE_H

#include "assay/assay.h"
#include "util/buffer.h"
#include "engine/fingerprint.h"
#include "engine/plugin_set.h"
#include "util/problems.h"
#include "engine/record.h"
#include "engine/record_fields.h"
#include "engine/result.h"
#include "lua/sandbox.h"

struct assay_engine {
    assay_plugin_set plugins;
    assay_sandbox_limits lua_limits; /* for each Lua state: one per rule
                                        file and worker */
    /* Where records keep their claims and requests; the strings are the
     * engine's own copies, or the defaults' static ones. */
    assay_record_fields fields;
    char *claims_field, *requests_field;
};

struct assay_worker {
    assay_engine *engine;
    void **instances; /* one per loaded plugin, in load order */
    assay_result result;
    assay_buffer out;
    unsigned long long part; /* written into each scored record */
    char fingerprint[ASSAY_FINGERPRINT_DIGITS + 1]; /* the plugin set's,
                                                       written there too */
    assay_arena record_arena; /* the parse tree of the record at hand */
    volatile int *plugin_at; /* in a worker process: where to note the
                                plugin being called, for its supervisor */
    /* Profiling (assay profile), else NULL: nanoseconds spent in each
     * plugin (load order) and in each rule (load order, a plugin's rules
     * after the previous plugin's). */
    unsigned long long *plugin_ns, *rule_ns;
};

/* Loads every plugin under dir (its *.so and *.lua rule files and those of
 * its immediate subdirectories, in path order), going on past a failure so
 * every problem is reported. Returns the number of problems added. */
size_t assay_engine_scan_plugin_dir(assay_engine *engine, const char *dir,
                                    assay_problems *problems);

/* Evaluates one line into w->result and appends its output record (no
 * newline) to out. Returns 1 for an error record, else 0. rec is left
 * parsed, as far as parsing got, for the caller to read and then free with
 * assay_record_free; w->result stays valid until the worker's next call. */
int assay_worker_evaluate(assay_worker *w, const char *text, size_t len,
                          size_t line, assay_record *rec, assay_buffer *out);

#endif
