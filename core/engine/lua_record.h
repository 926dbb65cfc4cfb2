/* Records as Lua sees them. A rule reads the record like a Lua table
 * (app.team.size) through a read-only proxy over the
 * parsed JSON: nothing is converted until a rule reads it, and only what it
 * reads. Missing fields and JSON null read as nil; JSON numbers with an
 * integral value read as Lua integers so reasons print "15", not "15.0".
 * A proxy is valid only during the evaluation that made it: each proxy
 * carries the generation it was made in and refuses to be read once the
 * generation counter has moved on (the JSON behind it may be freed).
 *
 * For `assay test`, the opposite direction: a Lua table to JSON. */
#ifndef ASSAY_LUA_RECORD_H
#define ASSAY_LUA_RECORD_H

#include <stddef.h>

#include <cjson/cJSON.h>
#include <lua.h>

/* Creates the proxy metatable in L. *generation is read on every access
 * and must outlive L. */
void assay_lua_record_open(lua_State *L, const unsigned long *generation);

/* Pushes the Lua value of a JSON node: nil for NULL and null, a boolean, a
 * number, a string, or a proxy for an object or array made in the current
 * generation. The caller advances *generation before pushing a new record:
 * proxies are cached by node address, and an arena reuses addresses. */
void assay_lua_push_json(lua_State *L, const cJSON *node);

/* get(record, "a.b.1") done in C: if the value at idx is a record proxy,
 * pushes the value at the dotted path (1-based array steps, nil as soon as
 * a step is missing or not a container) and returns 1; otherwise pushes
 * nothing and returns 0. Same result as indexing step by step, without a
 * proxy for every intermediate object. */
int assay_lua_record_get(lua_State *L, int idx, const char *path);

/* 1 if the value at idx is a record proxy. */
int assay_lua_is_record(lua_State *L, int idx);

/* The sentinel that stands for JSON null in a Lua table given to
 * assay_lua_to_json (the `null` of test files). */
void assay_lua_push_null(lua_State *L);

/* Converts the Lua table at idx to a new JSON object. Sequences become
 * arrays, other tables objects with string keys; the null sentinel becomes
 * null. Returns NULL with a message naming the offending key on failure. */
cJSON *assay_lua_to_json(lua_State *L, int idx, char *err, size_t err_size);

#endif
