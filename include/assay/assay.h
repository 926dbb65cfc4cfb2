/*
 * assay embedding API (docs/embedding.md).
 *
 * Scoring: an engine holds the loaded plugins; it is built once, then
 * read-only. A worker evaluates records one at a time with its own plugin
 * instances and buffers; use one worker per thread. Deciding: a policy
 * ranks a whole batch of scored records and gives each its decision.
 *
 * Functions that can fail return 0 (or a non-NULL object) on success and
 * non-zero (or NULL) on failure, with a NUL-terminated message of at most
 * err_size bytes in err that says what went wrong, where, and what to do;
 * the messages name this API's functions, not the assay command's
 * options. Running out of memory while evaluating or deciding may abort
 * the process (libassay's arenas do).
 * Nothing here prints but the plugins' log lines, which go to stderr
 * unless assay_engine_set_log sends them elsewhere. Every *_free function
 * accepts NULL.
 *
 * libassay leaves process-wide state alone: in particular it never
 * replaces cJSON's allocator (cJSON_InitHooks), so a program may use cJSON
 * itself, with hooks of its own.
 */
#ifndef ASSAY_H
#define ASSAY_H

#include <stddef.h>
#include <stdio.h>

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

/* ---- scoring --------------------------------------------------------- */

typedef struct assay_engine assay_engine;
typedef struct assay_worker assay_worker;

/* A new engine with no plugins; NULL when out of memory. Free with
 * assay_engine_free after every worker is freed. */
ASSAY_API assay_engine *assay_engine_new(void);
ASSAY_API void assay_engine_free(assay_engine *engine);

/* Receives a plugin's log line (assay_host.log): the plugin's name, the
 * input line it was evaluating (0 outside an evaluation, as in init), the
 * level and the message. */
typedef void (*assay_log_fn)(void *user, const char *plugin, size_t line,
                             assay_log_level level, const char *message);

/* Sends the log lines of engine's plugins to fn, with user, instead of
 * stderr (where they read "assay: PLUGIN: line N: LEVEL: MESSAGE"); fn
 * NULL restores stderr. Set it before loading plugins so that what their
 * init logs reaches it too. fn runs on the thread that evaluates: with
 * workers on several threads it must be thread-safe. */
ASSAY_API void assay_engine_set_log(assay_engine *engine, assay_log_fn fn,
                                    void *user);

/* Sets the configuration (one JSON object, as text) that the plugin named
 * `name` receives in init when it is loaded later; source names where the
 * text came from (a file) in messages. Refuses invalid JSON, with source,
 * line and column in err. A later call for the same name replaces it. */
ASSAY_API int assay_engine_set_plugin_config(assay_engine *engine,
                                             const char *name,
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
ASSAY_API int assay_engine_load_plugin_dir(assay_engine *engine,
                                           const char *dir, char *err,
                                           size_t err_size);

/* Loads the Lua rule file at path, or every rule file in the directory
 * path (*.lua but *_test.lua; files that declare nothing are helpers).
 * Every problem (syntax, duplicate rule id, bad weight or domain) is
 * listed in err, one a line, as "file:line: what; how to fix". */
ASSAY_API int assay_engine_load_rules(assay_engine *engine, const char *path,
                                      char *err, size_t err_size);

/* Limits of each worker's Lua state: memory in bytes, VM instructions per
 * rule call; 0 keeps the default (64 MiB, 1000000). Set them before
 * loading rules. */
ASSAY_API int assay_engine_set_lua_limits(assay_engine *engine,
                                          size_t memory, long instructions,
                                          char *err, size_t err_size);

/* Which record fields hold the domains a record claims and what it
 * requests (dotted paths such as "application.claims"); NULL keeps the
 * default ("domains", "requests"). A policy's fields {...} names them
 * (docs/policy.md). Set them before creating workers. */
ASSAY_API int assay_engine_set_record_fields(assay_engine *engine,
                                             const char *claims,
                                             const char *requests, char *err,
                                             size_t err_size);

/* The directory the shipped plugins were installed in (or built in),
 * found relative to the running executable: the assay command's. NULL in
 * a program that is not installed beside them, as an embedding program
 * usually is not; load its plugins by path then. */
ASSAY_API const char *assay_default_plugin_dir(void);

/* A worker for engine; NULL with a message in err when a plugin instance
 * could not be made, or when engine has no plugins (every record would
 * score "ok" with no findings, which reads as a verdict). Free with
 * assay_worker_free. */
ASSAY_API assay_worker *assay_worker_new(assay_engine *engine, char *err,
                                         size_t err_size);
ASSAY_API void assay_worker_free(assay_worker *worker);

/* Evaluates one input line (a JSON object, len bytes, line number `line`)
 * and returns its scored record (docs/output.md): JSON without a newline,
 * owned by the worker and valid until its next call. Decisions rank a
 * whole batch, so they come from assay_decide_text on scored records.
 * *is_error is set to 1 for an error record, else 0. Never fails: bad
 * input yields an error record. */
ASSAY_API const char *assay_worker_evaluate_line(assay_worker *worker,
                                                 const char *text, size_t len,
                                                 size_t line, size_t *out_len,
                                                 int *is_error);

/* ---- deciding -------------------------------------------------------- */

typedef struct assay_policy assay_policy;

/* Loads and checks the policy file at path (docs/policy.md); NULL with
 * "path:line: what is wrong" (or "path: cannot open: why") in err. A
 * policy decides one batch at a time: a Lua strategy runs in its own Lua
 * state. Free with assay_policy_free. */
ASSAY_API assay_policy *assay_policy_load(const char *path, char *err,
                                          size_t err_size);
/* The same for a policy given as text (len bytes); name stands for the
 * file in messages. */
ASSAY_API assay_policy *assay_policy_load_text(const char *text, size_t len,
                                               const char *name, char *err,
                                               size_t err_size);
ASSAY_API void assay_policy_free(assay_policy *policy);

/* One record's decision: the fields of its decision record
 * (docs/output.md) that a program acts on, and the record itself. Every
 * string is owned by the assay_decisions it came from. libassay makes
 * these, never the program, so later versions may append fields. */
typedef struct assay_decision {
    const char *id;       /* NULL for an error record that had none */
    size_t line;          /* the scored record's input line */
    const char *decision; /* a tier's name, "waitlist", "review", "reject",
                             or "error" for an error record */
    size_t rank;          /* 1 for the best score; 0 for an error record */
    double score;         /* the overall score; NaN when there is none (an
                             error record, or no rule applied to it) */
    const char *why;      /* the explanation ("Ranked 1 of 5 with score
                             0.9: given seed, seat 1 of 1."), or an error
                             record's error */
    const char *json;     /* the decision record, without a newline */
    size_t json_len;
} assay_decision;

typedef struct assay_decisions assay_decisions;

/* Decides the scored records in text (len bytes, one a line, as
 * assay_worker_evaluate_line or assay score write them) together under
 * policy: ranks them, fills the tiers and gives each record its decision,
 * in input order. name stands for the input in messages. NULL, with the
 * reason in err, when a line is not a scored record, two records share a
 * line number, or the temporary file the records wait in (tmpfile(3))
 * cannot be written; an error record is not a failure (it is decided
 * "error"). Free the result with assay_decisions_free. */
ASSAY_API assay_decisions *assay_decide_text(assay_policy *policy,
                                             const char *text, size_t len,
                                             const char *name, char *err,
                                             size_t err_size);
/* The same for scored records read from in, from its current position to
 * its end. */
ASSAY_API assay_decisions *assay_decide_file(assay_policy *policy, FILE *in,
                                             const char *name, char *err,
                                             size_t err_size);
/* How many decisions there are (one a scored record) and the one at
 * index i (input order), owned by decisions; NULL past the end. */
ASSAY_API size_t assay_decisions_count(const assay_decisions *decisions);
ASSAY_API const assay_decision *
assay_decisions_at(const assay_decisions *decisions, size_t i);
ASSAY_API void assay_decisions_free(assay_decisions *decisions);

#ifdef __cplusplus
}
#endif

#endif /* ASSAY_H */
