#include "cli/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decide/decide.h"
#include "decide/overrides.h"
#include "decide/panel.h"
#include "engine/engine.h"
#include "engine/lua_plugin.h"
#include "decide/manifest.h"
#include "decide/policy.h"
#include "util/string_copy.h"
#include "util/temp_file.h"

const assay_command *const assay_commands[] = {
    &assay_cmd_import,   &assay_cmd_run,       &assay_cmd_score,
    &assay_cmd_decide,   &assay_cmd_plugins,   &assay_cmd_schema,
    &assay_cmd_validate, &assay_cmd_test,      &assay_cmd_check,
    &assay_cmd_explain,  &assay_cmd_report,    &assay_cmd_diff,
    &assay_cmd_letters,  &assay_cmd_profile,   &assay_cmd_stability,
    &assay_cmd_calibrate, &assay_cmd_fmt, &assay_cmd_help,
};
const size_t assay_command_count =
    sizeof assay_commands / sizeof assay_commands[0];

int assay_cli_committee_load(const assay_committee_options *o,
                             const assay_policy *p, assay_committee *c)
{
    memset(c, 0, sizeof *c);
    if (o->reviews && !(c->panel = assay_panel_read(p, o->reviews)))
        return 1;
    if (o->overrides &&
        !(c->overrides = assay_overrides_read(p, o->overrides)))
        return 1;
    return 0;
}

void assay_cli_committee_free(assay_committee *c)
{
    assay_panel_free(c->panel);
    assay_overrides_free(c->overrides);
    memset(c, 0, sizeof *c);
}

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

int assay_records_status(size_t error_records, int stopped,
                         int allow_error_records)
{
    if (stopped || (error_records && !allow_error_records))
        return ASSAY_EXIT_RECORDS;
    return ASSAY_EXIT_OK;
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

int assay_plugin_options_parse(assay_plugin_options *o, int c,
                               const char *arg)
{
    switch (c) {
    case ASSAY_OPT_PLUGIN:
        assay_plugin_options_add(&o->plugins, &o->plugin_count, arg);
        return 1;
    case ASSAY_OPT_PLUGIN_DIR:
        assay_plugin_options_add(&o->plugin_dirs, &o->plugin_dir_count, arg);
        return 1;
    case ASSAY_OPT_PLUGIN_CONFIG:
        assay_plugin_options_add(&o->configs, &o->config_count, arg);
        return 1;
    case ASSAY_OPT_RULES:
        assay_plugin_options_add(&o->rules, &o->rule_count, arg);
        return 1;
    case ASSAY_OPT_LUA_MEMORY:
        o->lua_memory = arg; /* checked when loading */
        return 1;
    case ASSAY_OPT_LUA_INSTRUCTIONS:
        o->lua_instructions = arg;
        return 1;
    case ASSAY_OPT_NO_DEFAULT_PLUGINS:
        o->no_default_plugins = 1;
        return 1;
    default:
        return 0;
    }
}

void assay_plugin_options_free(assay_plugin_options *o)
{
    free((void *)o->plugins);
    free((void *)o->plugin_dirs);
    free((void *)o->configs);
    free((void *)o->rules);
    memset(o, 0, sizeof *o);
}

/* The largest configuration file read; a plugin's settings, not data. */
#define MAX_CONFIG_BYTES (1 << 20)

/* Reads a whole file into a NUL-terminated string the caller frees; NULL
 * (after printing why) when it cannot. */
static char *read_config(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        assay_usage_error("cannot open plugin configuration %s: %s", path,
                          strerror(errno));
        return NULL;
    }
    char *text = malloc(MAX_CONFIG_BYTES + 1);
    size_t n = text ? fread(text, 1, MAX_CONFIG_BYTES + 1, f) : 0;
    int failed = !text || ferror(f);
    fclose(f);
    if (failed || n > MAX_CONFIG_BYTES || memchr(text, '\0', n)) {
        assay_usage_error("cannot read plugin configuration %s: %s", path,
                          failed ? "read error"
                                 : n > MAX_CONFIG_BYTES
                                     ? "larger than 1 MiB"
                                     : "it holds a NUL byte, not JSON text");
        free(text);
        return NULL;
    }
    text[n] = '\0';
    return text;
}

/* Applies each --plugin-config NAME=FILE to the engine. */
static int configure(const assay_plugin_options *o, assay_engine *engine)
{
    for (size_t i = 0; i < o->config_count; i++) {
        const char *arg = o->configs[i];
        const char *eq = strchr(arg, '=');
        if (!eq || eq == arg || !eq[1])
            return assay_usage_error("--plugin-config expects NAME=FILE (a "
                                     "plugin name and a JSON file), got "
                                     "\"%s\"",
                                     arg),
                   1;
        char *name = assay_strdup(arg);
        name[eq - arg] = '\0';
        char *text = read_config(eq + 1);
        char err[1024];
        int rc = !text || assay_engine_set_plugin_config(engine, name, text,
                                                         eq + 1, err,
                                                         sizeof err);
        if (rc && text)
            assay_usage_error("%s", err);
        free(text);
        free(name);
        if (rc)
            return 1;
    }
    return 0;
}

/* A --lua-memory or --lua-instructions value: a whole number above 0. */
static int lua_limit(const char *option, const char *text, size_t *out,
                     assay_problems *problems)
{
    char *end;
    errno = 0;
    unsigned long long v = text ? strtoull(text, &end, 10) : 0;
    if (!text)
        return 0;
    if (errno || end == text || *end || text[0] == '-' || v == 0 ||
        v > LONG_MAX) {
        assay_problems_add(problems, "%s expects a whole number above 0, "
                                     "got \"%s\"",
                           option, text);
        return 1;
    }
    *out = (size_t)v;
    return 0;
}

size_t assay_plugin_options_collect(const assay_plugin_options *o,
                                    assay_engine *engine,
                                    assay_problems *problems)
{
    size_t before = problems->count;
    size_t memory = 0, instructions = 0;
    char err[1024];
    if (lua_limit("--lua-memory", o->lua_memory, &memory, problems) ||
        lua_limit("--lua-instructions", o->lua_instructions, &instructions,
                  problems))
        return problems->count - before;
    if (assay_engine_set_lua_limits(engine, memory, (long)instructions, err,
                                    sizeof err)) {
        assay_problems_add(problems, "%s", err);
        return problems->count - before;
    }
    int named = o->plugin_count || o->plugin_dir_count || o->rule_count;
    if (o->no_default_plugins && !named) {
        assay_problems_add(problems,
                           "--no-default-plugins leaves nothing to load; "
                           "name plugins with --plugin, --plugin-dir or "
                           "--rules");
        return problems->count - before;
    }
    if (!o->no_default_plugins) {
        const char *dir = assay_default_plugin_dir();
        if (!dir) {
            assay_problems_add(problems,
                               "cannot find the shipped plugins beside this "
                               "assay; give --no-default-plugins and name "
                               "plugins with --plugin, --plugin-dir or "
                               "--rules");
            return problems->count - before;
        }
        size_t first = engine->plugins.count;
        assay_engine_scan_plugin_dir(engine, dir, problems);
        for (size_t i = first; i < engine->plugins.count; i++)
            engine->plugins.items[i]->shipped = 1;
    }
    for (size_t i = 0; i < o->plugin_dir_count; i++)
        assay_engine_scan_plugin_dir(engine, o->plugin_dirs[i], problems);
    for (size_t i = 0; i < o->plugin_count; i++) {
        /* dlopen searches the library path for a name without a slash:
         * --plugin f.so means the file f.so here, as every other path
         * option does. */
        char here[4096];
        const char *path = o->plugins[i];
        if (!strchr(path, '/')) {
            snprintf(here, sizeof here, "./%s", path);
            path = here;
        }
        if (assay_engine_load_plugin(engine, path, NULL, err, sizeof err))
            assay_problems_add(problems, "%s", err);
    }
    for (size_t i = 0; i < o->rule_count; i++)
        assay_lua_load_path(&engine->plugins, o->rules[i],
                            &engine->lua_limits, problems);
    assay_plugin_set_check_domains(&engine->plugins, problems);
    return problems->count - before;
}

static int load(const assay_plugin_options *o, assay_engine *engine)
{
    assay_problems problems;
    assay_problems_init(&problems);
    size_t n = assay_plugin_options_collect(o, engine, &problems);
    assay_problems_print(&problems, stderr);
    assay_problems_free(&problems);
    return n != 0;
}

int assay_plugin_options_load(const assay_plugin_options *o,
                              assay_engine *engine)
{
    if (configure(o, engine) || load(o, engine))
        return 1;
    const assay_plugin_config *unused =
        assay_plugin_set_unused_config(&engine->plugins);
    if (!unused)
        return 0;
    for (size_t i = 0; i < engine->plugins.count; i++) {
        const assay_loaded_plugin *p = engine->plugins.items[i];
        if (strcmp(p->name, unused->name) == 0)
            return assay_usage_error("--plugin-config names plugin \"%s\" "
                                     "(%s), but %s is a Lua rule file, "
                                     "which takes no configuration",
                                     unused->name, unused->source, p->path),
                   1;
    }
    return assay_usage_error("--plugin-config names plugin \"%s\" (%s), but "
                             "no loaded plugin has that name; `assay "
                             "plugins` lists their names",
                             unused->name, unused->source),
           1;
}

/* The command's standard output once assay_cli_private_stdout has moved
 * it off fd 1, for an output named "-". */
static FILE *private_stdout;

FILE *assay_cli_private_stdout(void)
{
    if (assay_cli_standard_fd_closed(STDOUT_FILENO)) {
        assay_usage_error("stdout is closed; write the records to a file "
                          "with -o FILE");
        return NULL;
    }
    fflush(stdout);
    int fd = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
    FILE *f = fd < 0 ? NULL : fdopen(fd, "wb");
    if (!f || dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
        assay_usage_error("cannot set up standard output: %m");
        if (f)
            fclose(f);
        else if (fd >= 0)
            close(fd);
        return NULL;
    }
    private_stdout = f;
    return f;
}

void assay_cli_close_stdout(FILE *out)
{
    if (out == private_stdout)
        private_stdout = NULL;
    fclose(out);
}

const char *assay_cli_output(const char *path)
{
    return strcmp(path, "-") == 0 ? NULL : path;
}

int assay_cli_flush_stdout(FILE *out)
{
    if (fflush(out) != 0 || ferror(out))
        return assay_usage_error("cannot write to stdout: %m");
    return 0;
}

int assay_cli_stdin_closed(void)
{
    if (!assay_cli_standard_fd_closed(STDIN_FILENO))
        return 0;
    assay_usage_error("stdin is closed; name an input file, or give records "
                      "on stdin");
    return 1;
}

FILE *assay_cli_temporary(const char *what)
{
    FILE *f = assay_temp_file();
    if (!f)
        assay_usage_error("cannot create a temporary file for %s in %s: %m; "
                          "set TMPDIR to a writable directory",
                          what, assay_temp_dir());
    return f;
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

assay_policy *assay_cli_load_policy(const char *path)
{
    char err[1024];
    if (!path) {
        path = assay_default_policy_path();
        if (!path) {
            assay_usage_error("cannot find the shipped policy beside this "
                              "assay; name one with --policy FILE");
            return NULL;
        }
    }
    assay_policy *p = assay_policy_load(path, err, sizeof err);
    if (!p)
        assay_usage_error("%s", err);
    return p;
}

size_t assay_cli_policy_domain_problems(struct assay_policy *p,
                                        const struct assay_engine *engine,
                                        assay_problems *problems)
{
    size_t n = 0;
    const assay_domains *d = &engine->plugins.domains;
    for (size_t i = 0; i < d->count; i++) {
        char err[2048];
        if (d->items[i].declared && /* else already a problem */
            assay_policy_check_domain(p, d->items[i].name, d->items[i].source,
                                      err, sizeof err)) {
            assay_problems_add(problems, "%s", err);
            n++;
        }
    }
    return n;
}

int assay_cli_check_policy_domains(struct assay_policy *p,
                                   const struct assay_engine *engine)
{
    assay_problems problems;
    assay_problems_init(&problems);
    size_t n = assay_cli_policy_domain_problems(p, engine, &problems);
    for (size_t i = 0; i < problems.count; i++)
        assay_usage_error("%s", problems.items[i]);
    assay_problems_free(&problems);
    return n != 0;
}

int assay_cli_use_policy_fields(const struct assay_policy *p,
                                struct assay_engine *engine)
{
    char err[512];
    if (assay_engine_set_record_fields(engine, p->fields.claims,
                                       p->fields.requests, err, sizeof err)) {
        assay_usage_error("%s:%d: %s", p->path, p->fields_line, err);
        return 1;
    }
    return 0;
}

/* An output named "-": a stream of its own on the command's standard
 * output, written in place as a pipe is, after whatever the command has
 * written there before. */
static FILE *create_stdout(assay_atomic_file *a, const char *what)
{
    memset(a, 0, sizeof *a);
    fflush(stdout);
    if (private_stdout)
        fflush(private_stdout);
    int fd = fcntl(private_stdout ? fileno(private_stdout) : STDOUT_FILENO,
                   F_DUPFD_CLOEXEC, 3);
    a->f = fd < 0 ? NULL : fdopen(fd, "wb");
    if (!a->f) {
        assay_usage_error("cannot write %sto stdout: %m", what);
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    a->target = assay_strdup("stdout");
    return a->f;
}

FILE *assay_cli_create(assay_atomic_file *a, const char *what,
                       const char *path)
{
    char err[512];
    if (strcmp(path, "-") == 0)
        return create_stdout(a, what);
    if (assay_atomic_begin(a, path, err, sizeof err)) {
        assay_usage_error("cannot create %s%s: %s", what, path, err);
        return NULL;
    }
    return a->f;
}

int assay_cli_commit(assay_atomic_file *a)
{
    char err[1024];
    return assay_atomic_commit(a, err, sizeof err)
               ? assay_usage_error("%s", err)
               : 0;
}

int assay_cli_check_writable(const char *what, const char *path)
{
    assay_atomic_file a;
    if (!path)
        return 0;
    if (!assay_cli_create(&a, what, path))
        return 1;
    assay_atomic_abandon(&a);
    return 0;
}

const char *assay_cli_manifest_path(const char *path, const char *output,
                                    char *buf, size_t size)
{
    if (path || !output)
        return path;
    snprintf(buf, size, "%s.manifest.json", output);
    return buf;
}

int assay_cli_write_summary(const char *path, const assay_policy *p,
                            const assay_decide_report *r)
{
    assay_atomic_file a;
    FILE *f = assay_cli_create(&a, "summary ", path);
    if (!f)
        return 1;
    assay_decide_summary_json(p, r, f);
    return assay_cli_commit(&a);
}

int assay_cli_write_manifest(const char *path, const char *output,
                             const assay_engine *engine, const assay_policy *p,
                             const char *const *inputs, size_t input_count,
                             const assay_decide_report *r,
                             const assay_run_clock *clock)
{
    char def[4096], err[1024];
    path = assay_cli_manifest_path(path, output, def, sizeof def);
    if (!path)
        return 0;
    assay_atomic_file a;
    FILE *f = assay_cli_create(&a, "manifest ", path);
    if (!f)
        return 1;
    if (assay_manifest_write(f, engine, p, inputs, input_count, r, clock, err,
                             sizeof err)) {
        assay_atomic_abandon(&a);
        return assay_usage_error("%s", err);
    }
    return assay_cli_commit(&a);
}

void assay_batch_options_default(assay_batch_options *o)
{
    *o = (assay_batch_options)ASSAY_BATCH_OPTIONS_INIT;
    o->progress = isatty(STDERR_FILENO);
    o->isolate = 1;
}

int assay_batch_option(int c, const char *arg, assay_batch_options *o)
{
    size_t n = 0;
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
    case ASSAY_OPT_IN_PROCESS:
        o->isolate = 0;
        return 1;
    case ASSAY_OPT_RECORD_TIMEOUT:
        if (assay_parse_double("--record-timeout", arg, &o->record_timeout))
            return -1;
        if (!(o->record_timeout > 0) || o->record_timeout > 86400) {
            assay_usage_error("--record-timeout expects seconds above 0 and "
                              "at most 86400, got %s",
                              arg);
            return -1;
        }
        return 1;
    case ASSAY_OPT_WORKER_MEMORY:
        return assay_parse_size("--worker-memory", arg, &o->worker_memory)
                   ? -1
                   : 1;
    default:
        return 0;
    }
}
