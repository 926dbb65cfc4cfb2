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

/* Whether r may lie on the other side of a half from the exact product
 * it rounds (by half an ulp, at most 2^-53 of r). */
static int near_half(double r)
{
    return fabs(r - floor(r) - 0.5) <= r * 0x1p-51;
}

/* "%g" of x, not whole, with 1e-4 <= |x| < 1e6: six significant digits
 * in positional form, trailing zeros dropped. r = |x| * 10^(5 - X) is
 * within half an ulp of the exact product (the powers of ten here are
 * exact), so rounding r rounds as printf rounds the exact binary value,
 * unless r lies within that error of a half: those go to snprintf. */
static int put_g_fraction(out *o, lua_Number x)
{
    static const double power[] = {1e0, 1e1, 1e2, 1e3, 1e4,
                                   1e5, 1e6, 1e7, 1e8, 1e9};
    double a = fabs((double)x);
    int e = (int)floor(log10(a)); /* may be one off near a power of ten */
    if (e < -4 || e > 5)
        return 0;
    double r = a * power[5 - e];
    /* Out of [99999.5, 999999.5), r rounds to seven or five digits: one
     * more or one less power of ten. At a half that is not known. */
    if (near_half(r))
        return 0;
    if (r >= 999999.5 && e < 5)
        r = a * power[5 - ++e];
    else if (r < 99999.5 && e > -4)
        r = a * power[5 - --e];
    if (r < 99999.5 || r >= 999999.5 || near_half(r))
        return 0;
    double whole = floor(r), frac = r - whole;
    unsigned long digits = (unsigned long)whole + (frac > 0.5);
    char d[6];
    for (int i = 5; i >= 0; i--, digits /= 10)
        d[i] = (char)('0' + digits % 10);
    int last = 5; /* the last digit kept: trailing zeros dropped */
    while (last > 0 && d[last] == '0')
        last--;
    char text[16];
    size_t n = 0;
    if (signbit(x))
        text[n++] = '-';
    if (e >= 0) {
        for (int i = 0; i <= e; i++)
            text[n++] = d[i];
        if (last > e) {
            text[n++] = '.';
            for (int i = e + 1; i <= last; i++)
                text[n++] = d[i];
        }
    } else {
        text[n++] = '0';
        text[n++] = '.';
        for (int i = -1; i > e; i--)
            text[n++] = '0';
        for (int i = 0; i <= last; i++)
            text[n++] = d[i];
    }
    return put(o, text, n);
}

/* "%g": six significant digits, so a whole number below 10^6 in
 * magnitude is written as its digits, and a fraction from 10^-4 up in
 * positional form; anything else as snprintf does. */
static int put_g(out *o, lua_Number x)
{
    if (x == floor(x) && fabs(x) < 1e6)
        return put_whole(o, x, signbit(x) != 0);
    if (isfinite(x)) {
        size_t len = o->len;
        if (put_g_fraction(o, x))
            return 1;
        o->len = len;
    }
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
