/* The one description of each command: its synopsis, what it does, its
 * options (with their getopt codes, value names and help) and its exit
 * status. The parser, --help, the man pages and the shell completions are
 * all made from it, so none of them can disagree with another. */
#ifndef ASSAY_CLI_OPTIONS_H
#define ASSAY_CLI_OPTIONS_H

#include <getopt.h>
#include <stdio.h>

/* One option. A table of them ends with an entry whose name is NULL. */
typedef struct assay_option {
    const char *name;  /* the long name, without "--" */
    int code;          /* what assay_options_next returns: the short
                          option's letter when it has one, else 256 up */
    const char *value; /* the value's name in help ("FILE"), NULL when it
                          takes none; FILE, PATH and DIR complete as paths */
    const char *help;  /* what it does, one paragraph, wrapped on output */
} assay_option;

/* The options every command that loads plugins takes (cli.h's
 * assay_plugin_options_parse reads them), every batch run's, the
 * committee's files and --allow-error-records. */
extern const assay_option assay_plugin_option_table[];
extern const assay_option assay_batch_option_table[];
extern const assay_option assay_committee_option_table[];
extern const assay_option assay_exit_option_table[];
/* -h/--help and -V/--version: every command takes them, answered by
 * assay_options_next. */
extern const assay_option assay_builtin_option_table[];

/* 1 when code is a short option's letter. */
int assay_option_is_short(int code);

typedef struct assay_command {
    const char *name;
    const char *summary; /* one line, for `assay --help` and NAME */
    const char *synopsis; /* what follows "assay NAME", one line a form */
    const char *description; /* paragraphs, as printed by --help */
    const assay_option *const *options; /* tables in help order, NULL
                                           ends; -h and -V are added */
    const char *exit_status; /* the paragraph that ends --help */
    int (*main)(int argc, char **argv); /* argv[0] is the command name */
} assay_command;

/* Every subcommand, in the order `assay --help` lists them. */
extern const assay_command *const assay_commands[];
extern const size_t assay_command_count;

/* The command named name, or NULL. */
const assay_command *assay_command_find(const char *name);

/* ---- parsing ---------------------------------------------------------- */

/* The most options one command takes, with -h and -V. */
#define ASSAY_OPTIONS_MAX 64

/* A parse of one command's arguments with getopt_long. */
typedef struct assay_options {
    const assay_command *command;
    int argc;
    char **argv;
    const char *arg; /* the value of the option just returned, or NULL */
    int index;       /* once the parse has ended: the first operand */
    int status;      /* after ASSAY_OPTIONS_STOP: the command's exit
                        status */
    struct option longopts[ASSAY_OPTIONS_MAX + 1];
    char shortopts[2 * ASSAY_OPTIONS_MAX + 2];
} assay_options;

enum {
    ASSAY_OPTIONS_END = -1, /* no option left: operands from index */
    ASSAY_OPTIONS_STOP = -2 /* help or version printed (status 0), or a
                               usage error printed (status 2): return
                               status */
};

/* Starts parsing argv (argv[0] the command name) for command. */
void assay_options_begin(assay_options *o, const assay_command *command,
                         int argc, char **argv);
/* The code of the next option, with its value in o->arg, or
 * ASSAY_OPTIONS_END, or ASSAY_OPTIONS_STOP. Answers -h/--help and
 * -V/--version itself; an unknown option or a missing value is a usage
 * error that names the nearest option ("did you mean"). */
int assay_options_next(assay_options *o);

/* "unknown option X", with the nearest option of command when one is
 * close, pointing at `assay <command> --help`. Returns 2. */
int assay_options_unknown(const assay_command *command, const char *option);

/* "assay X.Y.Z (plugin ABI N)" and a newline on out. */
void assay_print_version(FILE *out);

/* ---- what is made from the table -------------------------------------- */

/* `assay --help`: the commands and their summaries. */
void assay_main_help(FILE *out);
/* `assay COMMAND --help`. */
void assay_command_help(const assay_command *c, FILE *out);
/* The roff man page assay-NAME(1), or assay(1) when c is NULL. */
void assay_command_man(const assay_command *c, FILE *out);
/* The bash completion script, complete -F _assay assay. */
void assay_completion_bash(FILE *out);
/* The zsh completion function, #compdef assay. */
void assay_completion_zsh(FILE *out);

#endif
