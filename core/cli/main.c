/* assay: evaluate startup applications with plugins and Lua rules. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "engine/record.h"
#include "util/near_miss.h"
#include "util/wording.h"

/* "unknown command", with the nearest command when one is close. */
static int unknown_command(const char *word)
{
    const char *names[64];
    size_t n = 0;
    for (size_t i = 0; i < assay_command_count && n < 64; i++)
        names[n++] = assay_commands[i]->name;
    const char *near = word[0] == '-' ? NULL : assay_near_miss(word, names, n);
    if (word[0] == '-')
        return assay_usage_error("unknown option %s; run `assay --help` for "
                                 "the commands",
                                 word);
    if (near)
        return assay_usage_error("unknown command \"%s\"; did you mean "
                                 "\"%s\"? Run `assay --help` for the list",
                                 word, near);
    return assay_usage_error("unknown command \"%s\"; run `assay --help` "
                             "for the list",
                             word);
}

int main(int argc, char **argv)
{
    /* The command owns its process: cJSON may allocate in arenas, and
     * messages name its options rather than the library's functions. */
    assay_cli_guard_standard_fds();
    assay_json_use_arena_hooks();
    assay_use_command_wording();
    if (argc < 2) {
        assay_main_help(stderr);
        return ASSAY_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        assay_main_help(stdout);
        return ASSAY_EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0 ||
        strcmp(cmd, "version") == 0) {
        assay_print_version(stdout);
        return ASSAY_EXIT_OK;
    }
    const assay_command *c = assay_command_find(cmd);
    if (c)
        return c->main(argc - 1, argv + 1);
    return unknown_command(cmd);
}
