/* The environment Lua rule files run in. One assay_lua is one sandboxed
 * Lua state (a worker's, or one made for loading or testing) with the rule
 * helpers: clamp, scale, contains, get, veto, flag, type that calls a
 * record a table, rawset that respects frozen globals, and require of
 * helper files from the rule file's own directory. */
#ifndef ASSAY_LUA_ENV_H
#define ASSAY_LUA_ENV_H

#include <stddef.h>

#include "engine/plugin_set.h"
#include "lua/sandbox.h"

typedef struct assay_lua assay_lua;

/* veto and flag report into ctx for rule while a rule runs; the Lua plugin
 * sets both around each call and moves generation on after each record
 * (record proxies of an older generation refuse to be read). */
struct assay_lua {
    assay_sandbox *sb;
    unsigned long generation;    /* moves on after every evaluation */
    assay_ctx *ctx;              /* the evaluation under way, or NULL */
    const assay_rule_info *rule; /* the rule being called */
    int refs;                    /* Lua plugin instances using this state */
};

/* A new state with the rule language in it; NULL (with a message) when
 * the state cannot be made within the memory cap. */
assay_lua *assay_lua_new(const assay_sandbox_limits *limits, char *err,
                         size_t err_size);
void assay_lua_free(assay_lua *lua);
assay_sandbox *assay_lua_sandbox(assay_lua *lua);

/* Pushes a new environment for a file in directory dir: the sandbox's safe
 * globals and the rule helpers (clamp, scale, contains, get, veto, flag,
 * require of helper files in dir). shown_dir is how messages name dir
 * (NULL: dir itself). */
void assay_lua_push_env(assay_lua *lua, const char *dir,
                        const char *shown_dir);

/* Makes the table at idx read-only for later assignments to new keys and
 * for rawset, with a message that says why. */
void assay_lua_freeze(assay_lua *lua, int idx);

/* Loads the Lua text file at path as a function named "@shown" whose _ENV
 * is the table at env, and pushes it; on failure writes the message and
 * pushes nothing. Messages Lua makes then name shown (the path relative to
 * the rule set, the same on every machine). Binary chunks are refused. */
int assay_lua_load_named(assay_lua *lua, const char *path, const char *shown,
                         int env, char *err, size_t err_size);

/* Rewrites a Lua message whose source Lua shortened ("...ins/x.lua:3: m")
 * to name path in full; other messages are copied unchanged. */
void assay_lua_full_source(const char *msg, const char *path, char *out,
                           size_t out_size);

#endif
