/* The assay command: one function per subcommand, a table to dispatch. */
#ifndef ASSAY_CLI_H
#define ASSAY_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "assay/assay.h"
#include "cli/options.h"
#include "engine/batch.h"
#include "util/atomic_file.h"
#include "util/problems.h"

struct assay_policy;
struct assay_decide_report;
struct assay_run_clock;

/* Exit statuses (docs/output.md). */
enum {
    ASSAY_EXIT_OK = 0,      /* every record evaluated */
    ASSAY_EXIT_RECORDS = 1, /* some records were error records */
    ASSAY_EXIT_USAGE = 2    /* usage or configuration error */
};

/* --allow-error-records, taken by run, score and decide: a command that
 * finished with every record written exits 0 even when some were error
 * records, so that a batch scheduler counts the job done and a dependent
 * decide still runs (docs/batch.md). A run stopped by --max-errors still
 * exits 1: it did not finish. */
enum { ASSAY_OPT_ALLOW_ERROR_RECORDS = 1200 };
/* The status of a command that wrote every record it read (stopped: it
 * stopped early under --max-errors): ASSAY_EXIT_RECORDS when it stopped,
 * or wrote error records and allow_error_records is 0; else
 * ASSAY_EXIT_OK. */
int assay_records_status(size_t error_records, int stopped,
                         int allow_error_records);

/* --reviews FILE and --overrides FILE, taken by decide and run: the review
 * panel's scores (decide/panel.h) and the committee's overrides
 * (decide/overrides.h); docs/office.md. */
enum { ASSAY_OPT_REVIEWS = 1300, ASSAY_OPT_OVERRIDES };
/* The committee's files named by the options above. */
typedef struct assay_committee_options {
    const char *reviews, *overrides;
} assay_committee_options;
struct assay_committee;
/* Reads them into c under p; non-zero after printing why not. */
int assay_cli_committee_load(const assay_committee_options *o,
                             const struct assay_policy *p,
                             struct assay_committee *c);
void assay_cli_committee_free(struct assay_committee *c);

/* "assay: <message>" on stderr, and ASSAY_EXIT_USAGE. */
int assay_usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* Plugin choices shared by every command that loads plugins. */
typedef struct assay_plugin_options {
    const char **plugins; /* --plugin PATH, repeatable */
    size_t plugin_count;
    const char **plugin_dirs; /* --plugin-dir DIR, repeatable */
    size_t plugin_dir_count;
    const char **configs; /* --plugin-config NAME=FILE, repeatable */
    size_t config_count;
    const char **rules; /* --rules PATH, repeatable */
    size_t rule_count;
    const char *lua_memory;       /* --lua-memory BYTES, or NULL */
    const char *lua_instructions; /* --lua-instructions N, or NULL */
    int no_default_plugins; /* --no-default-plugins: not the shipped set */
} assay_plugin_options;

/* The codes of the plugin options (from 1100; the batch options' are from
 * 1000) in assay_plugin_option_table (options.h), so that every command
 * that loads plugins takes the same ones. */
enum {
    ASSAY_OPT_PLUGIN = 1100,
    ASSAY_OPT_PLUGIN_DIR,
    ASSAY_OPT_PLUGIN_CONFIG,
    ASSAY_OPT_RULES,
    ASSAY_OPT_LUA_MEMORY,
    ASSAY_OPT_LUA_INSTRUCTIONS,
    ASSAY_OPT_NO_DEFAULT_PLUGINS
};

/* Records the plugin option c with argument arg; 0 when c is not one. */
int assay_plugin_options_parse(assay_plugin_options *o, int c,
                               const char *arg);
/* Records a --plugin, --plugin-dir or --rules argument. */
void assay_plugin_options_add(const char ***list, size_t *count,
                              const char *value);
void assay_plugin_options_free(assay_plugin_options *o);
/* Sets the Lua limits o names, then loads the shipped plugins and rules
 * (unless --no-default-plugins) and what o names besides, adding every
 * problem found (with file:line for rule files) to problems. Returns the
 * number added. */
size_t assay_plugin_options_collect(const assay_plugin_options *o,
                                    assay_engine *engine,
                                    assay_problems *problems);
/* Reads the configuration files o names, then collects what o names and
 * prints every problem; a configuration no loaded plugin took is an error.
 * On failure returns non-zero. */
int assay_plugin_options_load(const assay_plugin_options *o,
                              assay_engine *engine);

/* The command's standard output as a stream on a private descriptor, with
 * fd 1 pointed at stderr: nothing a plugin writes to fd 1 (or stdout) can
 * reach the records. Call before any plugin loads; NULL after printing
 * why not. The stream is the caller's to fclose. */
FILE *assay_cli_private_stdout(void);

/* Closes a stream assay_cli_private_stdout returned. */
void assay_cli_close_stdout(FILE *out);
/* An output option's value: NULL (stdout) for "-", else path. */
const char *assay_cli_output(const char *path);

/* Flushes the private stdout; non-zero after printing why it failed (a
 * closed pipe, a full disk). */
int assay_cli_flush_stdout(FILE *out);
/* 1 after printing a message when fd 0 was closed at start (`<&-`). */
int assay_cli_stdin_closed(void);
/* First thing in main: opens /dev/null on each of descriptors 0, 1 and 2
 * that is closed, so no file opened later takes one (cli/standard_fds.c). */
void assay_cli_guard_standard_fds(void);
/* 1 if descriptor fd (0, 1 or 2) was closed when assay started. */
int assay_cli_standard_fd_closed(int fd);
/* An unnamed temporary file in $TMPDIR (else /tmp) for a stream that must
 * be read twice; NULL after printing why not. */
FILE *assay_cli_temporary(const char *what);

/* Parses a number option; non-zero (after printing) when it is not one. */
int assay_parse_double(const char *option, const char *text, double *out);
int assay_parse_size(const char *option, const char *text, size_t *out);

/* The policy at path, or the shipped default when path is NULL; NULL
 * after printing why it cannot be used. */
struct assay_policy *assay_cli_load_policy(const char *path);
/* Adds a problem for each domain the engine's plugins declare that the
 * policy does not weigh (and no default_weight covers); returns how
 * many. */
struct assay_engine;
size_t assay_cli_policy_domain_problems(struct assay_policy *p,
                                        const struct assay_engine *engine,
                                        assay_problems *problems);
/* The same, printed as usage errors; non-zero when there were any. */
/* Makes the engine read claims and requests where the policy's
 * fields {...} says; 0, or non-zero after saying why not. */
int assay_cli_use_policy_fields(const struct assay_policy *p,
                                struct assay_engine *engine);

int assay_cli_check_policy_domains(struct assay_policy *p,
                                   const struct assay_engine *engine);
/* Output files, replaced only when complete (util/atomic_file.h). Creates
 * a's temporary file for path and returns its stream, or NULL after
 * printing "cannot create <what><path>: <why>". The path "-" is stdout
 * (the private one once set up), written in place. */
FILE *assay_cli_create(assay_atomic_file *a, const char *what,
                       const char *path);
/* Renames a's file over its target; non-zero after printing why not. */
int assay_cli_commit(assay_atomic_file *a);
/* Checks, before any work, that path (if not NULL) can be created: 0, or
 * non-zero after printing why not. */
int assay_cli_check_writable(const char *what, const char *path);
/* The manifest's path: path, else <output>.manifest.json (in buf) when
 * output is a file, else NULL. */
const char *assay_cli_manifest_path(const char *path, const char *output,
                                    char *buf, size_t size);
/* Writes the summary JSON to path; non-zero after printing a failure. */
int assay_cli_write_summary(const char *path, const struct assay_policy *p,
                            const struct assay_decide_report *r);
/* Writes the manifest to path, or when path is NULL to
 * <output>.manifest.json if output is a file, else nowhere. Non-zero after
 * printing a failure. engine may be NULL. */
int assay_cli_write_manifest(const char *path, const char *output,
                             const assay_engine *engine,
                             const struct assay_policy *p,
                             const char *const *inputs, size_t input_count,
                             const struct assay_decide_report *r,
                             const struct assay_run_clock *clock);

/* The codes of assay_batch_option_table (options.h), the options of every
 * command that evaluates records through a batch run (run, score,
 * profile): each command hands them to assay_batch_option. */
enum {
    ASSAY_OPT_MAX_ERRORS = 1000,
    ASSAY_OPT_MAX_LINE,
    ASSAY_OPT_IN_PROCESS,
    ASSAY_OPT_RECORD_TIMEOUT,
    ASSAY_OPT_WORKER_MEMORY
};

/* The defaults of a command's batch run: a progress line when stderr is a
 * terminal, compiled plugins in supervised worker processes. */
void assay_batch_options_default(assay_batch_options *o);
/* 1 if c was a batch option and is now applied to o, 0 if c is not one,
 * -1 (after printing why) if its value is bad. */
int assay_batch_option(int c, const char *arg, assay_batch_options *o);

/* The commands (cmd_<name>.c), listed in assay_commands. */
extern const assay_command assay_cmd_import;
extern const assay_command assay_cmd_run;
extern const assay_command assay_cmd_score;
extern const assay_command assay_cmd_decide;
extern const assay_command assay_cmd_check;
extern const assay_command assay_cmd_plugins;
extern const assay_command assay_cmd_schema;
extern const assay_command assay_cmd_validate;
extern const assay_command assay_cmd_test;
extern const assay_command assay_cmd_explain;
extern const assay_command assay_cmd_report;
extern const assay_command assay_cmd_diff;
extern const assay_command assay_cmd_letters;
extern const assay_command assay_cmd_profile;
extern const assay_command assay_cmd_stability;
extern const assay_command assay_cmd_calibrate;
extern const assay_command assay_cmd_fmt;
extern const assay_command assay_cmd_help;

#endif
