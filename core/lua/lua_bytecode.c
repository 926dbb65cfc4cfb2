/* A reader of Lua 5.4 binary chunks (the layout of ldump.c: a header,
 * then each function's code, constants, upvalues, nested functions and
 * debug information, sizes as 7-bit groups with the high bit marking the
 * last), for one question: is OP_SETUPVAL in the code? It reads the whole
 * chunk and answers "maybe" unless every byte was accounted for, and it
 * checks itself on two functions whose answer is known before it is
 * trusted, so a different interpreter build makes it cautious, never
 * wrong. */
#include "lua/lua_bytecode.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

/* lopcodes.h of Lua 5.4: the opcode is an instruction's low 7 bits. */
#define OPCODE_MASK 0x7fu
#define OP_SETUPVAL 10u

/* Constant tags (lobject.h: type | variant << 4). */
#define TAG_NIL 0x00
#define TAG_FALSE 0x01
#define TAG_TRUE 0x11
#define TAG_INT 0x03
#define TAG_FLOAT 0x13
#define TAG_SHORT_STRING 0x04
#define TAG_LONG_STRING 0x14

/* Functions nest no deeper than the parser's C stack allows (LUAI_MAXCCALLS
 * is 200); more is not a chunk this interpreter wrote. */
#define MAX_NESTING 256

typedef struct chunk {
    unsigned char *data;
    size_t len, cap;
    int failed;
} chunk;

static int collect(lua_State *L, const void *p, size_t n, void *ud)
{
    (void)L;
    chunk *c = ud;
    if (c->len + n > c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 4096;
        while (cap < c->len + n)
            cap *= 2;
        unsigned char *grown = realloc(c->data, cap);
        if (!grown) {
            c->failed = 1;
            return 1;
        }
        c->data = grown;
        c->cap = cap;
    }
    memcpy(c->data + c->len, p, n);
    c->len += n;
    return 0;
}

typedef struct reader {
    const unsigned char *p, *end;
    int bad;
} reader;

static unsigned char byte(reader *r)
{
    if (r->p >= r->end) {
        r->bad = 1;
        return 0;
    }
    return *r->p++;
}

static void skip(reader *r, size_t n)
{
    if ((size_t)(r->end - r->p) < n) {
        r->bad = 1;
        r->p = r->end;
        return;
    }
    r->p += n;
}

static size_t size(reader *r)
{
    size_t x = 0;
    for (int i = 0; i < 10 && !r->bad; i++) {
        unsigned char b = byte(r);
        if (x > (SIZE_MAX >> 7)) {
            r->bad = 1;
            return 0;
        }
        x = (x << 7) | (b & 0x7fu);
        if (b & 0x80u)
            return x;
    }
    r->bad = 1;
    return 0;
}

static void skip_string(reader *r)
{
    size_t n = size(r);
    if (n)
        skip(r, n - 1);
}

/* Reads one function; sets *found when its code or a nested function's
 * has OP_SETUPVAL. */
static void function(reader *r, int depth, int *found)
{
    if (depth > MAX_NESTING) {
        r->bad = 1;
        return;
    }
    skip_string(r); /* source */
    size(r);        /* linedefined */
    size(r);        /* lastlinedefined */
    skip(r, 3);     /* numparams, is_vararg, maxstacksize */
    size_t code = size(r);
    if (code > (size_t)(r->end - r->p) / 4) {
        r->bad = 1;
        return;
    }
    for (size_t i = 0; i < code; i++) {
        uint32_t ins;
        memcpy(&ins, r->p + i * 4, 4);
        if ((ins & OPCODE_MASK) == OP_SETUPVAL)
            *found = 1;
    }
    skip(r, code * 4);
    size_t constants = size(r);
    for (size_t i = 0; i < constants && !r->bad; i++) {
        switch (byte(r)) {
        case TAG_NIL:
        case TAG_FALSE:
        case TAG_TRUE:
            break;
        case TAG_INT:
        case TAG_FLOAT:
            skip(r, 8);
            break;
        case TAG_SHORT_STRING:
        case TAG_LONG_STRING:
            skip_string(r);
            break;
        default:
            r->bad = 1;
        }
    }
    size_t upvalues = size(r);
    if (upvalues > (size_t)(r->end - r->p) / 3) {
        r->bad = 1;
        return;
    }
    skip(r, upvalues * 3); /* instack, idx, kind */
    size_t protos = size(r);
    for (size_t i = 0; i < protos && !r->bad; i++)
        function(r, depth + 1, found);
    skip(r, size(r)); /* lineinfo */
    size_t abslines = size(r);
    for (size_t i = 0; i < abslines && !r->bad; i++) {
        size(r);
        size(r);
    }
    size_t locals = size(r);
    for (size_t i = 0; i < locals && !r->bad; i++) {
        skip_string(r);
        size(r);
        size(r);
    }
    size_t names = size(r);
    for (size_t i = 0; i < names && !r->bad; i++)
        skip_string(r);
}

/* 1, 0, or -1 when the chunk is not one this reader knows. */
static int scan(const unsigned char *data, size_t len)
{
    static const unsigned char head[] = {0x1b, 'L', 'u', 'a', 0x54, 0,
                                         0x19, 0x93, '\r', '\n', 0x1a, '\n',
                                         4, 8, 8};
    if (len < sizeof head + 16 || memcmp(data, head, sizeof head) != 0)
        return -1;
    lua_Integer check_int;
    lua_Number check_num;
    memcpy(&check_int, data + sizeof head, 8);
    memcpy(&check_num, data + sizeof head + 8, 8);
    if (sizeof check_int != 8 || sizeof check_num != 8 ||
        check_int != 0x5678 || check_num != 370.5)
        return -1;
    reader r = {data + sizeof head + 16, data + len, 0};
    byte(&r); /* the main function's upvalue count */
    int found = 0;
    function(&r, 0, &found);
    return r.bad || r.p != r.end ? -1 : found;
}

static int scan_function(lua_State *L, int idx)
{
    if (lua_type(L, idx) != LUA_TFUNCTION || lua_iscfunction(L, idx))
        return -1;
    idx = lua_absindex(L, idx);
    chunk c = {NULL, 0, 0, 0};
    lua_pushvalue(L, idx);
    int status = lua_dump(L, collect, &c, 1);
    lua_pop(L, 1);
    int result = status || c.failed ? -1 : scan(c.data, c.len);
    free(c.data);
    return result;
}

/* Whether the reader gives the known answers on this interpreter: 1, 0,
 * or -1 when the probes could not run (a memory cap). One function
 * assigns to an upvalue from a nested one; the other only reads it. */
static int reader_works(lua_State *L)
{
    static const char *const probes[] = {
        "local x = 0 return function() return function() x = x + 1 end end",
        "local x = 0 return function(t) local y = {x, 1.5, 'k', t} "
        "return function() return x + #y end end"};
    static const int expected[] = {1, 0};
    for (int i = 0; i < 2; i++) {
        if (luaL_loadstring(L, probes[i]) != LUA_OK ||
            lua_pcall(L, 0, 1, 0) != LUA_OK) {
            lua_pop(L, 1);
            return -1;
        }
        int got = scan_function(L, -1);
        lua_pop(L, 1);
        if (got != expected[i])
            return 0;
    }
    return 1;
}

int assay_lua_may_set_upvalues(lua_State *L, int idx)
{
    /* Tested once per process: the interpreter is the same for every
     * state (threads racing here compute the same answer). */
    static _Atomic int trusted = -1;
    idx = lua_absindex(L, idx);
    if (trusted < 0) {
        int works = reader_works(L);
        if (works < 0)
            return 1;
        trusted = works;
    }
    if (!trusted)
        return 1;
    return scan_function(L, idx) != 0;
}
