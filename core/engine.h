/* The engine and worker internals behind <assay/assay.h>. */
#ifndef ASSAY_ENGINE_H
#define ASSAY_ENGINE_H

#include "assay/assay.h"
#include "buffer.h"
#include "plugin_set.h"
#include "result.h"

struct lua_State;

struct assay_engine {
    assay_plugin_set plugins;
};

struct assay_worker {
    assay_engine *engine;
    void **instances; /* one per loaded plugin, in load order */
    struct lua_State *lua; /* the worker's Lua state, if any Lua plugin */
    assay_result result;
    assay_buffer out;
    unsigned long long part; /* written into each scored record */
};

#endif
