#include "lua/lua_string_format.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>

/* The longest result written here; a longer one is Lua's to build. */
#define PLAIN_FORMAT_MAX 512

typedef struct out {
    char text[PLAIN_FORMAT_MAX];
    size_t len;
} out;

static int put(out *o, const char *s, size_t n)
{
    if (n > sizeof o->text - o->len)
        return 0;
    memcpy(o->text + o->len, s, n);
    o->len += n;
    return 1;
}

/* n in decimal, as "%lld" writes it. */
static int put_integer(out *o, lua_Integer n)
{
    char digits[24];
    size_t at = sizeof digits;
    unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n
                                 : (unsigned long long)n;
    do
        digits[--at] = (char)('0' + u % 10);
    while (u /= 10);
    if (n < 0)
        digits[--at] = '-';
    return put(o, digits + at, sizeof digits - at);
}

/* x through snprintf with form, as Lua's str_format writes it. */
static int put_printf(out *o, const char *form, lua_Number x)
{
    size_t room = sizeof o->text - o->len;
    int n = snprintf(o->text + o->len, room, form, (double)x);
    if (n < 0 || (size_t)n >= room)
        return 0;
    o->len += (size_t)n;
    return 1;
}

/* A whole number: its digits, "-0" for negative zero. */
static int put_whole(out *o, lua_Number whole, int negative)
{
    if (whole == 0 && negative)
        return put(o, "-0", 2);
    return put_integer(o, (lua_Integer)whole);
}

/* "%g": six significant digits, so a whole number below 10^6 in
 * magnitude is written as its digits; anything else as snprintf does. */
static int put_g(out *o, lua_Number x)
{
    if (x == floor(x) && fabs(x) < 1e6)
        return put_whole(o, x, signbit(x) != 0);
    return put_printf(o, "%g", x);
}

/* "%.0f": the nearest whole number, ties to even, as printf rounds the
 * exact binary value under the default rounding mode (nearbyint does
 * the same); below 2^52 every double's nearest whole number is exact. */
static int put_f0(out *o, lua_Number x)
{
    if (fabs(x) < 4503599627370496.0)
        return put_whole(o, nearbyint(x), signbit(x) != 0);
    return put_printf(o, "%.0f", x);
}

/* %s of the value at arg: a string as it is, an integer in decimal; 0
 * for anything luaL_tolstring would have to convert otherwise, and for a
 * value whose metatable has __tostring (Lua would call it). */
static int put_string(lua_State *L, out *o, int arg)
{
    if (lua_getmetatable(L, arg)) {
        int has = lua_getfield(L, -1, "__tostring") != LUA_TNIL;
        lua_pop(L, 2);
        if (has)
            return 0;
    }
    if (lua_type(L, arg) == LUA_TSTRING) {
        size_t n;
        const char *s = lua_tolstring(L, arg, &n);
        return put(o, s, n);
    }
    if (lua_isinteger(L, arg))
        return put_integer(o, lua_tointeger(L, arg));
    return 0;
}

int assay_string_format_plain(lua_State *L)
{
    size_t len;
    const char *f = lua_tolstring(L, 1, &len), *end = f + len;
    if (!f || lua_type(L, 1) != LUA_TSTRING)
        return 0;
    int top = lua_gettop(L), arg = 1;
    out o;
    o.len = 0;
    for (const char *c = f; c < end;) {
        const char *pct = memchr(c, '%', (size_t)(end - c));
        if (!put(&o, c, (size_t)((pct ? pct : end) - c)))
            return 0;
        if (!pct)
            break;
        c = pct + 1;
        if (c >= end)
            return 0; /* Lua's error: a format that ends in '%' */
        if (*c == '%') {
            if (!put(&o, "%", 1))
                return 0;
            c++;
            continue;
        }
        if (++arg > top)
            return 0;
        int ok;
        if (*c == 's') {
            ok = put_string(L, &o, arg);
        } else if (*c == 'd') {
            int exact = 0;
            lua_Integer n = lua_type(L, arg) == LUA_TNUMBER
                                ? lua_tointegerx(L, arg, &exact)
                                : 0;
            ok = exact && put_integer(&o, n);
        } else if (*c == 'g') {
            ok = lua_type(L, arg) == LUA_TNUMBER &&
                 put_g(&o, lua_tonumber(L, arg));
        } else if (c + 2 < end && c[0] == '.' && c[1] == '0' && c[2] == 'f') {
            c += 2;
            ok = lua_type(L, arg) == LUA_TNUMBER &&
                 put_f0(&o, lua_tonumber(L, arg));
        } else {
            ok = 0;
        }
        if (!ok)
            return 0;
        c++;
    }
    lua_pushlstring(L, o.text, o.len);
    return 1;
}
