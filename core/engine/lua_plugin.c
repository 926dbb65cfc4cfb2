#include "engine/lua_plugin.h"

#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>

#include "engine/engine.h"
#include "engine/host.h"
#include "engine/lua_record.h"
#include "util/wording.h"
#include "util/progress.h"
#include "util/string_copy.h"

/* A message naming shown (whole, or shortened by Lua) made to name path. */
static void name_path(const char *msg, const char *shown, const char *path,
                      char *out, size_t out_size)
{
    char whole[1536];
    assay_lua_full_source(msg, shown, whole, sizeof whole);
    size_t n = strlen(shown);
    if (strncmp(whole, shown, n) == 0 && whole[n] == ':')
        snprintf(out, out_size, "%s%s", path, whole + n);
    else
        snprintf(out, out_size, "%s", whole);
}

/* ---- declarations: plugin {...} and rule {...} ------------------------ */

/* The line of the Lua code that called the running C function. */
static int caller_line(lua_State *L)
{
    lua_Debug ar;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar))
        return ar.currentline;
    return 0;
}

/* The declaration table (upvalue 1; upvalue 2 is the state) holds: plugins = {value, ...},
 * plugin_lines = {line, ...}, rules = {value, ...}, rule_lines = {...},
 * domains = {value, ...}, domain_lines = {...}. */
static void append(lua_State *L, const char *list, const char *lines)
{
    const assay_lua *lua = lua_touserdata(L, lua_upvalueindex(2));
    if (lua->ctx)
        luaL_error(L, "%s {...} can be used only at the top of a rule file, "
                      "not while rules run",
                   strcmp(list, "rules") == 0     ? "rule"
                   : strcmp(list, "domains") == 0 ? "domain"
                                                  : "plugin");
    int line = caller_line(L);
    lua_getfield(L, lua_upvalueindex(1), list);
    lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
    lua_pushvalue(L, 1);
    lua_rawseti(L, -2, n + 1);
    lua_getfield(L, lua_upvalueindex(1), lines);
    lua_pushinteger(L, line);
    lua_rawseti(L, -2, n + 1);
    lua_pop(L, 2);
}

static int d_plugin(lua_State *L)
{
    luaL_checkany(L, 1);
    append(L, "plugins", "plugin_lines");
    return 0;
}

static int d_rule(lua_State *L)
{
    luaL_checkany(L, 1);
    append(L, "rules", "rule_lines");
    return 0;
}

static int d_domain(lua_State *L)
{
    luaL_checkany(L, 1);
    append(L, "domains", "domain_lines");
    return 0;
}

static void push_declarations(lua_State *L)
{
    lua_createtable(L, 0, 6);
    static const char *const lists[] = {"plugins", "plugin_lines", "rules",
                                        "rule_lines", "domains",
                                        "domain_lines"};
    for (int i = 0; i < 6; i++) {
        lua_newtable(L);
        lua_setfield(L, -2, lists[i]);
    }
}

static void dir_of(const char *path, char *out, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(out, size, ".");
    else if (slash == path)
        snprintf(out, size, "/");
    else
        snprintf(out, size, "%.*s", (int)(slash - path), path);
}

static int rawfield(lua_State *L, int idx, const char *key);

typedef struct file_run {
    assay_lua *lua;
    const char *path, *shown;
    assay_frozen_upvalues **upvalues; /* NULL: not kept */
} file_run;

/* The protected part of run_file: every step can allocate, and the file's
 * top level and the freeze run under the budget. */
static int run_file_protected(lua_State *L)
{
    const file_run *run = lua_touserdata(L, 1);
    assay_lua *lua = run->lua;
    char dir[PATH_MAX], shown_dir[PATH_MAX], msg[1024];
    dir_of(run->path, dir, sizeof dir);
    dir_of(run->shown, shown_dir, sizeof shown_dir);
    push_declarations(L);
    int decl = lua_gettop(L);
    assay_lua_push_env(lua, dir, shown_dir);
    int env = lua_gettop(L);
    lua_pushvalue(L, decl);
    lua_pushlightuserdata(L, lua);
    lua_pushcclosure(L, d_plugin, 2);
    lua_setfield(L, env, "plugin");
    lua_pushvalue(L, decl);
    lua_pushlightuserdata(L, lua);
    lua_pushcclosure(L, d_rule, 2);
    lua_setfield(L, env, "rule");
    lua_pushvalue(L, decl);
    lua_pushlightuserdata(L, lua);
    lua_pushcclosure(L, d_domain, 2);
    lua_setfield(L, env, "domain");
    if (assay_lua_load_named(lua, run->path, run->shown, env, msg,
                             sizeof msg)) {
        lua_pushstring(L, msg);
        return lua_error(L);
    }
    if (run->upvalues && !*run->upvalues) {
        *run->upvalues = assay_frozen_upvalues_new(L);
        if (!*run->upvalues)
            return luaL_error(L, "out of memory");
    }
    lua->upvalues = run->upvalues ? *run->upvalues : NULL;
    lua_call(L, 0, 0);
    assay_lua_freeze(lua, env, lua->upvalues);
    /* The score functions and all they reach: their file-level locals. */
    lua_getfield(L, decl, "rules");
    for (lua_Integer i = 1; lua_rawgeti(L, -1, i) != LUA_TNIL; i++) {
        if (lua_istable(L, -1) && rawfield(L, -1, "score") == LUA_TFUNCTION)
            assay_frozen_freeze(L, -1, NULL, lua->upvalues);
        lua_settop(L, decl + 2);
    }
    lua_settop(L, decl);
    return 1;
}

/* Runs the file at path in a new environment with the declaration
 * functions, then freezes the environment and all it reaches, adding the
 * file-level locals to *upvalues when upvalues is not NULL. On success
 * leaves the declarations table on the stack and returns 0; on failure
 * leaves nothing and writes the message. */
static int run_file(assay_lua *lua, const char *path, const char *shown,
                    assay_frozen_upvalues **upvalues, char *err,
                    size_t err_size)
{
    lua_State *L = assay_sandbox_state(lua->sb);
    char msg[1024];
    file_run run = {lua, path, shown, upvalues};
    lua_pushcfunction(L, run_file_protected);
    lua_pushlightuserdata(L, &run);
    int failed = assay_sandbox_call(lua->sb, 1, 1, msg, sizeof msg);
    lua->upvalues = NULL;
    if (failed) {
        char named[1536];
        name_path(msg, shown, path, named, sizeof named);
        size_t n = strlen(path);
        /* A message with no position (the memory cap, the freeze) still
         * names the file. */
        if (strncmp(named, path, n) == 0 && named[n] == ':')
            snprintf(err, err_size, "%s", named);
        else
            snprintf(err, err_size, "%s: %s", path, named);
        return 1;
    }
    return 0;
}

/* ---- checking declarations -------------------------------------------- */

/* Declarations are data: their fields are read raw (no __index of the
 * file's runs) and described without __tostring. The checks run in a
 * protected call all the same (see check_declarations). */
static int rawfield(lua_State *L, int idx, const char *key)
{
    idx = lua_absindex(L, idx);
    if (assay_frozen_shadow(L, idx)) { /* a table the file's code reaches */
        lua_pushstring(L, key);
        int t = lua_rawget(L, -2);
        lua_remove(L, -2);
        return t;
    }
    lua_pushstring(L, key);
    return lua_rawget(L, idx);
}

/* Describes the value at idx for a message, with no metamethod: numbers
 * and strings as they are, other values by their type. Always pushes the
 * description (the callers pop it with the value). */
static const char *describe(lua_State *L, int idx)
{
    char buf[256];
    assay_sandbox_describe(L, idx, buf, sizeof buf);
    lua_pushstring(L, buf);
    return lua_tostring(L, -1);
}

/* Reports every key of the table at idx that is not in allowed. */
static void unknown_fields(lua_State *L, int idx, const char *const *allowed,
                           const char *where, const char *what,
                           const char *list, assay_problems *pr)
{
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        int known = 0;
        if (lua_type(L, -1) == LUA_TSTRING)
            for (const char *const *a = allowed; *a; a++)
                known |= strcmp(lua_tostring(L, -1), *a) == 0;
        if (!known) {
            lua_pushvalue(L, -1);
            assay_problems_add(pr, "%s: %s has an unknown field \"%s\"; %s",
                               where, what, describe(L, -1), list);
            lua_pop(L, 2);
        }
    }
}

/* A copy of the string field `key` of the table at idx, or NULL with a
 * problem when it is missing or not a non-empty string. */
static char *string_field(lua_State *L, int idx, const char *key,
                          const char *where, const char *what,
                          const char *example, assay_problems *pr)
{
    char *s = NULL;
    int t = rawfield(L, idx, key);
    size_t len = 0;
    const char *v = t == LUA_TSTRING ? lua_tolstring(L, -1, &len) : NULL;
    if (v && len > 0 && memchr(v, '\0', len))
        assay_problems_add(pr, "%s: %s: %s holds a NUL byte, which would cut "
                               "it short; remove it",
                           where, what, key);
    else if (v && len > 0)
        s = assay_strdup(v);
    else if (t == LUA_TNIL)
        assay_problems_add(pr, "%s: %s has no %s; add %s = %s", where, what,
                           key, key, example);
    else
        assay_problems_add(pr, "%s: %s: %s must be a non-empty string, "
                               "e.g. %s = %s",
                           where, what, key, key, example);
    lua_pop(L, 1);
    return s;
}

/* A copy of the domain field of the table at idx; NULL when absent (the
 * caller decides whether it may be) or not a string (a problem). Whether it
 * names a declared domain is checked when the plugin joins the set. */
static char *domain_field(lua_State *L, int idx, const char *where,
                          const char *what, assay_problems *pr)
{
    int t = rawfield(L, idx, "domain");
    char *d = NULL;
    if (t == LUA_TSTRING && strlen(lua_tostring(L, -1)) == lua_rawlen(L, -1))
        d = assay_strdup(lua_tostring(L, -1));
    else if (t != LUA_TNIL)
        assay_problems_add(pr, "%s: %s: domain must be a string naming a "
                               "declared domain, e.g. domain = \"soil\"",
                           where, what);
    lua_pop(L, 1);
    return d;
}

static const char *const domain_fields[] = {"name", "label", "description",
                                            NULL};

/* Adds the file's domain {...} declarations to p. */
static void check_domains(lua_State *L, int decl, const char *path,
                          assay_loaded_plugin *p, assay_problems *pr)
{
    lua_getfield(L, decl, "domains");
    int list = lua_gettop(L);
    lua_getfield(L, decl, "domain_lines");
    int lines = lua_gettop(L);
    lua_Integer n = (lua_Integer)lua_rawlen(L, list);
    for (lua_Integer i = 1; i <= n; i++) {
        char where[PATH_MAX + 32];
        lua_rawgeti(L, lines, i);
        snprintf(where, sizeof where, "%s:%d", path,
                 (int)lua_tointeger(L, -1));
        lua_pop(L, 1);
        lua_rawgeti(L, list, i);
        int t = lua_gettop(L);
        if (!lua_istable(L, t)) {
            assay_problems_add(pr, "%s: domain expects a table: domain { "
                                   "name = ..., label = ..., description = "
                                   "... }",
                               where);
            lua_settop(L, lines);
            continue;
        }
        const char *what = "domain";
        char *name = string_field(L, t, "name", where, what,
                                  "\"water_quality\"", pr);
        char *label = string_field(L, t, "label", where, what,
                                   "\"Water quality\"", pr);
        char *description = string_field(L, t, "description", where, what,
                                         "\"what the domain judges\"", pr);
        unknown_fields(L, t, domain_fields, where, what,
                       "a domain has name, label and description", pr);
        if (name && !assay_domain_name_valid(name))
            assay_problems_add(pr, "%s: domain name \"%s\" is not valid; use "
                                   "lower-case letters, digits and _, "
                                   "starting with a letter",
                               where, name);
        else if (name && label && description)
            assay_loaded_plugin_declare(p, name, label, description, where);
        free(name);
        free(label);
        free(description);
        lua_settop(L, lines);
    }
    lua_settop(L, list - 1);
}

static const char *const plugin_fields[] = {"name", "version", "domain",
                                            "description", NULL};
static const char *const rule_fields[] = {"id",          "domain", "weight",
                                          "description", "inputs", "score",
                                          NULL};

static int compare_inputs(const void *a, const void *b)
{
    return strcmp(((const assay_input_info *)a)->path,
                  ((const assay_input_info *)b)->path);
}

enum {
    INPUT_BAD_TYPE = -1,
    INPUT_BAD_DESCRIPTION = -2,
    INPUT_UNKNOWN_MEMBER = -3
};

static const char described_example[] =
    "e.g. [\"team.size\"] = { type = \"number\", description = \"the "
    "number of people in the team\" }";

/* One input's declaration at index v: a type name ("number"), or a table
 * { type = "number", description = "..." }. Returns the type, or an
 * INPUT_ code with the offending value pushed (the type, the description
 * or the unknown member's name); *description points into the
 * Lua string, valid while the table is on the stack. */
static int input_declaration(lua_State *L, int v, const char **description)
{
    *description = NULL;
    int kind = INPUT_BAD_TYPE;
    if (lua_type(L, v) == LUA_TSTRING)
        kind = assay_input_type_of(lua_tostring(L, v));
    if (lua_type(L, v) != LUA_TTABLE) {
        if (kind < 0)
            lua_pushvalue(L, v);
        return kind;
    }
    lua_pushnil(L);
    while (lua_next(L, v)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING ||
            (strcmp(lua_tostring(L, -1), "type") != 0 &&
             strcmp(lua_tostring(L, -1), "description") != 0))
            return INPUT_UNKNOWN_MEMBER; /* the key stays pushed */
    }
    int d = rawfield(L, v, "description");
    size_t len = 0;
    const char *text = d == LUA_TSTRING ? lua_tolstring(L, -1, &len) : NULL;
    if (d != LUA_TNIL && (!text || len == 0 || strlen(text) != len))
        return INPUT_BAD_DESCRIPTION; /* the description stays pushed */
    *description = text;
    lua_pop(L, 1); /* the string stays alive: the table holds it */
    rawfield(L, v, "type");
    kind = lua_type(L, -1) == LUA_TSTRING
                   ? assay_input_type_of(lua_tostring(L, -1))
                   : INPUT_BAD_TYPE;
    if (kind >= 0)
        lua_pop(L, 1);
    return kind; /* on INPUT_BAD_TYPE the type stays pushed */
}

/* The rule's inputs = { ["a.b"] = "number", ... } (the table at t) into r,
 * sorted by path: a table's order is not the same from run to run. */
static void inputs_field(lua_State *L, int t, const char *where,
                         const char *what, assay_rule_info *r,
                         assay_problems *pr)
{
    static const char example[] =
        "e.g. inputs = { [\"team.size\"] = \"number\" }";
    int type = rawfield(L, t, "inputs");
    int in = lua_gettop(L);
    if (type == LUA_TNIL) {
        lua_pop(L, 1);
        return;
    }
    size_t n = 0;
    if (type == LUA_TTABLE) {
        lua_pushnil(L);
        while (lua_next(L, in)) {
            lua_pop(L, 1);
            n++;
        }
    }
    if (n == 0) {
        assay_problems_add(pr, "%s: %s: inputs must be a table of the record "
                               "fields the rule reads and their types, %s; "
                               "leave it out if the rule declares none",
                           where, what, example);
        lua_pop(L, 1);
        return;
    }
    r->inputs = calloc(n, sizeof *r->inputs);
    if (!r->inputs) {
        fputs("assay: out of memory\n", stderr);
        abort();
    }
    lua_pushnil(L);
    while (lua_next(L, in)) {
        size_t len = 0;
        const char *path = lua_type(L, -2) == LUA_TSTRING
                               ? lua_tolstring(L, -2, &len)
                               : NULL;
        const char *description = NULL;
        int valid = path && assay_input_path_valid(path, len);
        int kind = valid ? input_declaration(L, lua_gettop(L), &description)
                         : INPUT_BAD_TYPE;
        if (!valid) {
            lua_pushvalue(L, -2);
            assay_problems_add(pr, "%s: %s: input %s is not a field path; "
                                   "name it from the record root with dots, "
                                   "%s",
                               where, what, describe(L, -1), example);
            lua_pop(L, 2);
        } else if (kind == INPUT_BAD_DESCRIPTION) {
            int empty = lua_type(L, -1) == LUA_TSTRING && lua_rawlen(L, -1) == 0;
            assay_problems_add(pr, "%s: %s: input \"%s\" has %s%s; give "
                                   "its description in plain words for the "
                                   "applicant, %s",
                               where, what, path,
                               empty ? "an empty description" : "description ",
                               empty ? "" : describe(L, -1),
                               described_example);
            if (empty)
                lua_pushnil(L); /* in place of describe's text */
            lua_pop(L, 2); /* the value shown, its text */
        } else if (kind == INPUT_UNKNOWN_MEMBER) {
            assay_problems_add(pr, "%s: %s: input \"%s\" has a member %s; "
                                   "an input's table has only type and "
                                   "description, %s",
                               where, what, path, describe(L, -1),
                               described_example);
            lua_pop(L, 2); /* the value shown, its text */
        } else if (kind < 0) {
            assay_problems_add(pr, "%s: %s: input \"%s\" has type %s; use "
                                   "one of %s",
                               where, what, path, describe(L, -1),
                               assay_input_type_list());
            lua_pop(L, 2); /* the value shown, its text */
        } else {
            assay_input_info *info = &r->inputs[r->input_count++];
            info->path = assay_strdup(path);
            info->type = (assay_input_type)kind;
            info->description = description ? assay_strdup(description) : NULL;
        }
        lua_pop(L, 1);
    }
    qsort(r->inputs, r->input_count, sizeof *r->inputs, compare_inputs);
    lua_pop(L, 1);
}

/* Fills p's identity from the plugin declaration at index 1 of decl. */
static void check_plugin(lua_State *L, int decl, const char *path,
                         assay_loaded_plugin *p, assay_problems *pr)
{
    char where[PATH_MAX + 32];
    lua_getfield(L, decl, "plugin_lines");
    lua_rawgeti(L, -1, 1);
    snprintf(where, sizeof where, "%s:%d", path, (int)lua_tointeger(L, -1));
    lua_pop(L, 2);
    lua_getfield(L, decl, "plugins");
    if (lua_rawlen(L, -1) > 1) {
        lua_getfield(L, decl, "plugin_lines");
        lua_rawgeti(L, -1, 2);
        assay_problems_add(pr, "%s:%d: a second plugin {...}; a file is one "
                               "plugin, declared once at the top",
                           path, (int)lua_tointeger(L, -1));
        lua_pop(L, 2);
    }
    lua_rawgeti(L, -1, 1);
    int t = lua_gettop(L);
    if (!lua_istable(L, t)) {
        assay_problems_add(pr, "%s: plugin expects a table: plugin { name = "
                               "..., version = ..., domain = ..., "
                               "description = ... }",
                           where);
        lua_pop(L, 2);
        return;
    }
    const char *what = "plugin";
    p->name = string_field(L, t, "name", where, what, "\"my_rules\"", pr);
    p->version = string_field(L, t, "version", where, what, "\"1.0.0\"", pr);
    p->description = string_field(L, t, "description", where, what,
                                  "\"what these rules judge\"", pr);
    if (rawfield(L, t, "domain") == LUA_TNIL)
        assay_problems_add(pr, "%s: plugin has no domain; add domain = "
                               "\"...\" naming a domain declared with "
                               "domain { name = ..., label = ..., "
                               "description = ... }",
                           where);
    lua_pop(L, 1);
    p->domain = -1;
    p->domain_name = domain_field(L, t, where, what, pr);
    unknown_fields(L, t, plugin_fields, where, what,
                   "a plugin has name, version, domain and description", pr);
    lua_pop(L, 2);
}

/* Checks rule i (from 1) of decl into r; the rule's domain defaults to the
 * plugin's. */
static void check_rule(lua_State *L, int decl, lua_Integer i,
                       const char *path, assay_rule_info *r,
                       assay_problems *pr)
{
    lua_getfield(L, decl, "rule_lines");
    lua_rawgeti(L, -1, i);
    r->line = (int)lua_tointeger(L, -1);
    lua_pop(L, 2);
    char where[PATH_MAX + 32], what[256];
    snprintf(where, sizeof where, "%s:%d", path, r->line);
    lua_getfield(L, decl, "rules");
    lua_rawgeti(L, -1, i);
    int t = lua_gettop(L);
    r->domain = -1;
    if (!lua_istable(L, t)) {
        assay_problems_add(pr, "%s: rule expects a table: rule { id = ..., "
                               "weight = ..., description = ..., score = "
                               "function(app) ... end }",
                           where);
        lua_pop(L, 2);
        return;
    }
    r->id = string_field(L, t, "id", where, "rule", "\"domain.rule_name\"",
                         pr);
    snprintf(what, sizeof what, "rule \"%s\"", r->id ? r->id : "?");
    r->description = string_field(L, t, "description", where, what,
                                  "\"what the rule judges\"", pr);
    r->domain_name = domain_field(L, t, where, what, pr);
    int type = rawfield(L, t, "weight");
    r->weight = lua_tonumber(L, -1);
    if (type != LUA_TNUMBER || !(r->weight > 0) ||
        r->weight > ASSAY_MAX_WEIGHT)
        assay_problems_add(pr, "%s: %s: weight %s is not a positive number; "
                               "give it a weight above 0, e.g. weight = 1.0",
                           where, what,
                           type == LUA_TNIL ? "is missing and"
                           : type == LUA_TSTRING
                               ? lua_pushfstring(L, "\"%s\"",
                                                 lua_tostring(L, -1))
                               : describe(L, -1));
    lua_settop(L, t);
    inputs_field(L, t, where, what, r, pr);
    if (rawfield(L, t, "score") != LUA_TFUNCTION)
        assay_problems_add(pr, "%s: %s has no score function; add score = "
                               "function(app) ... return score, reason end",
                           where, what);
    lua_pop(L, 1);
    unknown_fields(L, t, rule_fields, where, what,
                   "a rule has id, domain, weight, description, inputs and "
                   "score",
                   pr);
    lua_pop(L, 2);
}

typedef struct declaration_check {
    const char *path;
    assay_loaded_plugin *p;
    assay_problems *problems;
} declaration_check;

/* check_plugin and check_rule for every rule (arguments: the check, the
 * declarations), in a protected call under the budget: a declaration is
 * the file's value, and reading it allocates. */
static int check_declarations(lua_State *L)
{
    declaration_check *c = lua_touserdata(L, 1);
    assay_loaded_plugin *p = c->p;
    check_domains(L, 2, c->path, p, c->problems);
    check_plugin(L, 2, c->path, p, c->problems);
    /* The plugin's own domain declares itself when the file does not
     * declare it (label = name), as an ABI 1 descriptor's does. */
    if (p->domain_name && assay_domain_name_valid(p->domain_name)) {
        int own = 0;
        for (size_t i = 0; i < p->domain_count; i++)
            own |= strcmp(p->domains[i].name, p->domain_name) == 0;
        if (!own) { /* first: the plugin's domain leads its list */
            assay_loaded_plugin_declare(p, p->domain_name, NULL, NULL,
                                        c->path);
            assay_domain implicit = p->domains[p->domain_count - 1];
            memmove(p->domains + 1, p->domains,
                    (p->domain_count - 1) * sizeof *p->domains);
            p->domains[0] = implicit;
        }
    }
    for (size_t i = 0; i < p->rule_count; i++)
        check_rule(L, 2, (lua_Integer)i + 1, c->path, &p->rules[i],
                   c->problems);
    return 0;
}

/* Rule ids must be unique within the file and across the set. */
static void check_ids(const assay_plugin_set *set,
                      const assay_loaded_plugin *p, assay_problems *pr)
{
    for (size_t i = 0; i < set->count; i++)
        if (p->name && strcmp(set->items[i]->name, p->name) == 0)
            assay_problems_add(pr, "%s: a plugin named \"%s\" is already "
                                   "loaded from %s; %s",
                               p->path, p->name, set->items[i]->path,
                               assay_plugin_name_taken_hint(
                                   set->items[i],
                                   "give this one another name"));
    for (size_t r = 0; r < p->rule_count; r++) {
        const assay_rule_info *rule = &p->rules[r];
        if (!rule->id)
            continue;
        for (size_t i = 0; i < set->refused_count; i++) {
            const assay_rule_info *other =
                assay_plugin_rule(set->refused[i], rule->id);
            if (other)
                assay_problems_add(pr, "%s:%d: rule id \"%s\" is also "
                                       "declared at %s:%d; rule ids must be "
                                       "unique, rename one",
                                   p->path, rule->line, rule->id,
                                   set->refused[i]->path, other->line);
        }
        for (size_t q = 0; q < r; q++)
            if (p->rules[q].id && strcmp(p->rules[q].id, rule->id) == 0)
                assay_problems_add(pr, "%s:%d: rule id \"%s\" is already "
                                       "declared at line %d; give each rule "
                                       "its own id",
                                   p->path, rule->line, rule->id,
                                   p->rules[q].line);
        for (size_t i = 0; i < set->count; i++) {
            const assay_rule_info *other =
                assay_plugin_rule(set->items[i], rule->id);
            if (!other)
                continue;
            if (other->line > 0)
                assay_problems_add(pr, "%s:%d: rule id \"%s\" is already "
                                       "declared by plugin \"%s\" at %s:%d; "
                                       "rule ids must be unique, rename one",
                                   p->path, rule->line, rule->id,
                                   set->items[i]->name, set->items[i]->path,
                                   other->line);
            else
                assay_problems_add(pr, "%s:%d: rule id \"%s\" is already "
                                       "declared by compiled plugin \"%s\" "
                                       "(%s); rule ids must be unique, "
                                       "rename yours",
                                   p->path, rule->line, rule->id,
                                   set->items[i]->name, set->items[i]->path);
        }
    }
}

/* ---- plugin operations ------------------------------------------------ */

/* What a Lua plugin keeps beyond the host's fields (p->impl). */
typedef struct lua_program {
    char *shown; /* the path error findings name */
    /* Each rule's declared inputs, split once at load: paths[i] has
     * p->rules[i].input_count entries. */
    assay_field_path **paths;
    size_t rule_count;
} lua_program;

/* 0 when rule i declares inputs and none is in the record: it would
 * return nothing, so it is not called at all. */
static int rule_applies(const lua_program *prog, const assay_rule_info *rule,
                        size_t i, const cJSON *root)
{
    if (rule->input_count == 0)
        return 1;
    for (size_t k = 0; k < rule->input_count; k++)
        if (assay_field_path_find(&prog->paths[i][k], root))
            return 1;
    return 0;
}

static const char *shown_of(const assay_loaded_plugin *p)
{
    const lua_program *prog = p->impl;
    return prog ? prog->shown : p->path;
}

typedef struct lua_instance {
    assay_lua *lua;
    int functions; /* registry ref: the score functions, in rule order */
    assay_frozen_upvalues *upvalues; /* the file-level locals */
} lua_instance;

typedef struct collect {
    const assay_loaded_plugin *p;
    int same;      /* the rules declared are those loaded */
    int functions; /* their score functions, a registry ref */
} collect;

/* Takes the score functions out of the declarations (argument 2), in a
 * protected call: the table and the reference allocate. */
static int collect_functions(lua_State *L)
{
    collect *c = lua_touserdata(L, 1);
    lua_getfield(L, 2, "rules");
    int rules = lua_gettop(L);
    c->same = lua_rawlen(L, rules) == c->p->rule_count;
    lua_createtable(L, (int)c->p->rule_count, 0);
    for (size_t i = 0; c->same && i < c->p->rule_count; i++) {
        lua_rawgeti(L, rules, (lua_Integer)i + 1);
        int rule = lua_gettop(L);
        c->same = lua_istable(L, rule) &&
                  rawfield(L, rule, "id") == LUA_TSTRING &&
                  strcmp(lua_tostring(L, -1), c->p->rules[i].id) == 0 &&
                  rawfield(L, rule, "score") == LUA_TFUNCTION;
        if (c->same)
            lua_rawseti(L, rules + 1, (lua_Integer)i + 1);
        lua_settop(L, rules + 1);
    }
    if (c->same)
        c->functions = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

static int lua_instance_new(assay_loaded_plugin *p, struct assay_worker *w,
                            void **instance, char *err, size_t err_size)
{
    /* A state of its own for each file: its memory cap is its own (one
     * file at its cap cannot fail another's rules) and no helper module or
     * string cache is shared with another file. */
    assay_lua *lua = assay_lua_new(&w->engine->lua_limits, err, err_size);
    if (!lua)
        return 1;
    lua_State *L = assay_sandbox_state(lua->sb);
    lua_instance *li = calloc(1, sizeof *li);
    if (!li) {
        snprintf(err, err_size, "out of memory");
        goto fail;
    }
    li->lua = lua;
    if (run_file(lua, p->path, shown_of(p), &li->upvalues, err, err_size))
        goto fail;
    collect c = {p, 0, LUA_NOREF};
    char msg[1024];
    lua_pushcfunction(L, collect_functions);
    lua_pushlightuserdata(L, &c);
    lua_pushvalue(L, -3);
    int failed = assay_sandbox_call(lua->sb, 2, 0, msg, sizeof msg);
    lua_pop(L, 1); /* the declarations */
    if (failed) {
        snprintf(err, err_size, "%s: %s", p->path, msg);
        goto fail;
    }
    if (!c.same) {
        snprintf(err, err_size,
                 "%s: declared other rules when run again for a worker; a "
                 "rule file must declare the same rules every time it runs",
                 p->path);
        goto fail;
    }
    li->functions = c.functions;
    lua->refs++;
    *instance = li;
    return 0;
fail:
    if (li)
        assay_frozen_upvalues_free(L, li->upvalues);
    free(li);
    if (lua->refs == 0)
        assay_lua_free(lua);
    return 1;
}

static void error_finding(assay_ctx *ctx, const assay_rule_info *rule,
                          const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void error_finding(assay_ctx *ctx, const assay_rule_info *rule,
                          const char *fmt, ...)
{
    char msg[1536];
    int n = snprintf(msg, sizeof msg, "%s:%d: ", shown_of(ctx->plugin),
                     rule->line);
    va_list ap;
    va_start(ap, fmt);
    if (n > 0 && (size_t)n < sizeof msg)
        vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
    va_end(ap);
    assay_result_add_error(ctx->result, rule->id, ctx->plugin->name,
                           rule->domain, msg);
}

/* One rule's call on one record, as the protected part sees it. */
typedef struct rule_call {
    assay_lua *lua;
    lua_instance *li;
    size_t index;  /* of the rule */
    int applies;   /* it returned a score (and its reason is the result) */
    double score;
    char problem[1024]; /* what the rule returned wrong, or "" */
} rule_call;

/* Checks what a score function returned (score, reason at s, s + 1) into
 * call: the score, or a problem that says what to return. */
static void check_result(lua_State *L, int s, rule_call *call)
{
    call->problem[0] = '\0';
    call->applies = 0;
    if (lua_isnil(L, s))
        return; /* does not apply */
    if (lua_type(L, s) != LUA_TNUMBER) {
        snprintf(call->problem, sizeof call->problem,
                 "rule returned a %s (%s) where a score was expected; "
                 "return a number in [0, 1] and a reason, or nil when the "
                 "rule does not apply",
                 assay_lua_is_record(L, s) ? "record" : luaL_typename(L, s),
                 assay_lua_is_record(L, s) ? "the record or a part of it"
                                           : describe(L, s));
        return;
    }
    double score = lua_tonumber(L, s);
    if (isnan(score)) {
        snprintf(call->problem, sizeof call->problem,
                 "rule returned NaN (not a number) as its score, often a "
                 "division by zero; return a number in [0, 1]");
        return;
    }
    if (!(score >= 0 && score <= 1)) {
        snprintf(call->problem, sizeof call->problem,
                 "rule returned score %g, outside [0, 1]; keep it in range "
                 "with clamp() or scale()",
                 score);
        return;
    }
    if (lua_type(L, s + 1) != LUA_TSTRING) {
        snprintf(call->problem, sizeof call->problem,
                 "rule returned score %g with a %s instead of a reason; "
                 "return score, \"why, quoting the data\"",
                 score, luaL_typename(L, s + 1));
        return;
    }
    call->score = score;
    call->applies = 1;
}

/* The protected part of a rule call (arguments: call, the record): the
 * score function's call, the check of what it returned, and the check that
 * it left the file's state as it was, all under the rule's budget. Returns
 * the reason when the rule applies. */
static int call_rule(lua_State *L)
{
    rule_call *call = lua_touserdata(L, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, call->li->functions);
    lua_rawgeti(L, -1, (lua_Integer)call->index + 1);
    lua_pushvalue(L, 2);
    lua_call(L, 1, 2);
    check_result(L, lua_gettop(L) - 1, call);
    char name[128];
    if (assay_frozen_check_upvalues(L, call->li->upvalues, name,
                                    sizeof name))
        return luaL_error(L, "the rule changed the file-level variable "
                             "'%s' (put back); a rule may not keep anything "
                             "from one record to the next, so results do "
                             "not depend on record order or -j: make it a "
                             "local inside the score function",
                          name);
    return 1;
}

static int push_record(lua_State *L)
{
    assay_lua_push_json(L, lua_touserdata(L, 1));
    return 1;
}

/* Files the finding whose reason is on the stack top, cleaned when it
 * holds a NUL or is too long. */
static void add_finding(lua_State *L, assay_ctx *ctx,
                        const assay_rule_info *rule, double score)
{
    size_t len;
    const char *reason = lua_tolstring(L, -1, &len);
    char clean[ASSAY_LUA_MAX_REASON + 4];
    if (len > ASSAY_LUA_MAX_REASON || memchr(reason, '\0', len)) {
        assay_lua_clean_reason(reason, len, clean, sizeof clean);
        reason = clean;
    }
    assay_result_add_finding(ctx->result, rule->id, ctx->plugin->name,
                             rule->domain, score, rule->weight, reason);
}

typedef struct evaluation {
    assay_loaded_plugin *p;
    lua_instance *li;
    assay_ctx *ctx;
} evaluation;

static void evaluate_rules(void *ud)
{
    evaluation *e = ud;
    assay_loaded_plugin *p = e->p;
    assay_ctx *ctx = e->ctx;
    assay_lua *lua = e->li->lua;
    lua_State *L = assay_sandbox_state(lua->sb);
    int base = lua_gettop(L);
    char msg[1024], full[1024];
    lua->generation++;
    lua_pushcfunction(L, push_record); /* one proxy for every rule */
    lua_pushlightuserdata(L, (void *)ctx->root);
    int failed = assay_sandbox_call(lua->sb, 1, 1, msg, sizeof msg);
    for (size_t i = 0; i < p->rule_count; i++) {
        const assay_rule_info *rule = &p->rules[i];
        if (!rule_applies(p->impl, rule, i, ctx->root))
            continue;
        if (failed) {
            error_finding(ctx, rule, "rule not run: %s", msg);
            continue;
        }
        rule_call call; /* not zeroed: the record's hottest loop */
        call.lua = lua;
        call.li = e->li;
        call.index = i;
        lua->ctx = ctx;
        lua->upvalues = e->li->upvalues;
        lua_pushcfunction(L, call_rule);
        lua_pushlightuserdata(L, &call);
        lua_pushvalue(L, base + 1);
        unsigned long long t0 = ctx->rule_ns ? assay_now_ns() : 0;
        int rule_failed = assay_sandbox_call(lua->sb, 2, 1, msg, sizeof msg);
        if (ctx->rule_ns)
            ctx->rule_ns[i] += assay_now_ns() - t0;
        if (rule_failed) {
            assay_lua_drop_marks(lua);
            assay_lua_full_source(msg, shown_of(p), full, sizeof full);
            const char *hint =
                strstr(msg, "instruction budget")
                    ? assay_wording("; raise --lua-instructions if the rule "
                                    "really needs more",
                                    "; raise the instruction limit "
                                    "(assay_engine_set_lua_limits) if the "
                                    "rule really needs more")
                : strstr(msg, "memory cap")
                    ? assay_wording("; raise --lua-memory if the rules "
                                    "really need more",
                                    "; raise the memory limit "
                                    "(assay_engine_set_lua_limits) if the "
                                    "rules really need more")
                    : "";
            error_finding(ctx, rule, "rule failed: %s%s", full, hint);
        } else if (call.problem[0]) {
            assay_lua_drop_marks(lua);
            error_finding(ctx, rule, "%s", call.problem);
        } else {
            assay_lua_commit_marks(lua, rule);
            if (call.applies)
                add_finding(L, ctx, rule, call.score);
        }
        lua_settop(L, base + 1);
        lua->ctx = NULL;
        lua->upvalues = NULL;
    }
    lua->generation++; /* proxies kept past this call are now stale */
    lua_settop(L, base);
}

static int lua_evaluate(assay_loaded_plugin *p, void *instance,
                        assay_ctx *ctx)
{
    lua_instance *li = instance;
    evaluation e = {p, li, ctx};
    char msg[1024];
    if (assay_sandbox_guard(li->lua->sb, evaluate_rules, &e, msg,
                            sizeof msg)) {
        li->lua->ctx = NULL;
        li->lua->upvalues = NULL;
        for (size_t i = 0; i < p->rule_count; i++)
            error_finding(ctx, &p->rules[i], "rule not run: %s", msg);
    }
    return 0;
}

static void lua_instance_free(assay_loaded_plugin *p, void *instance)
{
    (void)p;
    lua_instance *li = instance;
    if (!li)
        return;
    assay_lua *lua = li->lua;
    lua_State *L = assay_sandbox_lost(lua->sb) ? NULL
                                               : assay_sandbox_state(lua->sb);
    if (L)
        luaL_unref(L, LUA_REGISTRYINDEX, li->functions);
    assay_frozen_upvalues_free(L, li->upvalues);
    free(li);
    if (--lua->refs == 0)
        assay_lua_free(lua);
}

static void lua_unload(assay_loaded_plugin *p)
{
    lua_program *prog = p->impl;
    if (prog) {
        free(prog->shown);
        for (size_t i = 0; prog->paths && i < prog->rule_count; i++) {
            for (size_t k = 0; prog->paths[i] && k < p->rules[i].input_count;
                 k++)
                assay_field_path_free(&prog->paths[i][k]);
            free(prog->paths[i]);
        }
        free(prog->paths);
    }
    free(prog);
    p->impl = NULL;
}

static const assay_plugin_ops lua_ops = {lua_instance_new, lua_evaluate,
                                         lua_instance_free, lua_unload};

/* ---- loading ---------------------------------------------------------- */

assay_lua_load_status assay_lua_load_file(assay_plugin_set *set,
                                          const char *path, const char *shown,
                                          const assay_sandbox_limits *limits,
                                          int helper_ok,
                                          assay_problems *problems)
{
    if (!shown)
        shown = path;
    char err[1024];
    assay_lua *lua = assay_lua_new(limits, err, sizeof err);
    if (!lua) {
        assay_problems_add(problems, "%s: %s", path, err);
        return ASSAY_LUA_PROBLEMS;
    }
    lua_State *L = assay_sandbox_state(lua->sb);
    if (run_file(lua, path, shown, NULL, err, sizeof err)) {
        assay_problems_add(problems, "%s", err);
        assay_lua_free(lua);
        return ASSAY_LUA_PROBLEMS;
    }
    int decl = lua_gettop(L);
    lua_getfield(L, decl, "plugins");
    size_t plugins = lua_rawlen(L, -1);
    lua_getfield(L, decl, "rules");
    size_t rules = lua_rawlen(L, -1);
    lua_pop(L, 2);
    if (plugins == 0) {
        assay_lua_load_status st = ASSAY_LUA_HELPER;
        if (rules > 0) {
            lua_getfield(L, decl, "rule_lines");
            lua_rawgeti(L, -1, 1);
            assay_problems_add(problems,
                               "%s:%d: rules declared without a plugin; "
                               "start the file with plugin { name = ..., "
                               "version = ..., domain = ..., description = "
                               "... }",
                               path, (int)lua_tointeger(L, -1));
            st = ASSAY_LUA_PROBLEMS;
        } else if (!helper_ok) {
            assay_problems_add(problems,
                               "%s: declares no plugin and no rules; a rule "
                               "file starts with plugin { name = ..., "
                               "version = ..., domain = ..., description = "
                               "... } and declares rules with rule { ... }",
                               path);
            st = ASSAY_LUA_PROBLEMS;
        }
        assay_lua_free(lua);
        return st;
    }
    size_t before = problems->count;
    assay_loaded_plugin *p = calloc(1, sizeof *p);
    if (!p) {
        assay_problems_add(problems, "%s: out of memory", path);
        assay_lua_free(lua);
        return ASSAY_LUA_PROBLEMS;
    }
    p->kind = ASSAY_KIND_LUA;
    p->path = assay_strdup(path);
    p->thread_model = ASSAY_THREAD_PER_WORKER;
    p->abi_version = ASSAY_ABI_VERSION;
    p->config_json = assay_strdup("{}");
    lua_program *prog = calloc(1, sizeof *prog);
    if (!prog) {
        fputs("assay: out of memory\n", stderr);
        abort();
    }
    prog->shown = assay_strdup(shown);
    p->impl = prog;
    p->rules = calloc(rules ? rules : 1, sizeof *p->rules);
    if (!p->rules) {
        fputs("assay: out of memory\n", stderr);
        abort();
    }
    p->rule_count = rules;
    declaration_check check = {path, p, problems};
    lua_pushcfunction(L, check_declarations);
    lua_pushlightuserdata(L, &check);
    lua_pushvalue(L, decl);
    if (assay_sandbox_call(lua->sb, 2, 0, err, sizeof err))
        assay_problems_add(problems, "%s: the declarations could not be "
                                     "checked: %s",
                           path, err);
    if (rules == 0)
        assay_problems_add(problems, "%s: plugin \"%s\" declares no rules; "
                                     "add rule { ... } declarations",
                           path, p->name ? p->name : "?");
    check_ids(set, p, problems);
    assay_lua_free(lua);
    prog->paths = calloc(rules ? rules : 1, sizeof *prog->paths);
    if (!prog->paths) {
        fputs("assay: out of memory\n", stderr);
        abort();
    }
    prog->rule_count = rules;
    for (size_t i = 0; i < rules; i++) {
        size_t n = p->rules[i].input_count;
        prog->paths[i] = calloc(n ? n : 1, sizeof **prog->paths);
        if (!prog->paths[i]) {
            fputs("assay: out of memory\n", stderr);
            abort();
        }
        for (size_t k = 0; k < n; k++)
            if (assay_field_path_init(&prog->paths[i][k],
                                      p->rules[i].inputs[k].path)) {
                fputs("assay: out of memory\n", stderr);
                abort();
            }
    }
    /* The host's fields may not be NULL once the plugin is in a set. */
    if (!p->name)
        p->name = assay_strdup("?");
    if (!p->version)
        p->version = assay_strdup("");
    if (!p->description)
        p->description = assay_strdup("");
    for (size_t i = 0; i < rules; i++) {
        if (!p->rules[i].id)
            p->rules[i].id = assay_strdup("?");
        if (!p->rules[i].description)
            p->rules[i].description = assay_strdup("");
    }
    p->ops = &lua_ops;
    if (problems->count > before) {
        assay_loaded_plugin **grown = realloc(
            set->refused, (set->refused_count + 1) * sizeof *grown);
        if (grown) {
            set->refused = grown;
            set->refused[set->refused_count++] = p;
        } else {
            assay_loaded_plugin_free(p);
        }
        return ASSAY_LUA_PROBLEMS;
    }
    if (assay_plugin_set_add(set, p, err, sizeof err)) {
        assay_problems_add(problems, "%s", err);
        return ASSAY_LUA_PROBLEMS;
    }
    return ASSAY_LUA_LOADED;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

int assay_lua_is_test_file_name(const char *name)
{
    return ends_with(name, "_test.lua");
}

int assay_lua_is_rule_file_name(const char *name)
{
    return ends_with(name, ".lua") && !assay_lua_is_test_file_name(name) &&
           name[0] != '.';
}

void assay_lua_shown_name(const char *dir, const char *path, char *out,
                          size_t out_size)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    size_t start = n;
    while (start > 0 && dir[start - 1] != '/')
        start--;
    if (strncmp(path, dir, n) == 0 && path[n] == '/' && start < n)
        snprintf(out, out_size, "%.*s%s", (int)(n - start), dir + start,
                 path + n);
    else
        snprintf(out, out_size, "%s", path);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t assay_lua_load_path(assay_plugin_set *set, const char *path,
                           const assay_sandbox_limits *limits,
                           assay_problems *problems)
{
    size_t before = problems->count;
    struct stat st;
    if (stat(path, &st) != 0) {
        assay_problems_add(problems, "%s: no such rule file or directory",
                           path);
        return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
        assay_lua_load_file(set, path, NULL, limits, 0, problems);
        return problems->count - before;
    }
    DIR *d = opendir(path);
    if (!d) {
        assay_problems_add(problems, "%s: cannot read the directory: %m",
                           path);
        return 1;
    }
    char **names = NULL;
    size_t count = 0;
    struct dirent *ent;
    while ((ent = readdir(d))) {
        if (!assay_lua_is_rule_file_name(ent->d_name))
            continue;
        char **grown = realloc(names, (count + 1) * sizeof *grown);
        if (!grown)
            break;
        names = grown;
        names[count++] = assay_strdup(ent->d_name);
    }
    closedir(d);
    if (count) /* qsort must not see a NULL list */
        qsort(names, count, sizeof *names, compare_names);
    size_t loaded = 0;
    for (size_t i = 0; i < count; i++) {
        char file[PATH_MAX], shown[PATH_MAX];
        snprintf(file, sizeof file, "%s/%s", path, names[i]);
        assay_lua_shown_name(path, file, shown, sizeof shown);
        loaded += assay_lua_load_file(set, file, shown, limits, 1,
                                      problems) == ASSAY_LUA_LOADED;
        free(names[i]);
    }
    free(names);
    if (loaded == 0 && problems->count == before)
        assay_problems_add(problems, "%s: no rule files (*.lua declaring a "
                                     "plugin) found",
                           path);
    return problems->count - before;
}
