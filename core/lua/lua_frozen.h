/* Read-only tables. Lua has none: a metatable's __newindex guards only
 * absent keys. A frozen table is emptied into a hidden shadow table and
 * given a metatable that reads from the shadow and refuses every write;
 * the sandbox's rawget, rawset, rawlen, next and pairs know shadows, so a
 * frozen table reads as it did, and nothing can change it.
 *
 * assay_frozen_freeze freezes everything reachable from a value: tables,
 * their keys, values and metatables, and the upvalues of Lua functions,
 * whose current values it records. A rule file's tables cannot carry
 * anything from one record to the next; a file-level local that a rule
 * assigns to is found by assay_frozen_check_upvalues and put back. */
#ifndef ASSAY_LUA_FROZEN_H
#define ASSAY_LUA_FROZEN_H

#include <lua.h>

typedef struct assay_frozen_upvalues assay_frozen_upvalues;

/* Makes the state ready for frozen tables (once per state). */
void assay_frozen_open(lua_State *L);

/* If the table at idx is frozen, pushes its shadow and returns 1;
 * otherwise pushes nothing and returns 0. */
int assay_frozen_shadow(lua_State *L, int idx);

/* Deep-freezes the value at idx. The table at idx itself refuses writes
 * with on_write (called as __newindex(t, k, v); NULL: like the rest);
 * tables reached from it with a message naming the field. When upvalues is not NULL, every Lua
 * function's upvalue found is added to it with its current value. Raises
 * Lua errors (memory, budget): call it in a protected call. */
void assay_frozen_freeze(lua_State *L, int idx, lua_CFunction on_write,
                         assay_frozen_upvalues *upvalues);

/* A list of upvalues and the values they had when frozen; its Lua side
 * lives in the registry. */
assay_frozen_upvalues *assay_frozen_upvalues_new(lua_State *L);
void assay_frozen_upvalues_free(lua_State *L, assay_frozen_upvalues *u);

/* Puts back every upvalue whose value changed since it was frozen and
 * returns the number put back; the name of the first is written to name.
 * Raises no Lua error. */
int assay_frozen_check_upvalues(lua_State *L, assay_frozen_upvalues *u,
                                char *name, size_t name_size);

#endif
