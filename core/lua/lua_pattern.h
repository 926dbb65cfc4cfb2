/* string.find, string.match, string.gmatch and string.gsub for the sandbox:
 * Lua 5.4's pattern matcher with every step counted against the calling
 * rule's instruction budget. The stock matcher backtracks inside one VM
 * instruction, so ("a"):rep(20000):find(".-.-.-.-.-b") would run for hours
 * where no hook can stop it; here it stops with the budget message. */
#ifndef ASSAY_LUA_PATTERN_H
#define ASSAY_LUA_PATTERN_H

#include <lua.h>

/* Sets find, match, gmatch and gsub in the table at idx. */
void assay_lua_pattern_open(lua_State *L, int idx);

/* 1 if f is the iterator string.gmatch returns (it keeps its position). */
int assay_lua_pattern_is_iterator(lua_CFunction f);

#endif
