/* The environment rule files run in: the sandbox's safe globals plus the
 * rule helpers, require of helper files, and globals frozen once a file
 * has loaded. */
#include "engine/lua_env.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>

#include "engine/host.h"
#include "engine/lua_record.h"
#include "lua/lua_text.h"

#define MODULES "assay.modules"

/* ---- loading a file under the name findings show --------------------- */

int assay_lua_load_named(assay_lua *lua, const char *path, const char *shown,
                      int env, char *err, size_t err_size)
{
    char name[PATH_MAX + 2];
    snprintf(name, sizeof name, "@%s", shown);
    return assay_sandbox_load_file_as(lua->sb, path, name, env, err,
                                      err_size);
}

/* ---- helpers for rule authors ----------------------------------------- */

static int h_clamp(lua_State *L)
{
    if (lua_isnoneornil(L, 1)) {
        lua_pushnil(L);
        return 1;
    }
    lua_Number x = luaL_checknumber(L, 1);
    lua_Number lo = luaL_optnumber(L, 2, 0), hi = luaL_optnumber(L, 3, 1);
    luaL_argcheck(L, lo <= hi, 3, "upper bound below the lower bound");
    lua_pushnumber(L, x <= lo ? lo : x > hi ? hi : x);
    return 1;
}

static int h_scale(lua_State *L)
{
    if (lua_isnoneornil(L, 1)) {
        lua_pushnil(L);
        return 1;
    }
    lua_Number x = luaL_checknumber(L, 1);
    lua_Number lo = luaL_checknumber(L, 2), hi = luaL_checknumber(L, 3);
    luaL_argcheck(L, lo != hi, 3, "the bounds must differ");
    lua_Number t = (x - lo) / (hi - lo);
    lua_pushnumber(L, t <= 0 ? 0 : t > 1 ? 1 : t); /* never -0 */
    return 1;
}

static int is_container(lua_State *L, int idx)
{
    return lua_istable(L, idx) || assay_lua_is_record(L, idx);
}

static int h_contains(lua_State *L)
{
    if (lua_isnoneornil(L, 1)) {
        lua_pushboolean(L, 0);
        return 1;
    }
    luaL_argexpected(L, is_container(L, 1), 1, "list");
    lua_Integer n = luaL_len(L, 1);
    for (lua_Integer i = 1; i <= n; i++) {
        if (i % 64 == 0) /* a __len can claim any length */
            assay_sandbox_charge(L, 256, "contains");
        lua_geti(L, 1, i);
        int equal = lua_compare(L, -1, 2, LUA_OPEQ);
        lua_pop(L, 1);
        if (equal) {
            lua_pushboolean(L, 1);
            return 1;
        }
    }
    lua_pushboolean(L, 0);
    return 1;
}

/* The value at the top checked against get's expected type (arg 3). */
static int typed(lua_State *L, const char *path)
{
    if (lua_isnoneornil(L, 3) || lua_isnil(L, -1))
        return 1;
    const char *want = luaL_checkstring(L, 3);
    const char *got = assay_lua_is_record(L, -1) ? "table"
                                                 : luaL_typename(L, -1);
    if (strcmp(want, got) == 0)
        return 1;
    char value[128];
    return luaL_error(L, "%s must be a %s, got a %s (%s); fix the record's "
                         "field",
                      path, want, got,
                      assay_lua_is_record(L, -1)
                          ? "a part of the record"
                          : assay_sandbox_describe(L, -1, value,
                                                   sizeof value));
}

/* get(t, "a.b.1" [, type]): nil as soon as a step is missing or not a
 * table; with a type name, a value of another type is an error. */
static int h_get(lua_State *L)
{
    size_t path_len;
    const char *path = luaL_checklstring(L, 2, &path_len);
    if (path_len > 256) /* strchr walks it */
        assay_sandbox_charge(L, (long)(path_len / 4), "get");
    lua_settop(L, 3);
    if (assay_lua_record_get(L, 1, path))
        return typed(L, path);
    lua_pushvalue(L, 1);
    const char *p = path;
    for (;;) {
        if (!is_container(L, -1)) {
            lua_pushnil(L);
            return 1;
        }
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        char *end = (char *)p;
        long index = *p >= '0' && *p <= '9' ? strtol(p, &end, 10) : 0;
        if (n > 0 && end == p + n)
            lua_geti(L, -1, index);
        else {
            lua_pushlstring(L, p, n);
            lua_gettable(L, -2);
        }
        lua_remove(L, -2);
        if (!dot)
            return typed(L, path);
        p = dot + 1;
    }
}

/* type() that calls a record "table", which is how rules use it. */
static int h_type(lua_State *L)
{
    luaL_checkany(L, 1);
    lua_pushstring(L, assay_lua_is_record(L, 1) ? "table"
                                                : luaL_typename(L, 1));
    return 1;
}

static int frozen_write(lua_State *L)
{
    return luaL_error(L,
                      "assignment to global '%s' while rules run: globals "
                      "are read-only once the file has loaded, so every "
                      "worker computes the same; use a local variable",
                      lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2)
                                                    : luaL_typename(L, 2));
}

static assay_lua *self(lua_State *L)
{
    return lua_touserdata(L, lua_upvalueindex(1));
}

void assay_lua_clean_reason(const char *s, size_t len, char *out,
                            size_t out_size)
{
    size_t max = out_size > 4 ? out_size - 4 : 0;
    int cut = len > max;
    if (cut) {
        len = max;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--; /* not inside a UTF-8 sequence */
    }
    for (size_t i = 0; i < len; i++)
        out[i] = s[i] ? s[i] : '?';
    if (cut)
        memcpy(out + len, "...", 3), len += 3;
    if (out_size)
        out[len] = '\0';
}

/* A veto or flag is kept until the rule's call has succeeded: a call that
 * fails (its budget, an error) files none. */
static int mark(lua_State *L, int veto)
{
    assay_lua *lua = self(L);
    size_t len;
    const char *reason = luaL_checklstring(L, 1, &len);
    if (!lua->ctx)
        return luaL_error(L, "%s() can be called only inside a rule's score "
                             "function",
                          veto ? "veto" : "flag");
    if (lua->mark_count == ASSAY_LUA_MAX_MARKS)
        return luaL_error(L, "more than %d vetoes and flags in one call; "
                             "say it once, with the details in the reason",
                          ASSAY_LUA_MAX_MARKS);
    assay_lua_mark *m = &lua->marks[lua->mark_count++];
    m->veto = veto;
    assay_lua_clean_reason(reason, len, m->reason, sizeof m->reason);
    return 0;
}

void assay_lua_commit_marks(assay_lua *lua, const assay_rule_info *rule)
{
    for (size_t i = 0; i < lua->mark_count; i++)
        (lua->marks[i].veto ? assay_result_add_veto : assay_result_add_flag)(
            lua->ctx->result, rule->id, lua->ctx->plugin->name,
            lua->marks[i].reason);
    lua->mark_count = 0;
}

void assay_lua_drop_marks(assay_lua *lua)
{
    lua->mark_count = 0;
}

static int h_veto(lua_State *L)
{
    return mark(L, 1);
}

static int h_flag(lua_State *L)
{
    return mark(L, 0);
}

/* 1 if the file at path resolves to a place inside dir (a symbolic link
 * may point anywhere). */
static int inside(const char *dir, const char *path)
{
    char real_dir[PATH_MAX], real_path[PATH_MAX];
    if (!realpath(dir, real_dir) || !realpath(path, real_path))
        return 0;
    size_t n = strlen(real_dir);
    return strncmp(real_dir, real_path, n) == 0 &&
           (real_path[n] == '/' || (n == 1 && real_dir[0] == '/'));
}

/* The protected part of require (arguments: the state, dir, shown dir,
 * name, path): loads and runs the helper, freezes all it reaches, and
 * returns its result (true for nil). */
static int load_helper(lua_State *L)
{
    assay_lua *lua = lua_touserdata(L, 1);
    const char *dir = lua_tostring(L, 2), *shown_dir = lua_tostring(L, 3);
    const char *name = lua_tostring(L, 4), *path = lua_tostring(L, 5);
    assay_lua_push_env(lua, dir, shown_dir);
    int env = lua_gettop(L);
    char err[1024], shown[PATH_MAX];
    snprintf(shown, sizeof shown, "%s/%s.lua", shown_dir, name);
    if (assay_lua_load_named(lua, path, shown, env, err, sizeof err))
        return luaL_error(L, "require(\"%s\"): %s", name, err);
    lua_call(L, 0, 1);
    assay_lua_freeze(lua, env, lua->upvalues);
    /* No rule can change what another rule (or the next record) sees. */
    assay_frozen_freeze(L, -1, NULL, lua->upvalues);
    if (lua_isnil(L, -1))
        lua_pushboolean(L, 1);
    return 1;
}

/* require(name): the helper file <dir>/<name>.lua, run once per Lua state
 * in its own environment when a file loads; its result and everything it
 * reaches is frozen. */
static int h_require(lua_State *L)
{
    assay_lua *lua = self(L);
    const char *dir = lua_tostring(L, lua_upvalueindex(2));
    const char *shown_dir = lua_tostring(L, lua_upvalueindex(3));
    const char *name = luaL_checkstring(L, 1);
    int plain = name[0] != '\0';
    for (const char *c = name; *c; c++)
        if (!(*c == '_' || (*c >= 'a' && *c <= 'z') ||
              (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9')))
            plain = 0;
    if (!plain)
        return luaL_error(L,
                          "require(\"%s\"): rules can require only helper "
                          "files from their own directory, by name without "
                          ".lua (require \"thresholds\" loads "
                          "thresholds.lua)",
                          name);
    lua_pushfstring(L, "%s/%s.lua", dir, name);
    const char *path = lua_tostring(L, -1);
    lua_getfield(L, LUA_REGISTRYINDEX, MODULES);
    int cache = lua_gettop(L);
    if (lua_getfield(L, cache, path) != LUA_TNIL) {
        if (lua_toboolean(L, -1)) {
            if (lua->upvalues) /* the helper's locals are this file's too */
                assay_frozen_freeze(L, -1, NULL, lua->upvalues);
            return 1;
        }
        return luaL_error(L, "require(\"%s\"): %s requires itself through "
                             "other helpers; break the loop",
                          name, path);
    }
    lua_pop(L, 1);
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return luaL_error(L, "require(\"%s\"): no helper file %s; helper "
                             "files sit beside the rule files",
                          name, path);
    if (!inside(dir, path))
        return luaL_error(L, "require(\"%s\"): %s leads outside %s (a "
                             "symbolic link?); helper files must be in the "
                             "rule directory itself",
                          name, path, shown_dir);
    lua_pushboolean(L, 0); /* loading: a second require is a loop */
    lua_setfield(L, cache, path);
    lua_pushcfunction(L, load_helper);
    lua_pushlightuserdata(L, lua);
    lua_pushvalue(L, lua_upvalueindex(2));
    lua_pushvalue(L, lua_upvalueindex(3));
    lua_pushstring(L, name);
    lua_pushvalue(L, cache - 1); /* path */
    if (lua_pcall(L, 5, 1, 0) != LUA_OK) {
        /* Whatever failed (the file, its code, its budget while it was
         * frozen), a later require tries again and does not call it a
         * loop. */
        lua_pushnil(L);
        lua_setfield(L, cache, path);
        return lua_error(L);
    }
    lua_pushvalue(L, -1);
    lua_setfield(L, cache, path);
    return 1;
}

/* ---- the Lua state ---------------------------------------------------- */

static int open_rule_language(lua_State *L)
{
    assay_lua *lua = lua_touserdata(L, 1);
    assay_lua_record_open(L, &lua->generation);
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, MODULES);
    return 0;
}

assay_lua *assay_lua_new(const assay_sandbox_limits *limits, char *err,
                         size_t err_size)
{
    assay_lua *lua = calloc(1, sizeof *lua);
    if (!lua) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    lua->sb = assay_sandbox_new(limits, err, err_size);
    if (!lua->sb) {
        free(lua);
        return NULL;
    }
    if (assay_sandbox_protect(lua->sb, open_rule_language, lua, err,
                              err_size)) {
        assay_lua_free(lua);
        return NULL;
    }
    return lua;
}

void assay_lua_free(assay_lua *lua)
{
    if (!lua)
        return;
    assay_sandbox_free(lua->sb);
    free(lua);
}

assay_sandbox *assay_lua_sandbox(assay_lua *lua)
{
    return lua->sb;
}

void assay_lua_push_env(assay_lua *lua, const char *dir,
                        const char *shown_dir)
{
    static const luaL_Reg plain[] = {{"clamp", h_clamp},
                                     {"scale", h_scale},
                                     {"contains", h_contains},
                                     {"mentions", assay_lua_mentions},
                                     {"get", h_get},
                                     {"type", h_type},
                                     {NULL, NULL}};
    static const luaL_Reg bound[] = {
        {"veto", h_veto}, {"flag", h_flag}, {NULL, NULL}};
    lua_State *L = assay_sandbox_state(lua->sb);
    assay_sandbox_new_env(lua->sb);
    luaL_setfuncs(L, plain, 0);
    lua_pushlightuserdata(L, lua);
    luaL_setfuncs(L, bound, 1);
    lua_pushlightuserdata(L, lua);
    lua_pushstring(L, dir);
    lua_pushstring(L, shown_dir ? shown_dir : dir);
    lua_pushcclosure(L, h_require, 3);
    lua_setfield(L, -2, "require");
}

void assay_lua_freeze(assay_lua *lua, int idx,
                      assay_frozen_upvalues *upvalues)
{
    assay_frozen_freeze(assay_sandbox_state(lua->sb), idx, frozen_write,
                        upvalues);
}

/* ---- messages --------------------------------------------------------- */

void assay_lua_full_source(const char *msg, const char *path, char *out,
                           size_t out_size)
{
    /* Lua shortens a long source to "..." and its last characters. */
    const char *colon = msg;
    while ((colon = strchr(colon, ':'))) {
        const char *d = colon + 1;
        while (*d >= '0' && *d <= '9')
            d++;
        if (d > colon + 1 && *d == ':')
            break;
        colon++;
    }
    size_t head = colon ? (size_t)(colon - msg) : 0;
    size_t plen = strlen(path);
    if (colon && head > 3 && strncmp(msg, "...", 3) == 0 &&
        head - 3 <= plen &&
        strncmp(path + plen - (head - 3), msg + 3, head - 3) == 0)
        snprintf(out, out_size, "%s%s", path, colon);
    else
        snprintf(out, out_size, "%s", msg);
}
