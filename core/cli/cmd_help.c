/* assay help: a command's help, its man page, every man page into a
 * directory (the build installs them) or a shell's completion script, all
 * printed from the option tables (options.h). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

enum { OPT_MAN = 256, OPT_MAN_DIR, OPT_COMPLETION };


/* Writes the man page of c (NULL: assay(1)) as DIR/assay[-NAME].1. */
static int write_page(const char *dir, const assay_command *c)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/assay%s%s.1", dir, c ? "-" : "",
             c ? c->name : "");
    assay_atomic_file a;
    FILE *f = assay_cli_create(&a, "man page ", path);
    if (!f)
        return 1;
    assay_command_man(c, f);
    return assay_cli_commit(&a);
}

static int help_main(int argc, char **argv)
{
    int man = 0;
    const char *man_dir = NULL, *shell = NULL, *output = "-";
    assay_options o;
    assay_options_begin(&o, &assay_cmd_help, argc, argv);
    int c;
    while ((c = assay_options_next(&o)) >= 0) {
        switch (c) {
        case OPT_MAN:
            man = 1;
            break;
        case OPT_MAN_DIR:
            man_dir = o.arg;
            break;
        case OPT_COMPLETION:
            shell = o.arg;
            break;
        case 'o':
            output = o.arg;
            break;
        }
    }
    if (c == ASSAY_OPTIONS_STOP)
        return o.status;
    if (argc - o.index > 1)
        return assay_usage_error("help takes one command, got %d",
                                 argc - o.index);
    const char *name = o.index < argc ? argv[o.index] : NULL;
    const assay_command *command = name ? assay_command_find(name) : NULL;
    if (name && !command)
        return assay_usage_error("unknown command \"%s\"; run `assay --help` "
                                 "for the list",
                                 name);
    if (shell && strcmp(shell, "bash") != 0 && strcmp(shell, "zsh") != 0)
        return assay_usage_error("--completion expects bash or zsh, got "
                                 "\"%s\"",
                                 shell);
    if (man_dir) {
        if (write_page(man_dir, NULL))
            return ASSAY_EXIT_USAGE;
        for (size_t i = 0; i < assay_command_count; i++)
            if (write_page(man_dir, assay_commands[i]))
                return ASSAY_EXIT_USAGE;
        return ASSAY_EXIT_OK;
    }
    assay_atomic_file a;
    FILE *out = assay_cli_create(&a, "", output);
    if (!out)
        return ASSAY_EXIT_USAGE;
    if (shell && strcmp(shell, "bash") == 0)
        assay_completion_bash(out);
    else if (shell)
        assay_completion_zsh(out);
    else if (man)
        assay_command_man(command, out);
    else if (command)
        assay_command_help(command, out);
    else
        assay_main_help(out);
    return assay_cli_commit(&a) ? ASSAY_EXIT_USAGE : ASSAY_EXIT_OK;
}

static const assay_option help_options[] = {
    {"man", OPT_MAN, NULL,
     "the man page (roff) of COMMAND, or of assay itself, instead of the "
     "help"},
    {"man-dir", OPT_MAN_DIR, "DIR",
     "write every man page into DIR: assay.1 and assay-COMMAND.1 for each "
     "command"},
    {"output", 'o', "FILE", "write to FILE (default: stdout)"},
    {"completion", OPT_COMPLETION, "SHELL",
     "the completion script of SHELL (bash or zsh)"},
    {NULL, 0, NULL, NULL}};
static const assay_option *const help_tables[] = {help_options, NULL};
const assay_command assay_cmd_help = {
    .name = "help",
    .summary = "describe a command; man pages, shell completion",
    .synopsis = "[OPTIONS] [COMMAND]",
    .description =
        "Prints the help of COMMAND (as `assay COMMAND --help`), or the "
        "list of commands. With --man, a man page; with --man-dir, every "
        "man page into a directory; with --completion, a shell's "
        "completion script. All are made from the same option tables as "
        "the commands' parsing.",
    .options = help_tables,
    .exit_status =
        "Exit status: 0 printed, 2 usage error or a page that cannot be "
        "written.",
    .main = help_main};
