#include "engine/engine.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "engine/lua_plugin.h"
#include "util/wording.h"
#include "version.h"

const char *assay_version(void)
{
    return ASSAY_VERSION;
}

assay_engine *assay_engine_new(void)
{
    assay_engine *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    assay_plugin_set_init(&e->plugins);
    e->lua_limits.memory = ASSAY_DEFAULT_LUA_MEMORY;
    e->lua_limits.instructions = ASSAY_DEFAULT_LUA_INSTRUCTIONS;
    e->fields = assay_record_fields_default();
    return e;
}

void assay_engine_free(assay_engine *engine)
{
    if (!engine)
        return;
    assay_plugin_set_free(&engine->plugins);
    free(engine->claims_field);
    free(engine->requests_field);
    free(engine);
}

int assay_engine_set_plugin_config(assay_engine *engine, const char *name,
                                   const char *config_json,
                                   const char *source, char *err,
                                   size_t err_size)
{
    return assay_plugin_set_configure(&engine->plugins, name, config_json,
                                      source, err, err_size);
}

void assay_engine_set_log(assay_engine *engine, assay_log_fn fn, void *user)
{
    engine->plugins.log.fn = fn;
    engine->plugins.log.user = user;
}

int assay_engine_load_plugin(assay_engine *engine, const char *path,
                             const char *config_json, char *err,
                             size_t err_size)
{
    return assay_plugin_set_load_compiled(&engine->plugins, path, config_json,
                                          err, err_size);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends the paths of dir's plugins, compiled (*.so) and Lua (rule
 * files), and those of its subdirectories when depth > 0, to *paths. */
static void collect(const char *dir, int depth, char ***paths, size_t *count)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *ent;
    while ((ent = readdir(d))) {
        if (ent->d_name[0] == '.')
            continue;
        size_t n = strlen(dir) + strlen(ent->d_name) + 2;
        char *path = malloc(n);
        if (!path)
            break;
        snprintf(path, n, "%s/%s", dir, ent->d_name);
        struct stat st;
        int known = stat(path, &st) == 0;
        if (known && S_ISDIR(st.st_mode) && depth > 0) {
            collect(path, depth - 1, paths, count);
            free(path);
        } else if (known && S_ISREG(st.st_mode) &&
                   (ends_with(ent->d_name, ".so") ||
                    assay_lua_is_rule_file_name(ent->d_name))) {
            char **grown = realloc(*paths, (*count + 1) * sizeof *grown);
            if (!grown) {
                free(path);
                break;
            }
            *paths = grown;
            (*paths)[(*count)++] = path;
        } else {
            free(path);
        }
    }
    closedir(d);
}

size_t assay_engine_scan_plugin_dir(assay_engine *engine, const char *dir,
                                    assay_problems *problems)
{
    size_t before = problems->count;
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        assay_problems_add(problems, "%s: not a directory; give %s a "
                           "directory of plugins",
                           dir, assay_wording("--plugin-dir",
                                              "assay_engine_load_plugin_dir"));
        return 1;
    }
    char **paths = NULL;
    size_t count = 0, loaded = 0;
    collect(dir, 1, &paths, &count);
    if (count) /* qsort must not see a NULL list */
        qsort(paths, count, sizeof *paths, compare_paths);
    for (size_t i = 0; i < count; i++) {
        char err[1024], shown[PATH_MAX];
        if (!ends_with(paths[i], ".so")) {
            assay_lua_shown_name(dir, paths[i], shown, sizeof shown);
            loaded += assay_lua_load_file(&engine->plugins, paths[i], shown,
                                          &engine->lua_limits, 1,
                                          problems) == ASSAY_LUA_LOADED;
        } else if (assay_engine_load_plugin(engine, paths[i], NULL, err,
                                            sizeof err)) {
            assay_problems_add(problems, "%s", err);
        } else {
            loaded++;
        }
        free(paths[i]);
    }
    free(paths);
    if (loaded == 0 && problems->count == before)
        assay_problems_add(problems,
                           "%s: no plugins (*.so, or *.lua rule files) found",
                           dir);
    return problems->count - before;
}

int assay_engine_load_plugin_dir(assay_engine *engine, const char *dir,
                                 char *err, size_t err_size)
{
    assay_problems problems;
    assay_problems_init(&problems);
    size_t n = assay_engine_scan_plugin_dir(engine, dir, &problems);
    assay_problems_join(&problems, err, err_size);
    assay_problems_free(&problems);
    return n != 0;
}

int assay_engine_load_rules(assay_engine *engine, const char *path,
                            char *err, size_t err_size)
{
    assay_problems problems;
    assay_problems_init(&problems);
    size_t n = assay_lua_load_path(&engine->plugins, path,
                                   &engine->lua_limits, &problems);
    assay_problems_join(&problems, err, err_size);
    assay_problems_free(&problems);
    return n != 0;
}

/* A copy of a field path, or NULL after saying why it is not one. */
static char *field_path(const char *path, const char *what, char *err,
                        size_t err_size)
{
    if (!assay_field_path_valid(path)) {
        snprintf(err, err_size,
                 "the %s field \"%.64s\" is not a field path; give a "
                 "name or a dotted path such as \"application.%s\" "
                 "(at most 256 bytes)",
                 what, path, what);
        return NULL;
    }
    char *copy = strdup(path);
    if (!copy)
        abort();
    return copy;
}

int assay_engine_set_record_fields(assay_engine *engine, const char *claims,
                                   const char *requests, char *err,
                                   size_t err_size)
{
    char *c = claims ? field_path(claims, "claims", err, err_size) : NULL;
    if (claims && !c)
        return 1;
    char *r = requests ? field_path(requests, "requests", err, err_size)
                       : NULL;
    if (requests && !r) {
        free(c);
        return 1;
    }
    free(engine->claims_field);
    free(engine->requests_field);
    engine->claims_field = c;
    engine->requests_field = r;
    assay_record_fields d = assay_record_fields_default();
    engine->fields.claims = c ? c : d.claims;
    engine->fields.requests = r ? r : d.requests;
    return 0;
}

int assay_engine_set_lua_limits(assay_engine *engine, size_t memory,
                                long instructions, char *err,
                                size_t err_size)
{
    if (instructions < 0) {
        snprintf(err, err_size,
                 "the Lua instruction budget must be a positive number "
                 "(got %ld)",
                 instructions);
        return 1;
    }
    engine->lua_limits.memory = memory ? memory : ASSAY_DEFAULT_LUA_MEMORY;
    engine->lua_limits.instructions =
        instructions ? instructions : ASSAY_DEFAULT_LUA_INSTRUCTIONS;
    return 0;
}
