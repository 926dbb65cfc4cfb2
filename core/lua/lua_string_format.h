/* string.format for the conversions rules use most, without Lua's own.
 *
 * Rules build a reason for nearly every finding with string.format
 * ("SAE level %g backed by an HD map", "%d PhDs in a team of %d"). Lua's
 * str_format formats every conversion through snprintf and a luaL_Buffer;
 * for the plain conversions below this writes the same bytes directly.
 *
 * It handles a format whose every conversion is one of %%, %s, %d, %g and
 * %.0f with no flags or width, given an argument of the type Lua would
 * accept without converting it (a string or an integer for %s, a number
 * for the others). Anything else (another conversion, a flag, a missing
 * argument, a string where a number is due, a result over 512 bytes) is
 * left to Lua's string.format, which formats it or raises its own error:
 * the result is the same byte for byte either way (tests/unit/
 * test_lua_string_format.c compares the two). */
#ifndef ASSAY_LUA_STRING_FORMAT_H
#define ASSAY_LUA_STRING_FORMAT_H

#include <lua.h>

/* With the format at stack index 1 and its arguments above it: pushes the
 * formatted string and returns 1, or pushes nothing and returns 0 when
 * Lua's string.format must do it. Never raises an error. */
int assay_string_format_plain(lua_State *L);

#endif
