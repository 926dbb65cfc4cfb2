/* The engine and worker internals behind <assay/assay.h>. */
#ifndef ASSAY_ENGINE_H
#define ASSAY_ENGINE_H

#include "assay/assay.h"
#include "buffer.h"
#include "plugin_set.h"
#include "record.h"
#include "result.h"
#include "threshold_decision.h"

struct lua_State;

struct assay_engine {
    assay_plugin_set plugins;
    assay_thresholds thresholds;
};

struct assay_worker {
    assay_engine *engine;
    void **instances; /* one per loaded plugin, in load order */
    struct lua_State *lua; /* the worker's Lua state, if any Lua plugin */
    assay_result result;
    assay_buffer out;
    assay_arena record_arena; /* the parse tree of the record at hand */
};

/* Evaluates one line into w->result and appends its output record (no
 * newline) to out. Returns 1 for an error record, else 0. rec is left
 * parsed, as far as parsing got, for the caller to read and then free with
 * assay_record_free; w->result stays valid until the worker's next call. */
int assay_worker_evaluate(assay_worker *w, const char *text, size_t len,
                          size_t line, assay_record *rec, assay_buffer *out);

#endif
