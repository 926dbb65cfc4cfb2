/* table.sort for the sandbox: a stable merge sort. Lua's own quicksort
 * picks a pivot from the clock when partitions come out unbalanced, so
 * equal elements can come out in a different order from run to run, and
 * a rule that sorts applicants' records by score could score differently
 * on a rerun. A merge sort has no pivot: the same input always gives the
 * same order, equal elements keep theirs, it takes at most n log2 n
 * comparisons whatever the comparator does, and an inconsistent
 * comparator cannot make it fail. */
#ifndef ASSAY_LUA_SORT_H
#define ASSAY_LUA_SORT_H

#include <lua.h>

/* table.sort(list [, comp]) with the semantics above. */
int assay_lua_stable_sort(lua_State *L);

#endif
