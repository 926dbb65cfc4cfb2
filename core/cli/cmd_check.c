/* assay check: load everything a run would load, read no record, and
 * report every problem found, not only the first. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "util/buffer.h"
#include "engine/engine.h"
#include "engine/lua_plugin.h"
#include "decide/policy.h"

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Sorts one PATH argument into the plugin options that load it. */
static void add_path(assay_plugin_options *o, const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        assay_plugin_options_add(&o->plugin_dirs, &o->plugin_dir_count,
                                 path);
    else if (ends_with(path, ".so"))
        assay_plugin_options_add(&o->plugins, &o->plugin_count, path);
    else
        assay_plugin_options_add(&o->rules, &o->rule_count, path);
}

/* Each checker adds the problems of one part of the configuration. */
typedef size_t (*checker)(const assay_plugin_options *o,
                          assay_engine *engine, assay_problems *problems);

static const checker checkers[] = {
    assay_plugin_options_collect,
};

/* Loads the policy at path (NULL: the shipped one); a problem when it
 * does not load or does not weigh a loaded domain, else a description of
 * it in ok (empty when missing). */
static void check_policy(const char *path, const assay_engine *engine,
                         assay_problems *problems, char *ok, size_t ok_size)
{
    char err[1024];
    ok[0] = '\0';
    if (!path)
        path = assay_default_policy_path();
    if (!path) {
        assay_problems_add(problems, "cannot find the shipped policy beside "
                                     "this assay; name one with --policy "
                                     "FILE");
        return;
    }
    assay_policy *p = assay_policy_load(path, err, sizeof err);
    if (!p) {
        assay_problems_add(problems, "%s", err);
        return;
    }
    if (assay_cli_policy_domain_problems(p, engine, problems)) {
        assay_policy_free(p);
        return;
    }
    size_t n = (size_t)snprintf(ok, ok_size, "%s: ok: strategy %s, %zu tiers (",
                                p->path, assay_strategy_name(p->strategy),
                                p->tier_count);
    for (size_t t = 0; t < p->tier_count && n < ok_size; t++)
        n += (size_t)snprintf(ok + n, ok_size - n, "%s%s %zu", t ? ", " : "",
                              p->tiers[t].name, p->tiers[t].capacity);
    if (n < ok_size)
        snprintf(ok + n, ok_size - n, "), waitlist %zu", p->waitlist);
    assay_policy_free(p);
}

enum { OPT_POLICY = 256, OPT_JSON };

/* One problem as JSON: its message whole, and the file and line it
 * starts with ("rules.lua:5: ...") when it does. */
static void problem_json(assay_buffer *b, const char *problem)
{
    const char *colon = strchr(problem, ':');
    size_t digits = colon ? strspn(colon + 1, "0123456789") : 0;
    assay_buffer_puts(b, "{");
    if (colon && colon > problem && digits && colon[1 + digits] == ':' &&
        colon[2 + digits] == ' ') {
        assay_buffer_puts(b, "\"file\":");
        assay_json_string_n(b, problem, (size_t)(colon - problem));
        assay_buffer_printf(b, ",\"line\":%.*s,", (int)digits, colon + 1);
    }
    assay_buffer_puts(b, "\"message\":");
    assay_json_string(b, problem);
    assay_buffer_puts(b, "}");
}

/* The result as one JSON object: ok, the counts of what loaded, and every
 * problem. */
static void print_json(const assay_problems *problems, size_t plugins,
                       size_t lua, size_t rules)
{
    assay_buffer b;
    assay_buffer_init(&b);
    assay_buffer_printf(&b,
                        "{\"ok\":%s,\"plugins\":%zu,\"lua_rule_files\":%zu,"
                        "\"rules\":%zu,\"problems\":[",
                        problems->count ? "false" : "true", plugins, lua,
                        rules);
    for (size_t i = 0; i < problems->count; i++) {
        if (i)
            assay_buffer_putc(&b, ',');
        problem_json(&b, problems->items[i]);
    }
    assay_buffer_puts(&b, "]}\n");
    assay_buffer_write(&b, stdout);
    assay_buffer_free(&b);
}

static int check_main(int argc, char **argv)
{
    assay_plugin_options plugins = {0};
    const char *policy = NULL;
    int json = 0;
    char policy_ok[1024];
    int rc = ASSAY_EXIT_USAGE;
    assay_engine *engine = NULL;
    assay_problems problems;
    assay_problems_init(&problems);

    assay_options opts;
    assay_options_begin(&opts, &assay_cmd_check, argc, argv);
    int c;
    while ((c = assay_options_next(&opts)) >= 0) {
        switch (c) {
        case OPT_POLICY:
            policy = opts.arg;
            break;
        case OPT_JSON:
            json = 1;
            break;
        default:
            assay_plugin_options_parse(&plugins, c, opts.arg);
        }
    }
    if (c == ASSAY_OPTIONS_STOP) {
        rc = opts.status;
        goto done;
    }
    /* The PATHs are what is checked: the shipped set is left out. */
    if (opts.index < argc)
        plugins.no_default_plugins = 1;
    for (int i = opts.index; i < argc; i++)
        add_path(&plugins, argv[i]);
    engine = assay_engine_new();
    if (!engine) {
        assay_usage_error("out of memory");
        goto done;
    }
    for (size_t i = 0; i < sizeof checkers / sizeof checkers[0]; i++)
        checkers[i](&plugins, engine, &problems);
    check_policy(policy, engine, &problems, policy_ok, sizeof policy_ok);
    size_t rules = 0, lua = 0;
    for (size_t i = 0; i < engine->plugins.count; i++) {
        rules += engine->plugins.items[i]->rule_count;
        lua += engine->plugins.items[i]->kind == ASSAY_KIND_LUA;
    }
    if (json) {
        print_json(&problems, engine->plugins.count, lua, rules);
        if (problems.count)
            goto done;
    } else {
        for (size_t i = 0; i < problems.count; i++)
            printf("%s\n", problems.items[i]);
        if (problems.count) {
            printf("%zu problem%s found\n", problems.count,
                   problems.count == 1 ? "" : "s");
            goto done;
        }
        printf("%s\n", policy_ok);
        printf("ok: %zu plugins (%zu Lua rule files), %zu rules\n",
               engine->plugins.count, lua, rules);
    }
    rc = ASSAY_EXIT_OK;
done:
    assay_engine_free(engine);
    assay_plugin_options_free(&plugins);
    assay_problems_free(&problems);
    return rc;
}

static const assay_option check_options[] = {
    {"policy", OPT_POLICY, "FILE",
     "the policy to check (default: the shipped policy/default.lua)"},
    {"json", OPT_JSON, NULL,
     "one JSON object: ok, the plugins, Lua rule files and rules loaded, "
     "and problems, each with its message (and file and line when it "
     "names them)"},
    {NULL, 0, NULL, NULL}};
static const assay_option *const check_tables[] = {
    check_options, assay_plugin_option_table, NULL};
const assay_command assay_cmd_check = {
    .name = "check",
    .summary = "load plugins, rules and the policy; report every problem",
    .synopsis = "[OPTIONS] [PATH...]",
    .description =
        "Loads plugins, Lua rules and the policy without reading any "
        "record and reports every problem found, each as file:line: what "
        "is wrong; what to do. A PATH is a directory of plugins and rule "
        "files (as --plugin-dir), a compiled plugin (*.so) or a rule file "
        "(*.lua). With a PATH, the PATHs and what the plugin options name "
        "are checked, the shipped plugins and rules left out; with none, "
        "everything `assay run` would load.",
    .options = check_tables,
    .exit_status = "Exit status: 0 no problem, 2 problems (or a usage error).",
    .main = check_main};
