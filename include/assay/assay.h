/*
 * assay embedding API.
 *
 * An engine holds the loaded plugins; it is built once, then read-only. A worker evaluates records one at a time with its
 * own plugin instances and buffers; use one worker per thread. Functions
 * that can fail return 0 on success and non-zero on failure, with a
 * NUL-terminated message of at most err_size bytes in err that says what
 * went wrong, where, and what to do.
 */
#ifndef ASSAY_H
#define ASSAY_H

#include <stddef.h>

#include "assay/plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Marks the functions libassay exports; everything else in it is hidden. */
#if defined(__GNUC__)
#define ASSAY_API __attribute__((visibility("default")))
#else
#define ASSAY_API
#endif

/* The version of assay, "MAJOR.MINOR.PATCH". */
ASSAY_API const char *assay_version(void);

typedef struct assay_engine assay_engine;
typedef struct assay_worker assay_worker;

/* A new engine with no plugins; NULL when out of memory. Free with assay_engine_free after every worker is freed. */
ASSAY_API assay_engine *assay_engine_new(void);
ASSAY_API void assay_engine_free(assay_engine *engine);

/* Sets the configuration (one JSON object, as text) that the plugin named
 * `name` receives in init when it is loaded later; source names where the
 * text came from (a file) in messages. Refuses invalid JSON, with source,
 * line and column in err. A later call for the same name replaces it. */
ASSAY_API int assay_engine_set_plugin_config(assay_engine *engine, const char *name,
                                   const char *config_json,
                                   const char *source, char *err,
                                   size_t err_size);

/* Loads the compiled plugin at path with its configuration (a JSON text, or
 * NULL for the one set for its name, else "{}"): checks its ABI and rules
 * and runs its init once; init's refusal is the error. */
ASSAY_API int assay_engine_load_plugin(assay_engine *engine, const char *path,
                             const char *config_json, char *err,
                             size_t err_size);

/* Loads every plugin under dir (its *.so files and *.lua rule files, and
 * those of its immediate subdirectories, in path order). A directory
 * without plugins is an error; err lists every problem, one a line. */
ASSAY_API int assay_engine_load_plugin_dir(assay_engine *engine, const char *dir,
                                 char *err, size_t err_size);

/* Loads the Lua rule file at path, or every rule file in the directory
 * path (*.lua but *_test.lua; files that declare nothing are helpers).
 * Every problem (syntax, duplicate rule id, bad weight or domain) is
 * listed in err, one a line, as "file:line: what; how to fix". */
ASSAY_API int assay_engine_load_rules(assay_engine *engine, const char *path,
                            char *err, size_t err_size);

/* Limits of each worker's Lua state: memory in bytes, VM instructions per
 * rule call; 0 keeps the default (64 MiB, 1000000). Set them before
 * loading rules. */
ASSAY_API int assay_engine_set_lua_limits(assay_engine *engine, size_t memory,
                                long instructions, char *err,
                                size_t err_size);

/* Which record fields hold the domains a record claims and what it
 * requests (dotted paths such as "application.claims"); NULL keeps the
 * default ("domains", "requests"). A policy's fields {...} names them
 * (docs/policy.md). Set them before creating workers. */
ASSAY_API int assay_engine_set_record_fields(assay_engine *engine, const char *claims,
                                   const char *requests, char *err,
                                   size_t err_size);

/* The directory the shipped plugins were installed in (or built in),
 * found relative to the running executable; NULL when there is none. */
ASSAY_API const char *assay_default_plugin_dir(void);

/* A worker for engine; NULL with a message in err when a plugin instance
 * could not be made. Free with assay_worker_free. */
ASSAY_API assay_worker *assay_worker_new(assay_engine *engine, char *err,
                               size_t err_size);
ASSAY_API void assay_worker_free(assay_worker *worker);

/* Evaluates one input line (a JSON object, len bytes, line number `line`)
 * and returns its scored record (docs/output.md): JSON without a newline,
 * owned by the worker and valid until its next call. Decisions rank a
 * whole batch, so they come from `assay decide` on scored records.
 * *is_error is set to 1 for an error record, else 0. Never fails: bad
 * input yields an error record. */
ASSAY_API const char *assay_worker_evaluate_line(assay_worker *worker,
                                       const char *text, size_t len,
                                       size_t line, size_t *out_len,
                                       int *is_error);

#ifdef __cplusplus
}
#endif

#endif /* ASSAY_H */
