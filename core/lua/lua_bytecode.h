/* What a Lua function's compiled code can do, read from its binary chunk
 * (lua_dump). The sandbox checks after every rule call that the rule left
 * the file-level variables as they were (lua/lua_frozen.h); a function
 * whose code, with every function nested in it, has no instruction that
 * assigns to an upvalue cannot have changed one, so the check can be
 * skipped for a file made only of such functions. */
#ifndef ASSAY_LUA_BYTECODE_H
#define ASSAY_LUA_BYTECODE_H

#include <lua.h>

/* 1 if the Lua function at idx, or a function nested in it, may assign to
 * an upvalue (OP_SETUPVAL); also 1 whenever that cannot be told: a C
 * function, a dump that fails or is not Lua 5.4's format as this reader
 * knows it, or an interpreter on which the reader's self-test fails. 0
 * only when no such instruction is in its code. */
int assay_lua_may_set_upvalues(lua_State *L, int idx);

#endif
