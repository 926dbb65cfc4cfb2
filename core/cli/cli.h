/* The assay command: one function per subcommand, a table to dispatch. */
#ifndef ASSAY_CLI_H
#define ASSAY_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "assay/assay.h"
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
#define ASSAY_EXIT_LONGOPTS                                                  \
    {"allow-error-records", no_argument, NULL, ASSAY_OPT_ALLOW_ERROR_RECORDS}
#define ASSAY_EXIT_HELP                                                      \
    "      --allow-error-records\n"                                          \
    "                         exit 0, not 1, when every record was written\n" \
    "                         but some were error records (for schedulers)\n"
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
#define ASSAY_COMMITTEE_LONGOPTS                                             \
    {"reviews", required_argument, NULL, ASSAY_OPT_REVIEWS},                 \
        {"overrides", required_argument, NULL, ASSAY_OPT_OVERRIDES}
#define ASSAY_COMMITTEE_HELP                                                 \
    "      --reviews FILE     the review panel's scores (CSV or JSON Lines:\n" \
    "                         reviewer, id, score, criterion, comment,\n"   \
    "                         conflict), under the policy's panel {...}\n" \
    "      --overrides FILE   the committee's decisions in assay's place\n" \
    "                         (CSV or JSON Lines: id, decision, reason,\n" \
    "                         who, when), applied after the allocation\n"
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

typedef struct assay_command {
    const char *name;
    const char *summary;
    int (*main)(int argc, char **argv); /* argv[0] is the command name */
} assay_command;

/* Every subcommand, in the order `assay --help` lists them. */
extern const assay_command assay_commands[];
extern const size_t assay_command_count;

/* getopt_long's complaint about `option` in `assay <command>`: for c ':'
 * "option X needs a value", else "unknown option X", each pointing at
 * `assay <command> --help`. Returns ASSAY_EXIT_USAGE. */
int assay_option_error(const char *command, int c, const char *option);

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
} assay_plugin_options;

/* The plugin options' getopt codes (from 1100; the batch options' are from
 * 1000), long options and help lines, so that every command that loads
 * plugins takes the same ones. */
enum {
    ASSAY_OPT_PLUGIN = 1100,
    ASSAY_OPT_PLUGIN_DIR,
    ASSAY_OPT_PLUGIN_CONFIG,
    ASSAY_OPT_RULES,
    ASSAY_OPT_LUA_MEMORY,
    ASSAY_OPT_LUA_INSTRUCTIONS
};
#define ASSAY_PLUGIN_LONGOPTS                                                \
    {"plugin", required_argument, NULL, ASSAY_OPT_PLUGIN},                   \
        {"plugin-dir", required_argument, NULL, ASSAY_OPT_PLUGIN_DIR},       \
        {"plugin-config", required_argument, NULL, ASSAY_OPT_PLUGIN_CONFIG}, \
        {"rules", required_argument, NULL, ASSAY_OPT_RULES},                 \
        {"lua-memory", required_argument, NULL, ASSAY_OPT_LUA_MEMORY},       \
        {"lua-instructions", required_argument, NULL,                        \
         ASSAY_OPT_LUA_INSTRUCTIONS}
#define ASSAY_PLUGIN_OPTIONS_HELP                                            \
    "      --plugin PATH      load this compiled plugin (repeatable)\n"      \
    "      --plugin-dir DIR   load every plugin in DIR and its subdirectories\n" \
    "                         (*.so and *.lua rule files; repeatable)\n"     \
    "      --rules PATH       load a Lua rule file, or the rule files of a\n" \
    "                         directory (repeatable)\n"                      \
    "                         (with none of these three: the shipped\n"     \
    "                         plugins and rules)\n"                          \
    "      --plugin-config NAME=FILE\n"                                      \
    "                         give plugin NAME the JSON object in FILE as\n" \
    "                         its configuration (repeatable)\n"          \
    "      --lua-memory BYTES memory cap of each worker's Lua state\n"       \
    "                         (default 67108864)\n"                          \
    "      --lua-instructions N\n"                                          \
    "                         instruction budget of each Lua rule call\n"   \
    "                         (default 1000000)\n"

/* Records the plugin option c with argument arg; 0 when c is not one. */
int assay_plugin_options_parse(assay_plugin_options *o, int c,
                               const char *arg);
/* Records a --plugin, --plugin-dir or --rules argument. */
void assay_plugin_options_add(const char ***list, size_t *count,
                              const char *value);
void assay_plugin_options_free(assay_plugin_options *o);
/* Sets the Lua limits o names, then loads what o names, or the shipped
 * plugins and rules when it names none, adding every problem found (with
 * file:line for rule files) to problems. Returns the number added. */
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

/* Flushes the private stdout; non-zero after printing why it failed (a
 * closed pipe, a full disk). */
int assay_cli_flush_stdout(FILE *out);
/* 1 after printing a message when fd 0 is closed (`<&-`): reading "-"
 * would read whatever file next takes descriptor 0. */
int assay_cli_stdin_closed(void);
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
 * printing "cannot create <what><path>: <why>". */
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

/* Options of every command that evaluates records through a batch run
 * (run, score): put ASSAY_BATCH_LONGOPTS in the getopt_long table and
 * ASSAY_BATCH_SHORTOPTS in its short option string, and hand each option
 * to assay_batch_option. */
enum {
    ASSAY_OPT_MAX_ERRORS = 1000,
    ASSAY_OPT_MAX_LINE,
    ASSAY_OPT_IN_PROCESS,
    ASSAY_OPT_RECORD_TIMEOUT,
    ASSAY_OPT_WORKER_MEMORY
};
#define ASSAY_BATCH_SHORTOPTS "j:q"
#define ASSAY_BATCH_LONGOPTS                                                 \
    {"jobs", required_argument, NULL, 'j'},                                  \
        {"quiet", no_argument, NULL, 'q'},                                   \
        {"max-errors", required_argument, NULL, ASSAY_OPT_MAX_ERRORS},       \
        {"max-line-bytes", required_argument, NULL, ASSAY_OPT_MAX_LINE},     \
        {"in-process", no_argument, NULL, ASSAY_OPT_IN_PROCESS},             \
        {"record-timeout", required_argument, NULL,                          \
         ASSAY_OPT_RECORD_TIMEOUT},                                          \
        {"worker-memory", required_argument, NULL, ASSAY_OPT_WORKER_MEMORY}
#define ASSAY_BATCH_HELP                                                     \
    "  -j, --jobs N           worker threads (default: one per processor);\n" \
    "                         output is the same for every N\n"             \
    "  -q, --quiet            no progress line on stderr (there is none\n"  \
    "                         anyway when stderr is not a terminal)\n"      \
    "      --max-errors N     stop after more than N error records, with\n" \
    "                         every record before written (exit 1)\n"       \
    "      --max-line-bytes N longest input line (default 1048576); a\n"    \
    "                         longer one becomes an error record\n"      \
    "      --record-timeout S seconds a compiled plugin may take on one\n"  \
    "                         record (default 10); past it, an error record\n" \
    "      --worker-memory BYTES\n"                                        \
    "                         memory a plugin worker process may grow by\n" \
    "                         before it is replaced (default 1073741824)\n" \
    "      --in-process       run compiled plugins inside this process, not\n" \
    "                         in supervised worker processes: a crash then\n" \
    "                         ends the run (for debuggers)\n"

/* The defaults of a command's batch run: a progress line when stderr is a
 * terminal, compiled plugins in supervised worker processes. */
void assay_batch_options_default(assay_batch_options *o);
/* 1 if c was a batch option and is now applied to o, 0 if c is not one,
 * -1 (after printing why) if its value is bad. */
int assay_batch_option(int c, const char *arg, assay_batch_options *o);

int assay_cmd_import(int argc, char **argv);
int assay_cmd_run(int argc, char **argv);
int assay_cmd_score(int argc, char **argv);
int assay_cmd_decide(int argc, char **argv);
int assay_cmd_check(int argc, char **argv);
int assay_cmd_plugins(int argc, char **argv);
int assay_cmd_schema(int argc, char **argv);
int assay_cmd_validate(int argc, char **argv);
int assay_cmd_test(int argc, char **argv);
int assay_cmd_check(int argc, char **argv);
int assay_cmd_explain(int argc, char **argv);
int assay_cmd_report(int argc, char **argv);
int assay_cmd_diff(int argc, char **argv);
int assay_cmd_letters(int argc, char **argv);
int assay_cmd_profile(int argc, char **argv);
int assay_cmd_stability(int argc, char **argv);
int assay_cmd_calibrate(int argc, char **argv);

#endif
