/* A sandboxed Lua 5.4 state for rule files and policies.
 *
 * One sandbox is one lua_State with a memory cap (an allocator that counts
 * every block and refuses past the cap) and an instruction budget for each
 * call made through assay_sandbox_call. Code runs in environments made by
 * assay_sandbox_new_env: the safe parts of base, string, table, math and
 * utf8, copied for each environment so one file cannot change another's.
 * Missing on purpose: io, os, debug, package, require, dofile, loadfile,
 * collectgarbage, coroutine, pcall/xpcall (a caught limit error would let a
 * rule run on), print (stdout carries the output records), string.dump,
 * math.random (decisions must be reproducible), and getmetatable on strings.
 * load accepts only text chunks and runs them in the caller's environment. */
#ifndef ASSAY_SANDBOX_H
#define ASSAY_SANDBOX_H

#include <stddef.h>

#include <lua.h>

#define ASSAY_DEFAULT_LUA_MEMORY ((size_t)64 << 20) /* bytes per state */
#define ASSAY_DEFAULT_LUA_INSTRUCTIONS 1000000L     /* per call */

typedef struct assay_sandbox_limits {
    size_t memory;      /* bytes the state may hold; 0: the default */
    long instructions;  /* VM instructions per call; 0: the default */
} assay_sandbox_limits;

typedef struct assay_sandbox assay_sandbox;

/* A new sandbox; NULL (with a message in err) when the state cannot be
 * made within the memory cap. */
assay_sandbox *assay_sandbox_new(const assay_sandbox_limits *limits,
                                 char *err, size_t err_size);
void assay_sandbox_free(assay_sandbox *sb);
lua_State *assay_sandbox_state(assay_sandbox *sb);
const assay_sandbox_limits *assay_sandbox_limits_of(const assay_sandbox *sb);

/* Pushes a new environment table holding the safe globals. */
void assay_sandbox_new_env(assay_sandbox *sb);

/* Loads the Lua text file at path as a function whose _ENV is the table at
 * stack index env, and pushes it. Binary chunks are refused. On failure
 * pushes nothing and writes "path:line: message" to err. */
int assay_sandbox_load_file(assay_sandbox *sb, const char *path, int env,
                            char *err, size_t err_size);
/* The same for a string chunk named chunkname (as in lua_load). */
int assay_sandbox_load_string(assay_sandbox *sb, const char *code,
                              size_t len, const char *chunkname, int env,
                              char *err, size_t err_size);

/* Calls the function below nargs arguments on the stack, like lua_pcall,
 * under the instruction budget. On failure pops the function and
 * arguments, writes the error (with the file and line where it was raised
 * when known) to err and returns non-zero; the state stays usable. */
int assay_sandbox_call(assay_sandbox *sb, int nargs, int nresults, char *err,
                       size_t err_size);

/* Bytes the state holds now, and the most it has held. */
size_t assay_sandbox_memory_used(const assay_sandbox *sb);
size_t assay_sandbox_memory_peak(const assay_sandbox *sb);

#endif
