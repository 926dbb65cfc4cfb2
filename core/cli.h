/* The assay command: one function per subcommand, a table to dispatch. */
#ifndef ASSAY_CLI_H
#define ASSAY_CLI_H

#include <stddef.h>

#include "assay/assay.h"

/* Exit statuses (docs/output.md). */
enum {
    ASSAY_EXIT_OK = 0,      /* every record evaluated */
    ASSAY_EXIT_RECORDS = 1, /* some records were error records */
    ASSAY_EXIT_USAGE = 2    /* usage or configuration error */
};

typedef struct assay_command {
    const char *name;
    const char *summary;
    int (*main)(int argc, char **argv); /* argv[0] is the command name */
} assay_command;

/* Every subcommand, in the order `assay --help` lists them. */
extern const assay_command assay_commands[];
extern const size_t assay_command_count;

/* "assay: <message>" on stderr, and ASSAY_EXIT_USAGE. */
int assay_usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* Plugin choices shared by every command that loads plugins. */
typedef struct assay_plugin_options {
    const char **plugins; /* --plugin PATH, repeatable */
    size_t plugin_count;
    const char **plugin_dirs; /* --plugin-dir DIR, repeatable */
    size_t plugin_dir_count;
} assay_plugin_options;

/* Records a --plugin or --plugin-dir argument. */
void assay_plugin_options_add(const char ***list, size_t *count,
                              const char *value);
void assay_plugin_options_free(assay_plugin_options *o);
/* Loads what o names, or the shipped plugins when it names nothing. On
 * failure prints the reason and returns non-zero. */
int assay_plugin_options_load(const assay_plugin_options *o,
                              assay_engine *engine);

/* Parses a number option; non-zero (after printing) when it is not one. */
int assay_parse_double(const char *option, const char *text, double *out);
int assay_parse_size(const char *option, const char *text, size_t *out);

int assay_cmd_run(int argc, char **argv);
int assay_cmd_report(int argc, char **argv);

typedef struct assay_report assay_report;
/* Writes a finished report as HTML to html and as CSV to csv (either may
 * be NULL), after printing its warnings on stderr. Non-zero (after
 * printing why) when a file cannot be written. */
int assay_report_write(assay_report *r, const char *html, const char *csv);

#endif
