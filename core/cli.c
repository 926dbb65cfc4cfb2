#include "cli.h"

#include "engine.h"
#include "lua_plugin.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const assay_command assay_commands[] = {
    {"run", "evaluate JSON Lines records and decide", assay_cmd_run},
    {"test", "run the tests of Lua rules (*_test.lua)", assay_cmd_test},
};
const size_t assay_command_count =
    sizeof assay_commands / sizeof assay_commands[0];

int assay_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("assay: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return ASSAY_EXIT_USAGE;
}

void assay_plugin_options_add(const char ***list, size_t *count,
                              const char *value)
{
    const char **grown = realloc((void *)*list, (*count + 1) * sizeof *grown);
    if (!grown) {
        fputs("assay: out of memory\n", stderr);
        exit(ASSAY_EXIT_USAGE);
    }
    grown[(*count)++] = value;
    *list = grown;
}

void assay_plugin_options_free(assay_plugin_options *o)
{
    free((void *)o->plugins);
    free((void *)o->plugin_dirs);
    free((void *)o->rules);
    memset(o, 0, sizeof *o);
}

int assay_plugin_option(assay_plugin_options *o, int c, const char *arg)
{
    switch (c) {
    case ASSAY_OPT_PLUGIN:
        assay_plugin_options_add(&o->plugins, &o->plugin_count, arg);
        return 1;
    case ASSAY_OPT_PLUGIN_DIR:
        assay_plugin_options_add(&o->plugin_dirs, &o->plugin_dir_count, arg);
        return 1;
    case ASSAY_OPT_RULES:
        assay_plugin_options_add(&o->rules, &o->rule_count, arg);
        return 1;
    case ASSAY_OPT_LUA_MEMORY:
        return assay_parse_size("--lua-memory", arg, &o->lua_memory) ? -1
                                                                     : 1;
    case ASSAY_OPT_LUA_INSTRUCTIONS:
        if (assay_parse_size("--lua-instructions", arg,
                             &o->lua_instructions))
            return -1;
        if (o->lua_instructions == 0 || o->lua_instructions > LONG_MAX) {
            assay_usage_error("--lua-instructions expects a positive whole "
                              "number, got \"%s\"",
                              arg);
            return -1;
        }
        return 1;
    default:
        return 0;
    }
}

size_t assay_plugin_options_collect(const assay_plugin_options *o,
                                    assay_engine *engine,
                                    assay_problems *problems)
{
    size_t before = problems->count;
    char err[1024];
    if (assay_engine_set_lua_limits(engine, o->lua_memory,
                                    (long)o->lua_instructions, err,
                                    sizeof err)) {
        assay_problems_add(problems, "%s", err);
        return 1;
    }
    if (o->plugin_count == 0 && o->plugin_dir_count == 0 &&
        o->rule_count == 0) {
        const char *dir = assay_default_plugin_dir();
        if (!dir) {
            assay_problems_add(problems,
                               "cannot find the shipped plugins beside this "
                               "assay; name plugins with --plugin, "
                               "--plugin-dir or --rules");
            return 1;
        }
        return assay_engine_scan_plugin_dir(engine, dir, problems);
    }
    for (size_t i = 0; i < o->plugin_dir_count; i++)
        assay_engine_scan_plugin_dir(engine, o->plugin_dirs[i], problems);
    for (size_t i = 0; i < o->plugin_count; i++)
        if (assay_engine_load_plugin(engine, o->plugins[i], NULL, err,
                                     sizeof err))
            assay_problems_add(problems, "%s", err);
    for (size_t i = 0; i < o->rule_count; i++)
        assay_lua_load_path(&engine->plugins, o->rules[i],
                            &engine->lua_limits, problems);
    return problems->count - before;
}

int assay_plugin_options_load(const assay_plugin_options *o,
                              assay_engine *engine)
{
    assay_problems problems;
    assay_problems_init(&problems);
    size_t n = assay_plugin_options_collect(o, engine, &problems);
    assay_problems_print(&problems, stderr);
    assay_problems_free(&problems);
    return n != 0;
}

int assay_parse_double(const char *option, const char *text, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (errno || end == text || *end || !isfinite(v))
        return assay_usage_error("%s expects a number, got \"%s\"", option,
                                 text);
    *out = v;
    return 0;
}

int assay_parse_size(const char *option, const char *text, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno || end == text || *end || text[0] == '-')
        return assay_usage_error(
            "%s expects a whole number, got \"%s\"", option, text);
    *out = (size_t)v;
    return 0;
}

void assay_batch_options_default(assay_batch_options *o)
{
    *o = (assay_batch_options)ASSAY_BATCH_OPTIONS_INIT;
    o->progress = isatty(STDERR_FILENO);
}

int assay_batch_option(int c, const char *arg, assay_batch_options *o)
{
    size_t n;
    switch (c) {
    case 'j':
        if (assay_parse_size("-j", arg, &n))
            return -1;
        if (n < 1 || n > 1024) {
            assay_usage_error("-j expects 1 to 1024 worker threads, got %s",
                              arg);
            return -1;
        }
        o->workers = (unsigned)n;
        return 1;
    case 'q':
        o->progress = 0;
        return 1;
    case ASSAY_OPT_MAX_ERRORS:
        return assay_parse_size("--max-errors", arg, &o->max_errors) ? -1 : 1;
    case ASSAY_OPT_MAX_LINE:
        if (assay_parse_size("--max-line-bytes", arg, &o->max_line))
            return -1;
        if (o->max_line < 1) {
            assay_usage_error("--max-line-bytes must be at least 1");
            return -1;
        }
        return 1;
    default:
        return 0;
    }
}
