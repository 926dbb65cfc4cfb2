/* A sandboxed Lua 5.4 state for rule files and policies.
 *
 * One sandbox is one lua_State with a memory cap (an allocator that counts
 * every block and refuses past the cap) and, for each call made through
 * assay_sandbox_call or assay_sandbox_protect, an instruction budget and a
 * wall-clock deadline. The budget covers everything the call does: VM
 * instructions (a count hook), metamethods the host triggers (the host
 * calls them inside the same protected call), the work of C functions
 * that do much in one instruction (pattern matching, table.move, utf8.len,
 * the rule helpers: each charges assay_sandbox_charge for its work) and
 * the bytes it allocates. The deadline is a last bound for anything else,
 * checked by the hook and by every charge.
 *
 * Code runs in environments made by assay_sandbox_new_env: the safe parts
 * of base, string, table, math and utf8, copied for each environment so
 * one file cannot change another's. Missing on purpose: io, os, debug,
 * package, require, dofile, loadfile, collectgarbage, coroutine,
 * pcall/xpcall (a caught limit error would let a rule run on), print
 * (stdout carries the output records), string.dump, math.random (decisions
 * must be reproducible), getmetatable on strings, and __gc finalizers
 * (setmetatable refuses them: a finalizer runs whenever the collector
 * decides, outside any call's budget and in any rule's name). What rules
 * can see is the same on every run: pairs and next go in a fixed order
 * (numbers, then strings, then booleans, each sorted), tostring and
 * string.format show no addresses (%p is refused). load accepts only text
 * chunks and runs them in the caller's environment.
 *
 * The state has a panic handler: a Lua error raised outside any protected
 * call (a bug in the host) is reported; inside assay_sandbox_guard it
 * fails that work and marks the state lost (every later call fails with
 * the message) instead of aborting the process. */
#ifndef ASSAY_SANDBOX_H
#define ASSAY_SANDBOX_H

#include <stddef.h>

#include <lua.h>

#define ASSAY_DEFAULT_LUA_MEMORY ((size_t)64 << 20) /* bytes per state */
#define ASSAY_DEFAULT_LUA_INSTRUCTIONS 1000000L     /* per call */
#define ASSAY_DEFAULT_LUA_SECONDS 5.0               /* per call */
/* Bytes a file loaded from disk (rule, helper, policy) may have. */
#define ASSAY_SANDBOX_MAX_FILE (4 << 20)

typedef struct assay_sandbox_limits {
    size_t memory;      /* bytes the state may hold; 0: the default */
    long instructions;  /* VM instructions per call; 0: the default */
    double seconds;     /* wall-clock seconds per call; 0: the default */
} assay_sandbox_limits;

typedef struct assay_sandbox assay_sandbox;

/* A new sandbox; NULL (with a message in err) when the state cannot be
 * made within the memory cap. */
assay_sandbox *assay_sandbox_new(const assay_sandbox_limits *limits,
                                 char *err, size_t err_size);
void assay_sandbox_free(assay_sandbox *sb);
lua_State *assay_sandbox_state(assay_sandbox *sb);
/* The sandbox whose state L is. */
assay_sandbox *assay_sandbox_of(lua_State *L);
const assay_sandbox_limits *assay_sandbox_limits_of(const assay_sandbox *sb);

/* Pushes a new environment table holding the safe globals. */
void assay_sandbox_new_env(assay_sandbox *sb);

/* Loads the Lua text file at path as a function whose _ENV is the table at
 * stack index env, and pushes it. Binary chunks are refused. On failure
 * pushes nothing and writes "path:line: message" to err. */
int assay_sandbox_load_file(assay_sandbox *sb, const char *path, int env,
                            char *err, size_t err_size);
/* The same under the chunk name chunkname ("@shown": messages name shown).
 * Only a regular file is read (a FIFO or device is refused without
 * blocking), and only up to ASSAY_SANDBOX_MAX_FILE bytes. */
int assay_sandbox_load_file_as(assay_sandbox *sb, const char *path,
                               const char *chunkname, int env, char *err,
                               size_t err_size);
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

/* Calls fn(L) with ud as its only argument (a light userdata) in a
 * protected call under the same budget as assay_sandbox_call: for host
 * work that touches values from Lua code (their metamethods then run
 * under the budget) or allocates in the state. Returns 0, or non-zero with
 * the message in err. Leaves the stack as it was. */
int assay_sandbox_protect(assay_sandbox *sb, lua_CFunction fn, void *ud,
                          char *err, size_t err_size);

/* Runs work(ud) as host code that may use the state outside a protected
 * call. Should Lua raise an error there anyway, the panic handler returns
 * here: the state is marked lost, err says why and 1 is returned. */
int assay_sandbox_guard(assay_sandbox *sb, void (*work)(void *), void *ud,
                        char *err, size_t err_size);

/* 1 once the state is lost (see assay_sandbox_guard). */
int assay_sandbox_lost(const assay_sandbox *sb);

/* Charges n instructions of work done in C to the running call's budget;
 * raises the budget (or deadline) error, naming what, when it runs out.
 * For C functions that do work in proportion to their input. Outside a
 * call it does nothing. */
void assay_sandbox_charge(lua_State *L, long n, const char *what);

/* 1 if f is one of the sandbox's iterators that keep their position
 * (those of pairs and string.gmatch): a file may not keep one made while
 * it loaded, or a record would see where the one before stopped. */
int assay_sandbox_is_iterator(lua_CFunction f);

/* Describes the value at idx for a message, calling no metamethod and
 * allocating nothing in the state (so it never raises): strings (a NUL
 * shown as "?"), numbers and booleans as they are, other values by their
 * type name, never an address. Returns buf. */
const char *assay_sandbox_describe(lua_State *L, int idx, char *buf,
                                   size_t size);

/* Bytes the state holds now, and the most it has held. */
size_t assay_sandbox_memory_used(const assay_sandbox *sb);
size_t assay_sandbox_memory_peak(const assay_sandbox *sb);

#endif
