#include "lua/lua_sort.h"

#include <limits.h>

#include <lauxlib.h>

/* 1 when element a sorts before element b (both on the stack). */
static int before(lua_State *L, int comp, int a, int b)
{
    a = lua_absindex(L, a);
    b = lua_absindex(L, b);
    if (comp == 0)
        return lua_compare(L, a, b, LUA_OPLT);
    lua_pushvalue(L, comp);
    lua_pushvalue(L, a);
    lua_pushvalue(L, b);
    lua_call(L, 2, 1);
    int yes = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return yes;
}

int assay_lua_stable_sort(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer n = luaL_len(L, 1);
    luaL_argcheck(L, n >= 0 && n < INT_MAX, 1, "array too big");
    int comp = 0;
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TFUNCTION);
        comp = 2;
    }
    lua_settop(L, 2);
    if (n < 2)
        return 0;
    /* Two plain arrays: the elements, read once (an __index may answer
     * differently the second time), and the merge's output. */
    lua_createtable(L, (int)n, 0);
    int from = lua_gettop(L);
    lua_createtable(L, (int)n, 0);
    int to = lua_gettop(L);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_geti(L, 1, i);
        lua_rawseti(L, from, i);
    }
    for (lua_Integer width = 1; width < n; width *= 2) {
        for (lua_Integer lo = 1; lo <= n; lo += 2 * width) {
            lua_Integer mid = lo + width, hi = lo + 2 * width;
            if (mid > n + 1)
                mid = n + 1;
            if (hi > n + 1)
                hi = n + 1;
            lua_Integer i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                lua_rawgeti(L, from, j);
                lua_rawgeti(L, from, i);
                /* Take from the right only when strictly before: stable. */
                int right = before(L, comp, -2, -1);
                lua_pop(L, right ? 1 : 2);
                if (right) {
                    j++;
                } else {
                    lua_rawgeti(L, from, i);
                    i++;
                }
                lua_rawseti(L, to, k++);
            }
            for (; i < mid; i++, k++) {
                lua_rawgeti(L, from, i);
                lua_rawseti(L, to, k);
            }
            for (; j < hi; j++, k++) {
                lua_rawgeti(L, from, j);
                lua_rawseti(L, to, k);
            }
        }
        /* The output is the next pass's input. */
        lua_pushvalue(L, from);
        lua_pushvalue(L, to);
        lua_replace(L, from);
        lua_replace(L, to);
    }
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, from, i);
        lua_seti(L, 1, i);
    }
    return 0;
}
