#include "lua/lua_frozen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "lua/lua_bytecode.h"
#include "lua/sandbox.h"

#define SHADOWS "assay.shadows" /* frozen table -> shadow, weak keys */

struct assay_frozen_upvalues {
    int ref;  /* registry: {function, value, function, value, ...} */
    int seen; /* registry: {upvalue id = true}, over every walk */
    struct upvalue {
        int n; /* the upvalue's number in its function */
    } *items;
    size_t count, cap;
    /* 0 while no function listed can assign to an upvalue (its code has
     * no instruction that does, lua/lua_bytecode.h): then nothing can
     * change one, and the check after each rule call is skipped. */
    int may_change;
};

void assay_frozen_open(lua_State *L)
{
    lua_newtable(L);
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_setfield(L, LUA_REGISTRYINDEX, SHADOWS);
}

int assay_frozen_shadow(lua_State *L, int idx)
{
    if (lua_type(L, idx) != LUA_TTABLE || !lua_getmetatable(L, idx))
        return 0;
    lua_pop(L, 1);
    idx = lua_absindex(L, idx);
    lua_getfield(L, LUA_REGISTRYINDEX, SHADOWS);
    lua_pushvalue(L, idx);
    if (lua_rawget(L, -2) == LUA_TTABLE) {
        lua_remove(L, -2);
        return 1;
    }
    lua_pop(L, 2);
    return 0;
}

/* ---- the metatable of a frozen table ---------------------------------- */

static int field_write(lua_State *L)
{
    const char *key = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2)
                      : lua_type(L, 2) == LUA_TNUMBER
                          ? lua_pushfstring(L, "%I", (lua_Integer)
                                                         lua_tonumber(L, 2))
                          : luaL_typename(L, 2);
    return luaL_error(L, "assignment to field '%s' of a read-only table: a "
                         "rule file's tables are read-only once it has "
                         "loaded, so no record can change what another "
                         "sees; build a new table in a local variable",
                      key);
}

static int shadow_len(lua_State *L)
{
    if (!assay_frozen_shadow(L, 1))
        return luaL_error(L, "not a read-only table");
    lua_pushinteger(L, (lua_Integer)lua_rawlen(L, -1));
    return 1;
}

/* __index of a frozen table whose own metatable had an __index: the
 * shadow first, then the original (upvalues: shadow, original). */
static int chained_index(lua_State *L)
{
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
        return 1;
    lua_pop(L, 1);
    if (lua_type(L, lua_upvalueindex(2)) == LUA_TFUNCTION) {
        lua_pushvalue(L, lua_upvalueindex(2));
        lua_pushvalue(L, 1);
        lua_pushvalue(L, 2);
        lua_call(L, 2, 1);
        return 1;
    }
    lua_pushvalue(L, 2);
    lua_gettable(L, lua_upvalueindex(2));
    return 1;
}

/* Moves the contents of the table at t into a new shadow and gives t its
 * frozen metatable; leaves the shadow on the stack. */
static void freeze_table(lua_State *L, int t, lua_CFunction on_write)
{
    lua_newtable(L);
    int shadow = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, t)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, shadow);
    }
    lua_pushnil(L);
    while (lua_next(L, shadow)) {
        lua_pop(L, 1);
        lua_pushvalue(L, -1);
        lua_pushnil(L);
        lua_rawset(L, t);
    }
    lua_newtable(L);
    int meta = lua_gettop(L);
    int own = lua_getmetatable(L, t) ? lua_gettop(L) : 0;
    if (own) {
        lua_pushnil(L);
        while (lua_next(L, own)) {
            lua_pushvalue(L, -2);
            lua_insert(L, -2);
            lua_rawset(L, meta);
        }
        lua_pushliteral(L, "__metatable");
        if (lua_rawget(L, own) == LUA_TNIL) {
            lua_pop(L, 1);
            lua_pushvalue(L, own); /* getmetatable still answers it */
        }
        lua_setfield(L, meta, "__metatable");
    } else {
        lua_pushliteral(L, "read-only");
        lua_setfield(L, meta, "__metatable");
    }
    lua_pushliteral(L, "__index");
    if (own && lua_rawget(L, own) != LUA_TNIL) {
        lua_pushvalue(L, shadow);
        lua_insert(L, -2);
        lua_pushcclosure(L, chained_index, 2);
    } else {
        if (own)
            lua_pop(L, 1);
        lua_pushvalue(L, shadow);
    }
    lua_setfield(L, meta, "__index");
    lua_pushcfunction(L, on_write);
    lua_setfield(L, meta, "__newindex");
    lua_pushliteral(L, "__len");
    if (!own || lua_rawget(L, own) == LUA_TNIL) {
        lua_pushcfunction(L, shadow_len);
        lua_setfield(L, meta, "__len");
    }
    lua_settop(L, meta);
    lua_pushnil(L);
    lua_setfield(L, meta, "__mode");
    lua_setmetatable(L, t);
    lua_getfield(L, LUA_REGISTRYINDEX, SHADOWS);
    lua_pushvalue(L, t);
    lua_pushvalue(L, shadow);
    lua_rawset(L, -3);
    lua_pop(L, 1);
}

/* ---- the walk --------------------------------------------------------- */

static void add_upvalue(lua_State *L, assay_frozen_upvalues *u, int fn, int n)
{
    lua_rawgeti(L, LUA_REGISTRYINDEX, u->seen);
    lua_pushlightuserdata(L, lua_upvalueid(L, fn, n));
    if (lua_rawget(L, -2) != LUA_TNIL) {
        lua_pop(L, 2);
        return;
    }
    lua_pop(L, 1);
    lua_pushlightuserdata(L, lua_upvalueid(L, fn, n));
    lua_pushboolean(L, 1);
    lua_rawset(L, -3);
    if (!u->may_change) {
        /* Each function's code is read once, however many upvalues. */
        lua_pushlightuserdata(L, (void *)lua_topointer(L, fn));
        if (lua_rawget(L, -2) == LUA_TNIL) {
            u->may_change = assay_lua_may_set_upvalues(L, fn);
            lua_pushlightuserdata(L, (void *)lua_topointer(L, fn));
            lua_pushboolean(L, 1);
            lua_rawset(L, -4);
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    if (u->count == u->cap) {
        size_t cap = u->cap ? u->cap * 2 : 16;
        struct upvalue *grown = realloc(u->items, cap * sizeof *grown);
        if (!grown)
            luaL_error(L, "out of memory");
        u->items = grown;
        u->cap = cap;
    }
    lua_rawgeti(L, LUA_REGISTRYINDEX, u->ref);
    lua_Integer at = (lua_Integer)u->count * 2;
    lua_pushvalue(L, fn);
    lua_rawseti(L, -2, at + 1);
    lua_getupvalue(L, fn, n);
    lua_rawseti(L, -2, at + 2);
    lua_pop(L, 1);
    u->items[u->count++].n = n;
}

/* Pushes the value at idx on the work list at w. */
static void to_do(lua_State *L, int w, int idx)
{
    int t = lua_type(L, idx);
    if (t != LUA_TTABLE && t != LUA_TFUNCTION)
        return;
    lua_pushvalue(L, idx);
    lua_rawseti(L, w, (lua_Integer)lua_rawlen(L, w) + 1);
}

void assay_frozen_freeze(lua_State *L, int idx, lua_CFunction on_write,
                         assay_frozen_upvalues *upvalues)
{
    idx = lua_absindex(L, idx);
    luaL_checkstack(L, 12, "freezing");
    lua_newtable(L); /* seen: tables, functions and upvalue ids */
    int seen = lua_gettop(L);
    lua_newtable(L);
    int work = lua_gettop(L);
    to_do(L, work, idx);
    lua_Integer n;
    while ((n = (lua_Integer)lua_rawlen(L, work)) > 0) {
        assay_sandbox_charge(L, 4, "freezing the file's tables");
        lua_rawgeti(L, work, n);
        lua_pushnil(L);
        lua_rawseti(L, work, n);
        int v = lua_gettop(L);
        lua_pushvalue(L, v);
        if (lua_rawget(L, seen) != LUA_TNIL) {
            lua_settop(L, work);
            continue;
        }
        lua_pop(L, 1);
        lua_pushvalue(L, v);
        lua_pushboolean(L, 1);
        lua_rawset(L, seen);
        if (lua_type(L, v) == LUA_TFUNCTION) {
            if (lua_iscfunction(L, v) &&
                assay_sandbox_is_iterator(lua_tocfunction(L, v)))
                luaL_error(L, "a file-level value holds an iterator made "
                              "while the file loaded (pairs or "
                              "string.gmatch outside a score function); it "
                              "would carry its position from one record to "
                              "the next, so results would depend on record "
                              "order and -j: make it inside the score "
                              "function");
            if (!lua_iscfunction(L, v))
                for (int i = 1; lua_getupvalue(L, v, i); i++) {
                    lua_pushlightuserdata(L, lua_upvalueid(L, v, i));
                    int fresh = lua_rawget(L, seen) == LUA_TNIL;
                    lua_pop(L, 1);
                    if (fresh) {
                        lua_pushlightuserdata(L, lua_upvalueid(L, v, i));
                        lua_pushboolean(L, 1);
                        lua_rawset(L, seen);
                        if (upvalues)
                            add_upvalue(L, upvalues, v, i);
                        to_do(L, work, -1);
                    }
                    lua_pop(L, 1);
                }
            lua_settop(L, work);
            continue;
        }
        if (assay_frozen_shadow(L, v)) {
            lua_replace(L, v); /* walk what it holds, for its upvalues */
        } else {
            freeze_table(L, v, on_write && lua_rawequal(L, v, idx)
                                   ? on_write
                                   : field_write);
            if (lua_getmetatable(L, v)) {
                lua_getfield(L, -1, "__metatable");
                to_do(L, work, -1); /* the table's own metatable */
                lua_pop(L, 2);
            }
            lua_replace(L, v);
        }
        lua_pushnil(L);
        while (lua_next(L, v)) {
            to_do(L, work, -2);
            to_do(L, work, -1);
            lua_pop(L, 1);
        }
        lua_settop(L, work);
    }
    lua_settop(L, seen - 1);
}

/* ---- upvalues --------------------------------------------------------- */

assay_frozen_upvalues *assay_frozen_upvalues_new(lua_State *L)
{
    assay_frozen_upvalues *u = calloc(1, sizeof *u);
    if (!u)
        return NULL;
    lua_newtable(L);
    u->ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_newtable(L);
    u->seen = luaL_ref(L, LUA_REGISTRYINDEX);
    return u;
}

void assay_frozen_upvalues_free(lua_State *L, assay_frozen_upvalues *u)
{
    if (!u)
        return;
    if (L) {
        luaL_unref(L, LUA_REGISTRYINDEX, u->ref);
        luaL_unref(L, LUA_REGISTRYINDEX, u->seen);
    }
    free(u->items);
    free(u);
}

int assay_frozen_check_upvalues(lua_State *L, assay_frozen_upvalues *u,
                                char *name, size_t name_size)
{
    if (!u->may_change)
        return 0;
    int changed = 0;
    lua_rawgeti(L, LUA_REGISTRYINDEX, u->ref);
    int list = lua_gettop(L);
    for (size_t i = 0; i < u->count; i++) {
        lua_Integer at = (lua_Integer)i * 2;
        lua_rawgeti(L, list, at + 1);
        const char *upname = lua_getupvalue(L, -1, u->items[i].n);
        lua_rawgeti(L, list, at + 2);
        if (!lua_rawequal(L, -1, -2)) {
            if (changed++ == 0)
                snprintf(name, name_size, "%s", upname ? upname : "?");
            lua_setupvalue(L, -3, u->items[i].n);
        } else {
            lua_pop(L, 1);
        }
        lua_pop(L, 2);
    }
    lua_settop(L, list - 1);
    return changed;
}
