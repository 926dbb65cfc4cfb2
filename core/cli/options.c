/* Parsing a command's arguments from its option table. */
#include "cli/options.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "assay/assay.h"
#include "cli/cli.h"
#include "util/near_miss.h"

/* ---- the shared tables ------------------------------------------------ */

const assay_option assay_plugin_option_table[] = {
    {"plugin", ASSAY_OPT_PLUGIN, "PATH",
     "load this compiled plugin besides the shipped ones (repeatable)"},
    {"plugin-dir", ASSAY_OPT_PLUGIN_DIR, "DIR",
     "load every plugin in DIR and its subdirectories (*.so and *.lua rule "
     "files; repeatable)"},
    {"rules", ASSAY_OPT_RULES, "PATH",
     "load a Lua rule file, or the rule files of a directory, besides the "
     "shipped rules (repeatable)"},
    {"no-default-plugins", ASSAY_OPT_NO_DEFAULT_PLUGINS, NULL,
     "leave out the shipped plugins and rules: only --plugin, --plugin-dir "
     "and --rules are loaded"},
    {"plugin-config", ASSAY_OPT_PLUGIN_CONFIG, "NAME=FILE",
     "give plugin NAME the JSON object in FILE as its configuration "
     "(repeatable)"},
    {"lua-memory", ASSAY_OPT_LUA_MEMORY, "BYTES",
     "memory cap of each worker's Lua state (default 67108864)"},
    {"lua-instructions", ASSAY_OPT_LUA_INSTRUCTIONS, "N",
     "instruction budget of each Lua rule call (default 1000000)"},
    {NULL, 0, NULL, NULL}};

const assay_option assay_batch_option_table[] = {
    {"jobs", 'j', "N",
     "worker threads (default: one per processor); output is the same for "
     "every N"},
    {"quiet", 'q', NULL,
     "no progress line on stderr (there is none anyway when stderr is not a "
     "terminal)"},
    {"max-errors", ASSAY_OPT_MAX_ERRORS, "N",
     "stop after more than N error records, with every record before "
     "written (exit 1)"},
    {"max-line-bytes", ASSAY_OPT_MAX_LINE, "N",
     "longest input line (default 1048576); a longer one becomes an error "
     "record"},
    {"record-timeout", ASSAY_OPT_RECORD_TIMEOUT, "S",
     "seconds a compiled plugin may take on one record (default 10); past "
     "it, an error record"},
    {"worker-memory", ASSAY_OPT_WORKER_MEMORY, "BYTES",
     "memory a plugin worker process may grow by before it is replaced "
     "(default 1073741824)"},
    {"in-process", ASSAY_OPT_IN_PROCESS, NULL,
     "run compiled plugins inside this process, not in supervised worker "
     "processes: a crash then ends the run (for debuggers)"},
    {NULL, 0, NULL, NULL}};

const assay_option assay_committee_option_table[] = {
    {"reviews", ASSAY_OPT_REVIEWS, "FILE",
     "the review panel's scores (CSV or JSON Lines: reviewer, id, score, "
     "criterion, comment, conflict), under the policy's panel {...}"},
    {"overrides", ASSAY_OPT_OVERRIDES, "FILE",
     "the committee's decisions in assay's place (CSV or JSON Lines: id, "
     "decision, reason, who, when), applied after the allocation"},
    {NULL, 0, NULL, NULL}};

const assay_option assay_exit_option_table[] = {
    {"allow-error-records", ASSAY_OPT_ALLOW_ERROR_RECORDS, NULL,
     "exit 0, not 1, when every record was written but some were error "
     "records (for schedulers)"},
    {NULL, 0, NULL, NULL}};

/* What every command answers without its own code. */
const assay_option assay_builtin_option_table[] = {
    {"help", 'h', NULL, "show this help"},
    {"version", 'V', NULL, "print assay's version and plugin ABI"},
    {NULL, 0, NULL, NULL}};

/* ---- the commands ----------------------------------------------------- */

const assay_command *assay_command_find(const char *name)
{
    for (size_t i = 0; i < assay_command_count; i++)
        if (strcmp(assay_commands[i]->name, name) == 0)
            return assay_commands[i];
    return NULL;
}

void assay_print_version(FILE *out)
{
    fprintf(out, "assay %s (plugin ABI %u)\n", assay_version(),
            (unsigned)ASSAY_ABI_VERSION);
}

/* ---- parsing ---------------------------------------------------------- */

/* Calls each(option, data) for every option of c in help order, the
 * built-in -h and -V last. */
static void each_option(const assay_command *c,
                        void (*each)(const assay_option *, void *),
                        void *data)
{
    for (const assay_option *const *t = c->options; t && *t; t++)
        for (const assay_option *opt = *t; opt->name; opt++)
            each(opt, data);
    for (const assay_option *opt = assay_builtin_option_table; opt->name; opt++)
        each(opt, data);
}

int assay_option_is_short(int code)
{
    return code > 0 && code < 256 && isalnum(code);
}

static void add_to_parser(const assay_option *opt, void *data)
{
    assay_options *o = data;
    size_t n = 0;
    while (o->longopts[n].name)
        n++;
    if (n == ASSAY_OPTIONS_MAX) {
        fprintf(stderr, "assay: %s has more than %d options\n",
                o->command->name, ASSAY_OPTIONS_MAX);
        abort();
    }
    o->longopts[n] = (struct option){
        opt->name, opt->value ? required_argument : no_argument, NULL,
        opt->code};
    if (assay_option_is_short(opt->code)) {
        size_t len = strlen(o->shortopts);
        o->shortopts[len++] = (char)opt->code;
        if (opt->value)
            o->shortopts[len++] = ':';
        o->shortopts[len] = '\0';
    }
}

void assay_options_begin(assay_options *o, const assay_command *command,
                         int argc, char **argv)
{
    memset(o, 0, sizeof *o);
    o->command = command;
    o->argc = argc;
    o->argv = argv;
    /* ':' first: a missing value returns ':', not '?'. */
    o->shortopts[0] = ':';
    each_option(command, add_to_parser, o);
    optind = 1;
    opterr = 0;
}

/* The long names of c's options, for the nearest one. */
typedef struct names {
    const char *items[ASSAY_OPTIONS_MAX];
    size_t count;
} names;

static void add_name(const assay_option *opt, void *data)
{
    names *n = data;
    if (n->count < ASSAY_OPTIONS_MAX)
        n->items[n->count++] = opt->name;
}

int assay_options_unknown(const assay_command *command, const char *option)
{
    names n = {.count = 0};
    each_option(command, add_name, &n);
    char word[128];
    snprintf(word, sizeof word, "%s", option);
    word[strcspn(word, "=")] = '\0';
    const char *near = NULL;
    if (strncmp(word, "--", 2) == 0 && strchr(option, '=')) {
        /* getopt_long takes a unique prefix for the name. */
        const char *named = NULL;
        size_t matches = 0, len = strlen(word + 2);
        for (size_t i = 0; i < n.count; i++)
            if (strncmp(n.items[i], word + 2, len) == 0) {
                named = n.items[i];
                matches++;
            }
        if (matches == 1)
            return assay_usage_error("option --%s takes no value; see "
                                     "`assay %s --help`",
                                     named, command->name);
    }
    if (strncmp(word, "--", 2) == 0) {
        /* A prefix of several is getopt's "ambiguous": list them. */
        size_t len = strlen(word + 2), matches = 0;
        char list[512] = "";
        for (size_t i = 0; i < n.count; i++)
            if (len && strncmp(n.items[i], word + 2, len) == 0) {
                size_t used = strlen(list);
                snprintf(list + used, sizeof list - used, "%s--%s",
                         matches++ ? ", " : "", n.items[i]);
            }
        if (matches > 1)
            return assay_usage_error("option %s is ambiguous: %s; see "
                                     "`assay %s --help`",
                                     word, list, command->name);
        near = assay_near_miss(word + 2, n.items, n.count);
    }
    if (near)
        return assay_usage_error("unknown option %s; did you mean --%s? See "
                                 "`assay %s --help`",
                                 word, near, command->name);
    return assay_usage_error("unknown option %s; see `assay %s --help`",
                             word, command->name);
}

/* The option getopt_long just refused, as the user wrote it: argv[optind -
 * 1] is it when it was a long option; a short one may sit inside a bundle
 * ("-qx"), so it is rebuilt from optopt. */
static const char *refused(const assay_options *o, char *buf, size_t size)
{
    const char *last = optind > 1 ? o->argv[optind - 1] : "";
    int long_form = 0;
    if (strncmp(last, "--", 2) == 0) {
        /* optopt is 0 for an unknown long option, else the code of the
         * option refused ("--output" with no value, "--quiet=1"), which
         * last names unless the refused one was a short option after it
         * (for "--json -x", last is "--json"). */
        size_t len = strcspn(last + 2, "=");
        long_form = optopt == 0;
        for (const struct option *l = o->longopts; l->name; l++)
            if (l->val == optopt && strncmp(l->name, last + 2, len) == 0)
                long_form = 1;
    }
    if (long_form)
        snprintf(buf, size, "%s", last);
    else
        snprintf(buf, size, "-%c", optopt);
    return buf;
}

int assay_options_next(assay_options *o)
{
    char buf[256];
    int c = getopt_long(o->argc, o->argv, o->shortopts, o->longopts, NULL);
    o->arg = optarg;
    switch (c) {
    case -1:
        o->index = optind;
        return ASSAY_OPTIONS_END;
    case 'h':
        assay_command_help(o->command, stdout);
        o->status = ASSAY_EXIT_OK;
        return ASSAY_OPTIONS_STOP;
    case 'V':
        assay_print_version(stdout);
        o->status = ASSAY_EXIT_OK;
        return ASSAY_OPTIONS_STOP;
    case ':':
        o->status = assay_usage_error(
            "option %s needs a value; see `assay %s --help`",
            refused(o, buf, sizeof buf), o->command->name);
        return ASSAY_OPTIONS_STOP;
    case '?':
        o->status = assay_options_unknown(o->command,
                                          refused(o, buf, sizeof buf));
        return ASSAY_OPTIONS_STOP;
    default:
        return c;
    }
}
