/* assay: evaluate startup applications with plugins and Lua rules. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static void print_help(FILE *out)
{
    fputs("usage: assay COMMAND [OPTIONS] [ARGS]\n\n"
          "Evaluates applications (JSON Lines) with compiled plugins and "
          "Lua rules,\nand turns their scores into explained decisions.\n\n"
          "commands:\n",
          out);
    for (size_t i = 0; i < assay_command_count; i++)
        fprintf(out, "  %-10s %s\n", assay_commands[i].name,
                assay_commands[i].summary);
    fputs("\n`assay COMMAND --help` describes a command. Exit status: 0 all "
          "records\nevaluated, 1 some error records, 2 usage or "
          "configuration error.\n",
          out);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_help(stderr);
        return ASSAY_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
        strcmp(cmd, "help") == 0) {
        print_help(stdout);
        return ASSAY_EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        printf("assay %s (plugin ABI %u)\n", assay_version(),
               (unsigned)ASSAY_ABI_VERSION);
        return ASSAY_EXIT_OK;
    }
    for (size_t i = 0; i < assay_command_count; i++)
        if (strcmp(cmd, assay_commands[i].name) == 0)
            return assay_commands[i].main(argc - 1, argv + 1);
    return assay_usage_error("unknown command \"%s\"; run `assay --help` "
                             "for the list",
                             cmd);
}
