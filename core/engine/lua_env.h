/* The environment Lua rule files run in. One assay_lua is one sandboxed
 * Lua state (a worker's, or one made for loading or testing) with the rule
 * helpers: clamp, scale, contains, get, veto, flag, type that calls a
 * record a table, and require of helper files from the rule file's own
 * directory. Once a file has run, everything it can reach is frozen
 * (lua/lua_frozen.h): globals, its tables, its copies of the libraries and
 * the helper modules it required. */
#ifndef ASSAY_LUA_ENV_H
#define ASSAY_LUA_ENV_H

#include <stddef.h>

#include "engine/plugin_set.h"
#include "lua/lua_frozen.h"
#include "lua/sandbox.h"

/* At most this many vetoes and flags per rule call, and this many bytes of
 * each reason (longer ones are cut, with "..." at the end). */
#define ASSAY_LUA_MAX_MARKS 64
#define ASSAY_LUA_MAX_REASON 1024
/* Bytes a rule or helper file may have. */
#define ASSAY_LUA_MAX_FILE ASSAY_SANDBOX_MAX_FILE

typedef struct assay_lua assay_lua;

/* A veto or flag a rule call made, kept until the call has succeeded. */
typedef struct assay_lua_mark {
    int veto;
    char reason[ASSAY_LUA_MAX_REASON + 4];
} assay_lua_mark;

/* veto and flag are taken while ctx is set (the Lua plugin sets it around
 * each rule call) into marks; assay_lua_commit_marks files them under the
 * rule whose call made them, once that call has succeeded. generation
 * moves on after each record (record proxies of an older generation
 * refuse to be read). */
struct assay_lua {
    assay_sandbox *sb;
    unsigned long generation;    /* moves on after every evaluation */
    assay_ctx *ctx;              /* the evaluation under way, or NULL */
    assay_lua_mark marks[ASSAY_LUA_MAX_MARKS];
    size_t mark_count;           /* marks of the call under way */
    assay_frozen_upvalues *upvalues; /* the running file's: where require
                                        adds the file-level locals of the
                                        helpers it loads */
    int refs;                    /* Lua plugin instances using this state */
};

/* Files the marks of the call that just succeeded under rule, and forgets
 * them; assay_lua_drop_marks forgets those of a call that failed. */
void assay_lua_commit_marks(assay_lua *lua, const assay_rule_info *rule);
void assay_lua_drop_marks(assay_lua *lua);

/* Copies a reason for the host: NUL bytes shown as "?", cut to
 * ASSAY_LUA_MAX_REASON bytes (at a character boundary) with "...". */
void assay_lua_clean_reason(const char *s, size_t len, char *out,
                            size_t out_size);

/* A new state with the rule language in it; NULL (with a message) when
 * the state cannot be made within the memory cap. */
assay_lua *assay_lua_new(const assay_sandbox_limits *limits, char *err,
                         size_t err_size);
void assay_lua_free(assay_lua *lua);
assay_sandbox *assay_lua_sandbox(assay_lua *lua);

/* Pushes a new environment (call it inside a protected call) for a file in directory dir: the sandbox's safe
 * globals and the rule helpers (clamp, scale, contains, get, veto, flag,
 * require of helper files in dir). shown_dir is how messages name dir
 * (NULL: dir itself). */
void assay_lua_push_env(assay_lua *lua, const char *dir,
                        const char *shown_dir);

/* Freezes the value at idx and everything it reaches (lua/lua_frozen.h),
 * adding the upvalues found to upvalues (NULL: not kept). An environment
 * refuses writes with a message about globals. Raises Lua errors (budget,
 * memory): call it inside a protected call. */
void assay_lua_freeze(assay_lua *lua, int idx,
                      assay_frozen_upvalues *upvalues);

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
