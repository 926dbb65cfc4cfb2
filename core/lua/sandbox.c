#include "lua/sandbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

struct assay_sandbox {
    lua_State *L;
    assay_sandbox_limits limits;
    size_t used, peak;
    long remaining;      /* instructions left in the current call */
    int budget_exceeded; /* set by the hook, read after the call */
    int memory_refused;  /* set by the allocator during a call */
};

/* Instructions between two hook calls: small enough to stop a loop soon
 * after the budget, large enough to cost nothing measurable. */
#define HOOK_STEP 1000

/* ---- allocator -------------------------------------------------------- */

/* Lua passes the old block size as osize only when ptr is non-NULL; for a
 * new block osize is a type tag and must not be counted. */
static void *capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    assay_sandbox *sb = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        sb->used -= old;
        return NULL;
    }
    if (nsize > old && sb->used - old + nsize > sb->limits.memory) {
        sb->memory_refused = 1;
        return NULL;
    }
    void *p = realloc(ptr, nsize);
    if (!p)
        return NULL;
    sb->used = sb->used - old + nsize;
    if (sb->used > sb->peak)
        sb->peak = sb->used;
    return p;
}

/* ---- instruction budget ----------------------------------------------- */

static void count_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    void *ud;
    lua_getallocf(L, &ud);
    assay_sandbox *sb = ud;
    sb->remaining -= HOOK_STEP;
    if (sb->remaining > 0)
        return;
    sb->budget_exceeded = 1;
    /* In a hook, level 0 is the Lua function that was running (luaL_error
     * would name level 1, its caller). */
    lua_Debug here;
    if (lua_getstack(L, 0, &here) && lua_getinfo(L, "Sl", &here) &&
        here.currentline > 0)
        lua_pushfstring(L, "%s:%d: ", here.short_src, here.currentline);
    else
        lua_pushliteral(L, "");
    lua_pushfstring(L, "instruction budget of %I exceeded (an endless loop?)",
                    (lua_Integer)sb->limits.instructions);
    lua_concat(L, 2);
    lua_error(L);
}

/* ---- safe globals ----------------------------------------------------- */

/* getmetatable that refuses strings: their metatable leads to the shared
 * string library. */
static int safe_getmetatable(lua_State *L)
{
    luaL_checkany(L, 1);
    if (lua_type(L, 1) == LUA_TSTRING)
        return luaL_error(L, "getmetatable is not available for strings in "
                             "rules");
    if (!lua_getmetatable(L, 1)) {
        lua_pushnil(L);
        return 1;
    }
    luaL_getmetafield(L, 1, "__metatable");
    return 1;
}

/* load(chunk [, chunkname [, mode [, env]]]) for text only; the chunk runs
 * in env, or in the environment of the code that called load. */
static int safe_load(lua_State *L)
{
    size_t len;
    const char *code = luaL_checklstring(L, 1, &len);
    const char *name = luaL_optstring(L, 2, "=(load)");
    const char *mode = luaL_optstring(L, 3, "t");
    if (strcmp(mode, "t") != 0)
        return luaL_error(L, "load accepts only text chunks (mode \"t\")");
    int has_env = !lua_isnoneornil(L, 4);
    if (luaL_loadbufferx(L, code, len, name, "t") != LUA_OK) {
        lua_pushnil(L);
        lua_insert(L, -2);
        return 2;
    }
    if (has_env)
        lua_pushvalue(L, 4);
    else
        lua_pushvalue(L, lua_upvalueindex(1));
    lua_setupvalue(L, -2, 1);
    return 1;
}

static const char *const safe_base[] = {
    "assert", "error", "ipairs", "next", "pairs", "rawequal", "rawget",
    "rawlen", "rawset", "select", "setmetatable", "tonumber", "tostring",
    "type", NULL};

/* Copies the fields of library table `lib` (from the state's loaded
 * libraries) into a new table, skipping `omit`, and sets it as env[lib]. */
static void copy_library(lua_State *L, int env, const char *lib,
                         const char *const *omit)
{
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    lua_getfield(L, -1, lib);
    lua_newtable(L);
    lua_pushnil(L);
    while (lua_next(L, -3)) {
        int skip = 0;
        for (const char *const *o = omit; o && *o; o++)
            if (lua_type(L, -2) == LUA_TSTRING &&
                strcmp(lua_tostring(L, -2), *o) == 0)
                skip = 1;
        if (skip) {
            lua_pop(L, 1);
            continue;
        }
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_settable(L, -4);
    }
    lua_setfield(L, env, lib);
    lua_pop(L, 2);
}

void assay_sandbox_new_env(assay_sandbox *sb)
{
    static const char *const no_dump[] = {"dump", NULL};
    static const char *const no_random[] = {"random", "randomseed", NULL};
    lua_State *L = sb->L;
    lua_newtable(L);
    int env = lua_gettop(L);
    lua_pushglobaltable(L);
    for (const char *const *name = safe_base; *name; name++) {
        lua_getfield(L, -1, *name);
        lua_setfield(L, env, *name);
    }
    lua_pop(L, 1);
    lua_pushcfunction(L, safe_getmetatable);
    lua_setfield(L, env, "getmetatable");
    lua_pushvalue(L, env);
    lua_pushcclosure(L, safe_load, 1);
    lua_setfield(L, env, "load");
    lua_pushliteral(L, LUA_VERSION);
    lua_setfield(L, env, "_VERSION");
    copy_library(L, env, LUA_STRLIBNAME, no_dump);
    copy_library(L, env, LUA_TABLIBNAME, NULL);
    copy_library(L, env, LUA_MATHLIBNAME, no_random);
    copy_library(L, env, LUA_UTF8LIBNAME, NULL);
    lua_pushvalue(L, env);
    lua_setfield(L, env, "_G");
}

/* ---- state ------------------------------------------------------------ */

assay_sandbox *assay_sandbox_new(const assay_sandbox_limits *limits,
                                 char *err, size_t err_size)
{
    assay_sandbox *sb = calloc(1, sizeof *sb);
    if (!sb) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    sb->limits.memory = limits && limits->memory ? limits->memory
                                                 : ASSAY_DEFAULT_LUA_MEMORY;
    sb->limits.instructions = limits && limits->instructions > 0
                                  ? limits->instructions
                                  : ASSAY_DEFAULT_LUA_INSTRUCTIONS;
    sb->L = lua_newstate(capped_alloc, sb);
    if (!sb->L) {
        snprintf(err, err_size,
                 "cannot create a Lua state within the memory cap of %zu "
                 "bytes; raise the Lua memory limit",
                 sb->limits.memory);
        free(sb);
        return NULL;
    }
    /* Only these libraries exist in the state at all. */
    static const luaL_Reg libs[] = {{LUA_GNAME, luaopen_base},
                                    {LUA_STRLIBNAME, luaopen_string},
                                    {LUA_TABLIBNAME, luaopen_table},
                                    {LUA_MATHLIBNAME, luaopen_math},
                                    {LUA_UTF8LIBNAME, luaopen_utf8},
                                    {NULL, NULL}};
    for (const luaL_Reg *lib = libs; lib->func; lib++) {
        luaL_requiref(sb->L, lib->name, lib->func, 1);
        lua_pop(sb->L, 1);
    }
    /* The string metatable's __index is the shared string table: take
     * dump out of it so no method call can reach it. */
    lua_getglobal(sb->L, LUA_STRLIBNAME);
    lua_pushnil(sb->L);
    lua_setfield(sb->L, -2, "dump");
    lua_pop(sb->L, 1);
    return sb;
}

void assay_sandbox_free(assay_sandbox *sb)
{
    if (!sb)
        return;
    lua_close(sb->L);
    free(sb);
}

lua_State *assay_sandbox_state(assay_sandbox *sb)
{
    return sb->L;
}

const assay_sandbox_limits *assay_sandbox_limits_of(const assay_sandbox *sb)
{
    return &sb->limits;
}

size_t assay_sandbox_memory_used(const assay_sandbox *sb)
{
    return sb->used;
}

size_t assay_sandbox_memory_peak(const assay_sandbox *sb)
{
    return sb->peak;
}

/* ---- loading and calling ---------------------------------------------- */

static int finish_load(assay_sandbox *sb, int status, int env, char *err,
                       size_t err_size)
{
    lua_State *L = sb->L;
    if (status != LUA_OK) {
        const char *msg = lua_tostring(L, -1);
        snprintf(err, err_size, "%s",
                 status == LUA_ERRMEM ? "Lua memory cap exceeded while loading"
                 : msg                ? msg
                                      : "cannot load");
        lua_pop(L, 1);
        return 1;
    }
    lua_pushvalue(L, env);
    lua_setupvalue(L, -2, 1);
    return 0;
}

int assay_sandbox_load_file(assay_sandbox *sb, const char *path, int env,
                            char *err, size_t err_size)
{
    env = lua_absindex(sb->L, env);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, err_size, "%s: cannot open: %m", path);
        return 1;
    }
    int c = fgetc(f);
    fclose(f);
    if (c == LUA_SIGNATURE[0]) {
        snprintf(err, err_size,
                 "%s: precompiled (binary) Lua is not accepted; give the "
                 "source file",
                 path);
        return 1;
    }
    int status = luaL_loadfilex(sb->L, path, "t");
    return finish_load(sb, status, env, err, err_size);
}

int assay_sandbox_load_string(assay_sandbox *sb, const char *code,
                              size_t len, const char *chunkname, int env,
                              char *err, size_t err_size)
{
    env = lua_absindex(sb->L, env);
    int status = luaL_loadbufferx(sb->L, code, len, chunkname, "t");
    return finish_load(sb, status, env, err, err_size);
}

int assay_sandbox_call(assay_sandbox *sb, int nargs, int nresults, char *err,
                       size_t err_size)
{
    lua_State *L = sb->L;
    sb->remaining = sb->limits.instructions;
    sb->budget_exceeded = 0;
    sb->memory_refused = 0;
    lua_sethook(L, count_hook, LUA_MASKCOUNT, HOOK_STEP);
    int status = lua_pcall(L, nargs, nresults, 0);
    lua_sethook(L, NULL, 0, 0);
    if (status == LUA_OK)
        return 0;
    if (status == LUA_ERRMEM || sb->memory_refused) {
        snprintf(err, err_size,
                 "Lua memory cap of %zu bytes exceeded (a huge string or an "
                 "ever-growing table?)",
                 sb->limits.memory);
    } else {
        const char *msg = lua_tostring(L, -1);
        snprintf(err, err_size, "%s",
                 msg ? msg : "error object is not a string");
    }
    lua_pop(L, 1);
    /* Give back what the failed call left behind. */
    lua_gc(L, LUA_GCCOLLECT);
    return 1;
}
