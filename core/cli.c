#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const assay_command assay_commands[] = {
    {"run", "evaluate JSON Lines records and decide", assay_cmd_run},
    {"report", "write a committee report (HTML, CSV) of decisions",
     assay_cmd_report},
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
    memset(o, 0, sizeof *o);
}

int assay_plugin_options_load(const assay_plugin_options *o,
                              assay_engine *engine)
{
    char err[1024];
    if (o->plugin_count == 0 && o->plugin_dir_count == 0) {
        const char *dir = assay_default_plugin_dir();
        if (!dir) {
            assay_usage_error("cannot find the shipped plugins beside this "
                              "assay; name plugins with --plugin or "
                              "--plugin-dir");
            return 1;
        }
        if (assay_engine_load_plugin_dir(engine, dir, err, sizeof err))
            return assay_usage_error("%s", err), 1;
        return 0;
    }
    for (size_t i = 0; i < o->plugin_dir_count; i++)
        if (assay_engine_load_plugin_dir(engine, o->plugin_dirs[i], err,
                                         sizeof err))
            return assay_usage_error("%s", err), 1;
    for (size_t i = 0; i < o->plugin_count; i++)
        if (assay_engine_load_plugin(engine, o->plugins[i], NULL, err,
                                     sizeof err))
            return assay_usage_error("%s", err), 1;
    return 0;
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
