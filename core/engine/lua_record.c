#include "engine/lua_record.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "engine/record.h"
#include "lua/sandbox.h"

#define RECORD_META "assay.record"

typedef struct proxy {
    const cJSON *node; /* an object or an array */
    unsigned long generation;
    const unsigned long *current; /* the state's generation counter */
    /* The item last reached by position: reading a list in order (a loop,
     * contains()) costs one step an item, not one for every item before. */
    const cJSON *cursor;
    lua_Integer cursor_index;
    lua_Integer size;    /* items of the node; -1 until counted */
    const cJSON **items; /* every item of a list, once read out of order
                            (in the proxy's user value), or NULL */
    const void *meta; /* its metatable, for assay_lua_is_record */
} proxy;

/* The registry holds the proxy metatable under this address too: a pointer
 * key is found without hashing a string, and every proxy made or checked
 * looks it up. */
static const char meta_key = 0;
/* And the generation counter, as a light userdata, under this one. */
static const char generation_key = 0;

/* The null sentinel: its address is unique to this file. */
static const char null_sentinel = 0;
/* The registry holds, under this address, the proxies of the evaluation
 * under way by node (weak values): reading app.items again gives the same
 * proxy, with its index, instead of a new one that walks the list again. */
static const char proxies_key = 0;

/* ---- JSON to Lua ------------------------------------------------------ */

static void push_proxy(lua_State *L, const cJSON *node,
                       const unsigned long *generation)
{
    lua_rawgetp(L, LUA_REGISTRYINDEX, &proxies_key);
    if (lua_rawgetp(L, -1, node) == LUA_TUSERDATA) {
        proxy *p = lua_touserdata(L, -1);
        if (p->generation == *generation) {
            lua_remove(L, -2);
            return;
        }
    }
    lua_pop(L, 1);
    proxy *p = lua_newuserdatauv(L, sizeof *p, 1);
    p->node = node;
    p->generation = *generation;
    p->current = generation;
    p->cursor = NULL;
    p->cursor_index = 0;
    p->size = -1;
    p->items = NULL;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &meta_key);
    p->meta = lua_topointer(L, -1);
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, -3, node);
    lua_remove(L, -2);
}

/* The number of items of p's node, counted once. */
static lua_Integer proxy_size(lua_State *L, proxy *p)
{
    if (p->size < 0) {
        lua_Integer n = 0;
        for (const cJSON *c = p->node->child; c; c = c->next)
            n++;
        if (n >= 64)
            assay_sandbox_charge(L, (long)(n / 8), "a record list");
        p->size = n;
    }
    return p->size;
}

/* Reads every item of p's list into an index (the proxy's user value, so
 * the memory is the state's), for reading by position in constant time. */
static void index_items(lua_State *L, proxy *p, int idx)
{
    lua_Integer n = proxy_size(L, p);
    assay_sandbox_charge(L, (long)(n / 8), "a record list");
    const cJSON **items =
        lua_newuserdatauv(L, (size_t)(n ? n : 1) * sizeof *items, 0);
    lua_Integer i = 0;
    for (const cJSON *c = p->node->child; c && i < n; c = c->next)
        items[i++] = c;
    lua_setiuservalue(L, idx, 1);
    p->items = items;
}

static void push_value(lua_State *L, const cJSON *node,
                       const unsigned long *generation)
{
    if (!node) {
        lua_pushnil(L);
        return;
    }
    switch (node->type & 0xff) {
    case cJSON_False:
        lua_pushboolean(L, 0);
        break;
    case cJSON_True:
        lua_pushboolean(L, 1);
        break;
    case cJSON_Number: {
        double v = node->valuedouble;
        /* Integral values as integers: reasons then print "15", not
         * "15.0", and they can index tables. */
        if (v == floor(v) && fabs(v) < 9007199254740992.0)
            lua_pushinteger(L, (lua_Integer)v);
        else
            lua_pushnumber(L, v);
        break;
    }
    case cJSON_String:
        lua_pushstring(L, node->valuestring);
        break;
    case cJSON_Array:
    case cJSON_Object:
        push_proxy(L, node, generation);
        break;
    default: /* null, raw */
        lua_pushnil(L);
        break;
    }
}

/* p, after checking it belongs to the current evaluation. */
static proxy *checked(lua_State *L, proxy *p, const unsigned long *generation)
{
    if (!p || p->generation != *generation)
        luaL_error(L, "a record can be read only while the rule it was "
                      "given to runs; do not keep it in a variable between "
                      "calls");
    return p;
}

/* The proxy at idx of a metamethod (the generation is its upvalue). */
static proxy *live(lua_State *L, int idx)
{
    return checked(L, lua_touserdata(L, idx),
                   lua_touserdata(L, lua_upvalueindex(1)));
}

/* Item index (from 1) of the list or object node. Through a proxy (at
 * stack index at) a list is read in constant time a step: in order from
 * the proxy's cursor, otherwise from an index of its items made the
 * first time it is read out of order or far ahead. Without one the walk
 * is charged. */
static const cJSON *array_item(lua_State *L, proxy *p, int at_idx,
                               const cJSON *node, lua_Integer index)
{
    if (index < 1)
        return NULL;
    if (p && p->items)
        return index <= p->size ? p->items[index - 1] : NULL;
    const cJSON *c = node->child;
    lua_Integer at = 1;
    if (p && p->cursor && p->cursor_index <= index &&
        index - p->cursor_index <= 16) {
        c = p->cursor;
        at = p->cursor_index;
    } else if (p && index > 16) {
        index_items(L, p, at_idx);
        return index <= p->size ? p->items[index - 1] : NULL;
    }
    lua_Integer start = at;
    while (c && at < index) {
        c = c->next;
        at++;
    }
    if (index - start >= 64)
        assay_sandbox_charge(L, (long)((index - start) / 8), "a record list");
    if (p && c) {
        p->cursor = c;
        p->cursor_index = index;
    }
    return c;
}

/* 1 if the NUL-terminated name is exactly key's len bytes (key may hold a
 * NUL, which no name matches). Inline: keys are short and most names differ
 * in the first byte, where a call to strncmp and strlen cost more than the
 * comparison. */
static int same_name(const char *name, const char *key, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (name[i] != key[i] || name[i] == '\0')
            return 0;
    return name[len] == '\0';
}

static const cJSON *object_item(lua_State *L, const cJSON *object,
                                const char *key, size_t len)
{
    long steps = 0;
    const cJSON *c = object->child;
    for (; c; c = c->next, steps++)
        if (c->string && same_name(c->string, key, len))
            break;
    if (steps >= 64)
        assay_sandbox_charge(L, steps / 8, "a record object");
    return c;
}

static int record_index(lua_State *L)
{
    proxy *p = live(L, 1);
    const cJSON *found = NULL;
    if (cJSON_IsObject(p->node)) {
        size_t len;
        if (lua_type(L, 2) == LUA_TSTRING) {
            const char *key = lua_tolstring(L, 2, &len);
            found = object_item(L, p->node, key, len);
        }
    } else {
        int is_int;
        lua_Integer index = lua_tointegerx(L, 2, &is_int);
        if (is_int)
            found = array_item(L, p, 1, p->node, index);
    }
    push_value(L, found, p->current);
    return 1;
}

static int record_len(lua_State *L)
{
    proxy *p = live(L, 1);
    lua_pushinteger(L, cJSON_IsArray(p->node) ? proxy_size(L, p) : 0);
    return 1;
}

static int record_newindex(lua_State *L)
{
    live(L, 1);
    char key[128];
    return luaL_error(L, "the record is read-only (assigning field '%s'); "
                         "copy the value into a local variable instead",
                      assay_sandbox_describe(L, 2, key, sizeof key));
}

/* The iterator of pairs(): upvalues generation, proxy, next position. */
static int record_next(lua_State *L)
{
    proxy *p = live(L, lua_upvalueindex(2));
    lua_Integer at = lua_tointeger(L, lua_upvalueindex(3));
    const cJSON *c = array_item(L, p, lua_upvalueindex(2), p->node, at + 1);
    if (!c)
        return 0;
    lua_pushinteger(L, at + 1);
    lua_replace(L, lua_upvalueindex(3));
    if (cJSON_IsObject(p->node))
        lua_pushstring(L, c->string);
    else
        lua_pushinteger(L, at + 1);
    push_value(L, c, lua_touserdata(L, lua_upvalueindex(1)));
    return 2;
}

static int record_pairs(lua_State *L)
{
    live(L, 1);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushvalue(L, 1);
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, record_next, 3);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

static int record_tostring(lua_State *L)
{
    proxy *p = live(L, 1);
    lua_pushfstring(L, "record %s of %d fields",
                    cJSON_IsArray(p->node) ? "array" : "object",
                    cJSON_GetArraySize(p->node));
    return 1;
}

void assay_lua_record_open(lua_State *L, const unsigned long *generation)
{
    static const luaL_Reg methods[] = {{"__index", record_index},
                                       {"__len", record_len},
                                       {"__newindex", record_newindex},
                                       {"__pairs", record_pairs},
                                       {"__tostring", record_tostring},
                                       {NULL, NULL}};
    luaL_newmetatable(L, RECORD_META);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &meta_key);
    lua_pushlightuserdata(L, (void *)generation);
    luaL_setfuncs(L, methods, 1);
    lua_pushliteral(L, "record");
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
    lua_pushlightuserdata(L, (void *)generation);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &generation_key);
    /* One table for the state's life, weak in its values: a proxy of an
     * earlier evaluation found in it has an older generation and is
     * replaced, so no new table is needed per record (a table and its
     * metatable for each rule file and record cost 5% of score). */
    lua_newtable(L);
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "v");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &proxies_key);
}

void assay_lua_push_json(lua_State *L, const cJSON *node)
{
    lua_rawgetp(L, LUA_REGISTRYINDEX, &generation_key);
    const unsigned long *generation = lua_touserdata(L, -1);
    lua_pop(L, 1);
    push_value(L, node, generation);
}

int assay_lua_record_get(lua_State *L, int idx, const char *path)
{
    if (!assay_lua_is_record(L, idx))
        return 0;
    proxy *record = lua_touserdata(L, idx);
    const unsigned long *generation = record->current;
    const cJSON *node = checked(L, record, generation)->node;
    /* The steps record_index would take, without a proxy for each. */
    for (const char *p = path; node;) {
        if (!cJSON_IsObject(node) && !cJSON_IsArray(node)) {
            node = NULL;
            break;
        }
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        char *end = (char *)p;
        long index = *p >= '0' && *p <= '9' ? strtol(p, &end, 10) : 0;
        if (n > 0 && end == p + n)
            node = cJSON_IsArray(node) ? array_item(L, NULL, 0, node, index)
                                       : NULL;
        else
            node = cJSON_IsObject(node) ? object_item(L, node, p, n) : NULL;
        if (!dot)
            break;
        p = dot + 1;
    }
    push_value(L, node, generation);
    return 1;
}

int assay_lua_is_record(lua_State *L, int idx)
{
    /* Every get() asks, twice: a proxy knows its metatable, so this is a
     * comparison instead of a registry lookup (rules make no userdata;
     * one of another size is not a proxy). */
    if (lua_type(L, idx) != LUA_TUSERDATA ||
        lua_rawlen(L, idx) != sizeof(proxy) || !lua_getmetatable(L, idx))
        return 0;
    const void *meta = lua_topointer(L, -1);
    lua_pop(L, 1);
    const proxy *p = lua_touserdata(L, idx);
    return p->meta == meta;
}

/* ---- Lua to JSON ------------------------------------------------------ */

void assay_lua_push_null(lua_State *L)
{
    lua_pushlightuserdata(L, (void *)&null_sentinel);
}

static cJSON *to_json(lua_State *L, int idx, const char *key, int depth,
                      char *err, size_t err_size);

/* 1 if the table at idx is a non-empty sequence 1..n and nothing else. */
static int is_sequence(lua_State *L, int idx)
{
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx), count = 0;
    if (n == 0)
        return 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        count++;
    }
    return count == n;
}

static cJSON *table_to_json(lua_State *L, int idx, const char *key,
                            int depth, char *err, size_t err_size)
{
    if (depth > ASSAY_RECORD_MAX_DEPTH) {
        snprintf(err, err_size, "field %s: nested deeper than %d levels",
                 key, ASSAY_RECORD_MAX_DEPTH);
        return NULL;
    }
    int array = is_sequence(L, idx);
    cJSON *out = array ? cJSON_CreateArray() : cJSON_CreateObject();
    if (array) {
        lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
        for (lua_Integer i = 1; i <= n; i++) {
            lua_rawgeti(L, idx, i);
            cJSON *item = to_json(L, lua_gettop(L), key, depth + 1, err,
                                  err_size);
            lua_pop(L, 1);
            if (!item) {
                cJSON_Delete(out);
                return NULL;
            }
            cJSON_AddItemToArray(out, item);
        }
        return out;
    }
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (lua_type(L, -2) != LUA_TSTRING) {
            snprintf(err, err_size,
                     "field %s: a table mixes list items and named fields, "
                     "or has a key that is not a string",
                     key);
            lua_pop(L, 2);
            cJSON_Delete(out);
            return NULL;
        }
        const char *name = lua_tostring(L, -2);
        cJSON *item = to_json(L, lua_gettop(L), name, depth + 1, err,
                              err_size);
        if (!item) {
            lua_pop(L, 2);
            cJSON_Delete(out);
            return NULL;
        }
        cJSON_AddItemToObject(out, name, item);
        lua_pop(L, 1);
    }
    return out;
}

static cJSON *to_json(lua_State *L, int idx, const char *key, int depth,
                      char *err, size_t err_size)
{
    switch (lua_type(L, idx)) {
    case LUA_TBOOLEAN:
        return cJSON_CreateBool(lua_toboolean(L, idx));
    case LUA_TNUMBER:
        if (!isfinite(lua_tonumber(L, idx))) {
            snprintf(err, err_size,
                     "field %s: %s is not a JSON number", key,
                     lua_tostring(L, idx));
            return NULL;
        }
        return cJSON_CreateNumber(lua_tonumber(L, idx));
    case LUA_TSTRING:
        return cJSON_CreateString(lua_tostring(L, idx));
    case LUA_TTABLE:
        return table_to_json(L, idx, key, depth, err, err_size);
    case LUA_TLIGHTUSERDATA:
        if (lua_touserdata(L, idx) == &null_sentinel)
            return cJSON_CreateNull();
        /* fall through */
    default:
        snprintf(err, err_size,
                 "field %s: a %s cannot be part of a record; use tables, "
                 "strings, numbers, booleans and null",
                 key, luaL_typename(L, idx));
        return NULL;
    }
}

cJSON *assay_lua_to_json(lua_State *L, int idx, char *err, size_t err_size)
{
    idx = lua_absindex(L, idx);
    if (!lua_istable(L, idx)) {
        snprintf(err, err_size, "a record must be a table, got a %s",
                 luaL_typename(L, idx));
        return NULL;
    }
    cJSON *out = table_to_json(L, idx, "(record)", 1, err, err_size);
    if (out && cJSON_IsArray(out)) {
        snprintf(err, err_size,
                 "a record must be a table of named fields, not a list");
        cJSON_Delete(out);
        return NULL;
    }
    return out;
}
