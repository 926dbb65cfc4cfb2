#include "lua/sandbox.h"

#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lualib.h>

#include "lua/lua_frozen.h"
#include "lua/lua_pool.h"
#include "lua/lua_string_format.h"
#include "lua/lua_pattern.h"
#include "lua/lua_sort.h"

struct assay_sandbox {
    lua_State *L;
    assay_sandbox_limits limits;
    size_t used, peak;
    assay_lua_pool pool; /* the state's small blocks */
    int depth;           /* protected calls under way (nested: 1 budget) */
    long remaining;      /* instructions left in the current call */
    long unclocked;      /* charged since the clock was last read */
    struct timespec deadline; /* set when first needed */
    int has_deadline;
    int memory_refused;  /* set by the allocator during a call */
    int lost;            /* a panic left the state unusable */
    jmp_buf *recover;    /* where the panic handler returns to */
    char lost_why[512];
};

/* Instructions between two hook calls: small enough to stop a loop soon
 * after the budget, large enough to cost nothing measurable. */
#define HOOK_STEP 1000
/* Bytes allocated (or copied, scanned) that cost one instruction. */
#define BYTES_PER_INSTRUCTION 64

#define SAFE_LIBS "assay.safe" /* registry: library name -> safe copy */

static assay_sandbox *sandbox_of(lua_State *L)
{
    void *ud;
    lua_getallocf(L, &ud);
    return ud;
}

static void count_hook(lua_State *L, lua_Debug *ar);

/* ---- allocator -------------------------------------------------------- */

/* Lua passes the old block size as osize only when ptr is non-NULL; for a
 * new block osize is a type tag and must not be counted. */
static void *capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    assay_sandbox *sb = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        assay_lua_pool_realloc(&sb->pool, ptr, old, 0);
        sb->used -= old;
        return NULL;
    }
    if (nsize > old && sb->used - old + nsize > sb->limits.memory) {
        sb->memory_refused = 1;
        return NULL;
    }
    void *p = assay_lua_pool_realloc(&sb->pool, ptr, old, nsize);
    if (!p)
        return NULL;
    sb->used = sb->used - old + nsize;
    if (sb->used > sb->peak)
        sb->peak = sb->used;
    /* Making big strings and tables is work too: string.rep, upper and
     * the like run in one instruction. The hook collects the debt. */
    if (sb->depth && nsize > old) {
        long cost = (long)((nsize - old) / BYTES_PER_INSTRUCTION);
        if (cost > 0 && (sb->remaining -= cost) <= 0)
            lua_sethook(sb->L, count_hook, LUA_MASKCOUNT, 1); /* now */
    }
    return p;
}

/* ---- budget and deadline ---------------------------------------------- */

/* The deadline is set the first time it is looked at: most calls end
 * before the hook runs once, and never read the clock. */
static int past_deadline(assay_sandbox *sb)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (!sb->has_deadline) {
        double whole = floor(sb->limits.seconds);
        sb->deadline.tv_sec = now.tv_sec + (time_t)whole;
        sb->deadline.tv_nsec =
            now.tv_nsec + (long)((sb->limits.seconds - whole) * 1e9);
        if (sb->deadline.tv_nsec >= 1000000000L) {
            sb->deadline.tv_sec++;
            sb->deadline.tv_nsec -= 1000000000L;
        }
        sb->has_deadline = 1;
        return 0;
    }
    return now.tv_sec > sb->deadline.tv_sec ||
           (now.tv_sec == sb->deadline.tv_sec &&
            now.tv_nsec >= sb->deadline.tv_nsec);
}

static void push_budget_message(lua_State *L, const assay_sandbox *sb,
                                const char *what)
{
    if (what)
        lua_pushfstring(L, "instruction budget of %I exceeded in %s (too "
                           "much work for one call)",
                        (lua_Integer)sb->limits.instructions, what);
    else
        lua_pushfstring(L, "instruction budget of %I exceeded (an endless "
                           "loop?)",
                        (lua_Integer)sb->limits.instructions);
}

static void push_deadline_message(lua_State *L, const assay_sandbox *sb)
{
    char seconds[32];
    snprintf(seconds, sizeof seconds, "%g", sb->limits.seconds);
    lua_pushfstring(L, "time limit of %s s exceeded (a call that runs this "
                       "long is stuck)",
                    seconds);
}

static void count_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    assay_sandbox *sb = sandbox_of(L);
    sb->remaining -= HOOK_STEP;
    int out = sb->remaining <= 0;
    if (!out && !past_deadline(sb))
        return;
    /* In a hook, level 0 is the Lua function that was running (luaL_error
     * would name level 1, its caller). */
    lua_Debug here;
    if (lua_getstack(L, 0, &here) && lua_getinfo(L, "Sl", &here) &&
        here.currentline > 0)
        lua_pushfstring(L, "%s:%d: ", here.short_src, here.currentline);
    else
        lua_pushliteral(L, "");
    if (out)
        push_budget_message(L, sb, NULL);
    else
        push_deadline_message(L, sb);
    lua_concat(L, 2);
    lua_error(L);
}

void assay_sandbox_charge(lua_State *L, long n, const char *what)
{
    assay_sandbox *sb = sandbox_of(L);
    if (!sb->depth)
        return;
    sb->remaining -= n;
    sb->unclocked += n;
    if (sb->remaining <= 0) {
        luaL_where(L, 1);
        push_budget_message(L, sb, what);
        lua_concat(L, 2);
        lua_error(L);
    }
    if (sb->unclocked >= HOOK_STEP) {
        sb->unclocked = 0;
        if (past_deadline(sb)) {
            luaL_where(L, 1);
            push_deadline_message(L, sb);
            lua_concat(L, 2);
            lua_error(L);
        }
    }
}

/* ---- panic ------------------------------------------------------------ */

static int on_panic(lua_State *L)
{
    assay_sandbox *sb = sandbox_of(L);
    const char *msg = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1)
                                                     : "(no message)";
    snprintf(sb->lost_why, sizeof sb->lost_why,
             "the Lua state was lost to an error outside a protected call "
             "(%s); the rules of this state fail from here on",
             msg);
    sb->lost = 1;
    if (sb->recover)
        longjmp(*sb->recover, 1);
    fprintf(stderr, "assay: %s; stopping (a bug in assay: please report "
                    "it with the rule file)\n",
            sb->lost_why);
    return 0; /* Lua aborts */
}

int assay_sandbox_guard(assay_sandbox *sb, void (*work)(void *), void *ud,
                        char *err, size_t err_size)
{
    if (sb->lost) {
        snprintf(err, err_size, "%s", sb->lost_why);
        return 1;
    }
    jmp_buf here, *outer = sb->recover;
    if (setjmp(here) == 0) {
        sb->recover = &here;
        work(ud);
        sb->recover = outer;
        return 0;
    }
    sb->recover = outer;
    sb->depth = 0;
    lua_sethook(sb->L, NULL, 0, 0);
    snprintf(err, err_size, "%s", sb->lost_why);
    return 1;
}

int assay_sandbox_lost(const assay_sandbox *sb)
{
    return sb->lost;
}

/* ---- what rules read: no addresses, a fixed order --------------------- */

const char *assay_sandbox_describe(lua_State *L, int idx, char *buf,
                                   size_t size)
{
    switch (lua_type(L, idx)) {
    case LUA_TSTRING: {
        size_t len;
        const char *s = lua_tolstring(L, idx, &len);
        size_t n = len < size - 1 ? len : size - 1;
        for (size_t i = 0; i < n; i++)
            buf[i] = s[i] ? s[i] : '?';
        buf[n] = '\0';
        break;
    }
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx))
            snprintf(buf, size, LUA_INTEGER_FMT,
                     (LUAI_UACINT)lua_tointeger(L, idx));
        else
            snprintf(buf, size, LUA_NUMBER_FMT,
                     (LUAI_UACNUMBER)lua_tonumber(L, idx));
        break;
    case LUA_TBOOLEAN:
        snprintf(buf, size, "%s", lua_toboolean(L, idx) ? "true" : "false");
        break;
    default:
        snprintf(buf, size, "%s", luaL_typename(L, idx));
    }
    return buf;
}

/* tostring that shows no address: a table, function or userdata without
 * __tostring is named by its type alone. */
static void push_safe_string(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    if (luaL_callmeta(L, idx, "__tostring")) {
        if (!lua_isstring(L, -1))
            luaL_error(L, "'__tostring' must return a string");
        return;
    }
    switch (lua_type(L, idx)) {
    case LUA_TNUMBER:
    case LUA_TSTRING:
    case LUA_TBOOLEAN:
    case LUA_TNIL:
        luaL_tolstring(L, idx, NULL);
        break;
    default:
        lua_pushstring(L, luaL_typename(L, idx));
    }
}

static int safe_tostring(lua_State *L)
{
    luaL_checkany(L, 1);
    push_safe_string(L, 1);
    return 1;
}

/* A table key as the fixed order compares it: numbers, then strings
 * (bytewise), then booleans. Tables and functions as keys have no order
 * that is the same from run to run (only their addresses tell them apart),
 * so pairs and next refuse them. */
typedef struct sort_key {
    int rank;
    lua_Number number;
    const char *string;
    size_t len;
    lua_Integer at; /* position in the key list */
} sort_key;

static void read_key(lua_State *L, int idx, sort_key *k)
{
    memset(k, 0, sizeof *k);
    switch (lua_type(L, idx)) {
    case LUA_TNUMBER:
        k->rank = 0;
        k->number = lua_tonumber(L, idx);
        break;
    case LUA_TSTRING:
        k->rank = 1;
        k->string = lua_tolstring(L, idx, &k->len);
        break;
    case LUA_TBOOLEAN:
        k->rank = 2;
        k->number = lua_toboolean(L, idx);
        break;
    default:
        luaL_error(L, "a table with a %s as a key has no fixed order (only "
                      "its memory address tells it apart, and that differs "
                      "from run to run); key it by a string or a number",
                   luaL_typename(L, idx));
    }
}

static int compare_keys(const sort_key *a, const sort_key *b)
{
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    if (a->rank == 1) {
        size_t n = a->len < b->len ? a->len : b->len;
        int c = memcmp(a->string, b->string, n);
        if (c)
            return c;
        return a->len < b->len ? -1 : a->len > b->len;
    }
    return a->number < b->number ? -1 : a->number > b->number;
}

static int compare_sort_keys(const void *a, const void *b)
{
    int c = compare_keys(a, b);
    if (c)
        return c;
    const sort_key *x = a, *y = b;
    return x->at < y->at ? -1 : x->at > y->at;
}

/* The table whose contents rules see at idx: its shadow when frozen.
 * Pushes it. */
static void push_contents(lua_State *L, int idx)
{
    if (!assay_frozen_shadow(L, idx))
        lua_pushvalue(L, idx);
}

/* Pushes the keys of the table at t as a sequence in the fixed order. */
static void push_sorted_keys(lua_State *L, int t)
{
    t = lua_absindex(L, t);
    lua_newtable(L);
    int keys = lua_gettop(L);
    lua_Integer n = 0;
    lua_pushnil(L);
    while (lua_next(L, t)) {
        lua_pop(L, 1);
        lua_pushvalue(L, -1);
        lua_rawseti(L, keys, ++n);
    }
    long log2n = 1;
    for (lua_Integer m = n; m > 1; m /= 2)
        log2n++;
    assay_sandbox_charge(L, (long)(n * log2n / 4), "pairs");
    sort_key *sorted = lua_newuserdatauv(L, (size_t)(n ? n : 1) * sizeof *sorted,
                                         0);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, keys, i);
        read_key(L, -1, &sorted[i - 1]); /* the string stays in keys */
        sorted[i - 1].at = i;
        lua_pop(L, 1);
    }
    qsort(sorted, (size_t)n, sizeof *sorted, compare_sort_keys);
    lua_createtable(L, (int)n, 0);
    for (lua_Integer i = 0; i < n; i++) {
        lua_rawgeti(L, keys, sorted[i].at);
        lua_rawseti(L, -2, i + 1);
    }
    lua_replace(L, keys);
    lua_settop(L, keys);
}

/* The iterator of pairs: upvalues contents, sorted keys, position. */
static int sorted_next(lua_State *L)
{
    lua_Integer i = lua_tointeger(L, lua_upvalueindex(3));
    for (;;) {
        if (lua_rawgeti(L, lua_upvalueindex(2), ++i) == LUA_TNIL)
            return 0;
        lua_pushvalue(L, -1);
        if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) {
            lua_pushinteger(L, i);
            lua_replace(L, lua_upvalueindex(3));
            return 2;
        }
        lua_pop(L, 2); /* removed while the loop ran */
    }
}

int assay_sandbox_is_iterator(lua_CFunction f)
{
    return f == sorted_next || assay_lua_pattern_is_iterator(f);
}

static int safe_pairs(lua_State *L)
{
    luaL_checkany(L, 1);
    if (luaL_getmetafield(L, 1, "__pairs") != LUA_TNIL) {
        lua_pushvalue(L, 1);
        lua_call(L, 1, 3);
        return 3;
    }
    luaL_checktype(L, 1, LUA_TTABLE);
    push_contents(L, 1);
    push_sorted_keys(L, -1);
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, sorted_next, 3);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

/* next(t, k) in the fixed order: the smallest key after k. */
static int safe_next(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 2);
    push_contents(L, 1);
    int t = 3;
    sort_key after, best, k;
    int has_after = !lua_isnil(L, 2), has_best = 0;
    if (has_after)
        read_key(L, 2, &after);
    lua_pushnil(L); /* slot 4: the best key so far */
    long seen = 0;
    lua_pushnil(L);
    while (lua_next(L, t)) {
        lua_pop(L, 1);
        read_key(L, -1, &k);
        seen++;
        if ((!has_after || compare_keys(&k, &after) > 0) &&
            (!has_best || compare_keys(&k, &best) < 0)) {
            best = k;
            has_best = 1;
            lua_pushvalue(L, -1);
            lua_replace(L, 4); /* keeps best.string alive */
        }
    }
    assay_sandbox_charge(L, seen / 4, "next");
    if (!has_best) {
        lua_pushnil(L);
        return 1;
    }
    lua_pushvalue(L, 4);
    lua_pushvalue(L, 4);
    lua_rawget(L, t);
    return 2;
}

/* 1 if msg starts with a position, "chunk:line:". */
static int has_position(const char *msg)
{
    const char *colon = strchr(msg, ':');
    if (!colon || colon[1] < '0' || colon[1] > '9')
        return 0;
    const char *d = colon + 1;
    while (*d >= '0' && *d <= '9')
        d++;
    return *d == ':';
}

/* Raises the error on the stack top, with the position of the calling
 * Lua code in front when it has none (it was raised by a C function that
 * this C function called). */
static int raise_with_position(lua_State *L)
{
    if (lua_type(L, -1) == LUA_TSTRING && !has_position(lua_tostring(L, -1))) {
        luaL_where(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
    }
    return lua_error(L);
}

static int safe_rawget(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checkany(L, 2);
    lua_settop(L, 2);
    push_contents(L, 1);
    lua_pushvalue(L, 2);
    lua_rawget(L, -2);
    return 1;
}

static int safe_rawlen(lua_State *L)
{
    int t = lua_type(L, 1);
    luaL_argexpected(L, t == LUA_TTABLE || t == LUA_TSTRING, 1,
                     "table or string");
    if (t == LUA_TTABLE)
        push_contents(L, 1);
    else
        lua_pushvalue(L, 1);
    lua_pushinteger(L, (lua_Integer)lua_rawlen(L, -1));
    return 1;
}

static int safe_rawset(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checkany(L, 2);
    luaL_checkany(L, 3);
    if (assay_frozen_shadow(L, 1)) {
        lua_pop(L, 1);
        lua_getmetatable(L, 1);
        lua_getfield(L, -1, "__newindex"); /* its refusal, with its message */
        lua_pushvalue(L, 1);
        lua_pushvalue(L, 2);
        lua_pushvalue(L, 3);
        if (lua_pcall(L, 3, 0, 0) != LUA_OK)
            return raise_with_position(L);
    }
    lua_settop(L, 3);
    lua_rawset(L, 1);
    return 1;
}

/* ---- safe base functions ---------------------------------------------- */

/* getmetatable that refuses strings: their metatable leads to the shared
 * string library. */
static int safe_getmetatable(lua_State *L)
{
    luaL_checkany(L, 1);
    if (lua_type(L, 1) == LUA_TSTRING)
        return luaL_error(L, "getmetatable is not available for strings in "
                             "rules");
    if (!lua_getmetatable(L, 1)) {
        lua_pushnil(L);
        return 1;
    }
    luaL_getmetafield(L, 1, "__metatable");
    return 1;
}

/* setmetatable without finalizers: a __gc would run whenever the collector
 * decides, outside the budget of any call and in whatever rule's name is
 * running then. */
static int safe_setmetatable(lua_State *L)
{
    int t = lua_type(L, 2);
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
    if (t == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)
            return luaL_error(L, "setmetatable: __gc finalizers are not "
                                 "available in rules (they would run "
                                 "outside the rule's limits); drop the "
                                 "__gc field");
        lua_pop(L, 1);
    }
    if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
        return luaL_error(L, "cannot change a protected metatable");
    lua_settop(L, 2);
    lua_setmetatable(L, 1);
    return 1;
}

/* load(chunk [, chunkname [, mode [, env]]]) for text only; the chunk runs
 * in env, or in the environment of the code that called load. */
static int safe_load(lua_State *L)
{
    size_t len;
    const char *code = luaL_checklstring(L, 1, &len);
    const char *name = luaL_optstring(L, 2, code);
    const char *mode = luaL_optstring(L, 3, "t");
    if (strcmp(mode, "t") != 0)
        return luaL_error(L, "load accepts only text chunks (mode \"t\")");
    /* "@x" and "=x" make messages name x:line as if it were a file (a
     * rule could blame plugins/soil/soil.c); other names show as
     * [string "x"]:line. */
    if (name[0] == '@' || name[0] == '=')
        return luaL_error(L, "load: a chunk name may not start with '%c' "
                             "(messages would name \"%s\" as if it were a "
                             "file); give a plain name, shown as [string "
                             "\"%s\"]",
                          name[0], name + 1, name + 1);
    assay_sandbox_charge(L, (long)(len / 8), "load");
    int has_env = !lua_isnoneornil(L, 4);
    if (luaL_loadbufferx(L, code, len, name, "t") != LUA_OK) {
        lua_pushnil(L);
        lua_insert(L, -2);
        return 2;
    }
    if (has_env)
        lua_pushvalue(L, 4);
    else
        lua_pushvalue(L, lua_upvalueindex(1));
    lua_setupvalue(L, -2, 1);
    return 1;
}

/* ---- library functions that do much in one call ---------------------- */

/* Calls upvalue 1 with the arguments; an error it raises without a
 * position gets the caller's, as if it had been called directly. A C
 * library function runs in this very frame (it reads no upvalues of its
 * own), so luaL_where(L, 1) already names the rule's line and no
 * protected call is needed: one fewer setjmp on every string.format. */
static int call_original(lua_State *L)
{
    lua_CFunction direct = lua_tocfunction(L, lua_upvalueindex(1));
    if (direct)
        return direct(L);
    int n = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    if (lua_pcall(L, n, LUA_MULTRET, 0) != LUA_OK)
        return raise_with_position(L);
    return lua_gettop(L);
}

enum cost_kind {
    COST_STRING,   /* the length of argument 1, a string */
    COST_LENGTH,   /* #t of argument 1, a table */
    COST_RANGE,    /* arguments 2..3 (table.move) */
    COST_UNPACK,   /* i..j of table.unpack */
    COST_SORT,     /* n log n */
    COST_REP       /* string.rep: n copies of the string and separator */
};

static lua_Integer clip(lua_Integer n)
{
    return n < 0 ? 0 : n > LONG_MAX / 2 ? LONG_MAX / 2 : n;
}

/* A library function charged for its work before it runs (upvalues: the
 * function, its cost kind, its name). */
static int charged(lua_State *L)
{
    enum cost_kind kind = (enum cost_kind)lua_tointeger(L, lua_upvalueindex(2));
    lua_Integer cost = 1;
    switch (kind) {
    case COST_STRING:
        if (lua_type(L, 1) == LUA_TSTRING)
            cost += (lua_Integer)(lua_rawlen(L, 1) / 16);
        break;
    case COST_LENGTH:
    case COST_SORT:
        if (lua_type(L, 1) == LUA_TTABLE) {
            lua_Integer n = clip(luaL_len(L, 1));
            cost += n;
            if (kind == COST_SORT)
                for (lua_Integer m = n; m > 1; m /= 2)
                    cost += n;
        }
        break;
    case COST_RANGE: {
        int f_ok, e_ok;
        lua_Integer f = lua_tointegerx(L, 2, &f_ok);
        lua_Integer e = lua_tointegerx(L, 3, &e_ok);
        if (f_ok && e_ok && e > f)
            cost += clip(e / 2 - f / 2) * 2; /* no overflow */
        break;
    }
    case COST_REP: {
        int ok;
        lua_Integer n = lua_tointegerx(L, 2, &ok);
        if (ok && n > 0 && lua_type(L, 1) == LUA_TSTRING) {
            lua_Integer bytes = (lua_Integer)lua_rawlen(L, 1);
            if (lua_type(L, 3) == LUA_TSTRING)
                bytes += (lua_Integer)lua_rawlen(L, 3);
            /* a copy a repetition, however short, and the bytes */
            lua_Integer per = bytes / BYTES_PER_INSTRUCTION;
            cost += clip(n) +
                    (per && n > LONG_MAX / 2 / per ? LONG_MAX / 2 : n * per);
        }
        break;
    }
    case COST_UNPACK:
        if (lua_type(L, 1) == LUA_TTABLE) {
            lua_Integer i = luaL_optinteger(L, 2, 1);
            lua_Integer j = lua_isnoneornil(L, 3) ? luaL_len(L, 1)
                                                  : luaL_checkinteger(L, 3);
            cost += i <= j ? clip(j - i) : 0;
        }
        break;
    }
    assay_sandbox_charge(L, (long)clip(cost),
                         lua_tostring(L, lua_upvalueindex(3)));
    return call_original(L);
}

/* string.format without addresses: %p is refused and %s of a table or
 * function shows its type (or its __tostring). */
static int safe_format(lua_State *L)
{
    size_t len;
    const char *f = luaL_checklstring(L, 1, &len), *end = f + len;
    int arg = 1, top = lua_gettop(L);
    for (const char *c = f; (c = memchr(c, '%', (size_t)(end - c))) != NULL;
         c++) {
        if (++c >= end)
            break;
        if (*c == '%')
            continue;
        arg++;
        while (c < end && strchr("-+ #0123456789.", *c))
            c++;
        if (c >= end)
            break;
        if (*c == 'p')
            return luaL_error(L, "string.format: %%p is not available in "
                                 "rules (it shows a memory address, which "
                                 "differs from run to run)");
        if (*c == 's' && arg <= top && lua_type(L, arg) != LUA_TSTRING &&
            lua_type(L, arg) != LUA_TNUMBER) {
            push_safe_string(L, arg);
            lua_replace(L, arg);
        }
    }
    if (len > 1024)
        assay_sandbox_charge(L, (long)(len / 16), "string.format");
    if (assay_string_format_plain(L))
        return 1;
    return call_original(L);
}

typedef struct charged_function {
    const char *lib, *name;
    enum cost_kind kind;
} charged_function;

static const charged_function charged_functions[] = {
    {LUA_STRLIBNAME, "byte", COST_STRING},
    {LUA_STRLIBNAME, "rep", COST_REP},
    {LUA_UTF8LIBNAME, "len", COST_STRING},
    {LUA_UTF8LIBNAME, "codepoint", COST_STRING},
    {LUA_UTF8LIBNAME, "offset", COST_STRING},
    {LUA_TABLIBNAME, "concat", COST_LENGTH},
    {LUA_TABLIBNAME, "insert", COST_LENGTH},
    {LUA_TABLIBNAME, "remove", COST_LENGTH},
    {LUA_TABLIBNAME, "move", COST_RANGE},
    {LUA_TABLIBNAME, "unpack", COST_UNPACK},
    {LUA_TABLIBNAME, "sort", COST_SORT},
    {LUA_GNAME, "tonumber", COST_STRING},
    {NULL, NULL, 0}};

/* Pushes the safe copy of the loaded library lib (the state's own stays
 * as it is, so error messages still name "table.move"). */
static void push_safe_library(lua_State *L, const char *lib)
{
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    lua_getfield(L, -1, lib);
    lua_newtable(L);
    lua_pushnil(L);
    while (lua_next(L, -3)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_settable(L, -4);
    }
    for (const charged_function *c = charged_functions; c->lib; c++) {
        if (strcmp(c->lib, lib) != 0)
            continue;
        if (c->kind == COST_SORT) /* deterministic, not Lua's own */
            lua_pushcfunction(L, assay_lua_stable_sort);
        else
            lua_getfield(L, -2, c->name);
        lua_pushinteger(L, c->kind);
        lua_pushfstring(L, "%s%s%s",
                        strcmp(lib, LUA_GNAME) == 0 ? "" : lib,
                        strcmp(lib, LUA_GNAME) == 0 ? "" : ".", c->name);
        lua_pushcclosure(L, charged, 3);
        lua_setfield(L, -2, c->name);
    }
    if (strcmp(lib, LUA_STRLIBNAME) == 0) {
        assay_lua_pattern_open(L, -1);
        lua_getfield(L, -2, "format");
        lua_pushcclosure(L, safe_format, 1);
        lua_setfield(L, -2, "format");
        lua_pushnil(L);
        lua_setfield(L, -2, "dump");
    }
    if (strcmp(lib, LUA_MATHLIBNAME) == 0) {
        lua_pushnil(L);
        lua_setfield(L, -2, "random");
        lua_pushnil(L);
        lua_setfield(L, -2, "randomseed");
    }
    lua_remove(L, -2);
    lua_remove(L, -2);
}

static const char *const libraries[] = {LUA_GNAME, LUA_STRLIBNAME,
                                        LUA_TABLIBNAME, LUA_MATHLIBNAME,
                                        LUA_UTF8LIBNAME, NULL};

static void make_safe_libraries(lua_State *L)
{
    lua_newtable(L);
    for (const char *const *lib = libraries; *lib; lib++) {
        push_safe_library(L, *lib);
        lua_setfield(L, -2, *lib);
    }
    /* Method calls on strings ("x"):rep() go through the string
     * metatable's __index: the safe string table. */
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_getfield(L, -3, LUA_STRLIBNAME);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 2);
    lua_setfield(L, LUA_REGISTRYINDEX, SAFE_LIBS);
}

static const char *const safe_base[] = {"assert", "error", "ipairs",
                                        "rawequal", "select", "tonumber",
                                        "type", NULL};

/* Copies the safe library lib into a new table, set as env[lib]. */
static void copy_library(lua_State *L, int env, const char *lib)
{
    lua_getfield(L, LUA_REGISTRYINDEX, SAFE_LIBS);
    lua_getfield(L, -1, lib);
    lua_newtable(L);
    lua_pushnil(L);
    while (lua_next(L, -3)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_settable(L, -4);
    }
    lua_setfield(L, env, lib);
    lua_pop(L, 2);
}

void assay_sandbox_new_env(assay_sandbox *sb)
{
    static const luaL_Reg own[] = {{"getmetatable", safe_getmetatable},
                                   {"setmetatable", safe_setmetatable},
                                   {"tostring", safe_tostring},
                                   {"pairs", safe_pairs},
                                   {"next", safe_next},
                                   {"rawget", safe_rawget},
                                   {"rawlen", safe_rawlen},
                                   {"rawset", safe_rawset},
                                   {NULL, NULL}};
    lua_State *L = sb->L;
    lua_newtable(L);
    int env = lua_gettop(L);
    lua_getfield(L, LUA_REGISTRYINDEX, SAFE_LIBS);
    lua_getfield(L, -1, LUA_GNAME);
    for (const char *const *name = safe_base; *name; name++) {
        lua_getfield(L, -1, *name);
        lua_setfield(L, env, *name);
    }
    lua_pop(L, 2);
    luaL_setfuncs(L, own, 0);
    lua_pushvalue(L, env);
    lua_pushcclosure(L, safe_load, 1);
    lua_setfield(L, env, "load");
    lua_pushliteral(L, LUA_VERSION);
    lua_setfield(L, env, "_VERSION");
    for (const char *const *lib = libraries + 1; *lib; lib++)
        copy_library(L, env, *lib);
    lua_pushvalue(L, env);
    lua_setfield(L, env, "_G");
}

/* Opens the libraries and makes their safe copies (in a protected call:
 * a small memory cap can fail it). */
static int open_state(lua_State *L)
{
    /* Only these libraries exist in the state at all. */
    static const luaL_Reg libs[] = {{LUA_GNAME, luaopen_base},
                                    {LUA_STRLIBNAME, luaopen_string},
                                    {LUA_TABLIBNAME, luaopen_table},
                                    {LUA_MATHLIBNAME, luaopen_math},
                                    {LUA_UTF8LIBNAME, luaopen_utf8},
                                    {NULL, NULL}};
    for (const luaL_Reg *lib = libs; lib->func; lib++) {
        luaL_requiref(L, lib->name, lib->func, 1);
        lua_pop(L, 1);
    }
    lua_getglobal(L, LUA_STRLIBNAME);
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    lua_pop(L, 1);
    make_safe_libraries(L);
    assay_frozen_open(L);
    return 0;
}

/* ---- state ------------------------------------------------------------ */

assay_sandbox *assay_sandbox_new(const assay_sandbox_limits *limits,
                                 char *err, size_t err_size)
{
    assay_sandbox *sb = calloc(1, sizeof *sb);
    if (!sb) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    sb->limits.memory = limits && limits->memory ? limits->memory
                                                 : ASSAY_DEFAULT_LUA_MEMORY;
    sb->limits.instructions = limits && limits->instructions > 0
                                  ? limits->instructions
                                  : ASSAY_DEFAULT_LUA_INSTRUCTIONS;
    sb->limits.seconds = limits && limits->seconds > 0
                             ? limits->seconds
                             : ASSAY_DEFAULT_LUA_SECONDS;
    assay_lua_pool_init(&sb->pool);
    sb->L = lua_newstate(capped_alloc, sb);
    if (!sb->L) {
        assay_lua_pool_free(&sb->pool);
        snprintf(err, err_size,
                 "cannot create a Lua state within the memory cap of %zu "
                 "bytes; raise the Lua memory limit",
                 sb->limits.memory);
        free(sb);
        return NULL;
    }
    lua_atpanic(sb->L, on_panic);
    if (assay_sandbox_protect(sb, open_state, NULL, err, err_size)) {
        lua_close(sb->L);
        assay_lua_pool_free(&sb->pool);
        free(sb);
        return NULL;
    }
    return sb;
}

void assay_sandbox_free(assay_sandbox *sb)
{
    if (!sb)
        return;
    lua_close(sb->L);
    assay_lua_pool_free(&sb->pool);
    free(sb);
}

assay_sandbox *assay_sandbox_of(lua_State *L)
{
    return sandbox_of(L);
}

lua_State *assay_sandbox_state(assay_sandbox *sb)
{
    return sb->L;
}

const assay_sandbox_limits *assay_sandbox_limits_of(const assay_sandbox *sb)
{
    return &sb->limits;
}

size_t assay_sandbox_memory_used(const assay_sandbox *sb)
{
    return sb->used;
}

size_t assay_sandbox_memory_peak(const assay_sandbox *sb)
{
    return sb->peak;
}

/* ---- loading and calling ---------------------------------------------- */

/* The error message at idx into err, a NUL in it shown as "?" (it would
 * cut the message short without a word). */
static void copy_message(lua_State *L, int idx, char *err, size_t err_size)
{
    size_t len;
    const char *msg = lua_type(L, idx) == LUA_TSTRING || lua_type(L, idx) == LUA_TNUMBER
                          ? lua_tolstring(L, idx, &len)
                          : NULL;
    if (!msg) {
        snprintf(err, err_size, "error object is a %s, not a string",
                 luaL_typename(L, idx));
        return;
    }
    size_t n = len < err_size - 1 ? len : err_size - 1;
    for (size_t i = 0; i < n; i++)
        err[i] = msg[i] ? msg[i] : '?';
    err[n] = '\0';
}

static int finish_load(assay_sandbox *sb, int status, int env, char *err,
                       size_t err_size)
{
    lua_State *L = sb->L;
    if (status != LUA_OK) {
        if (status == LUA_ERRMEM)
            snprintf(err, err_size, "Lua memory cap of %zu bytes exceeded "
                                    "while loading",
                     sb->limits.memory);
        else
            copy_message(L, -1, err, err_size);
        lua_pop(L, 1);
        return 1;
    }
    lua_pushvalue(L, env);
    lua_setupvalue(L, -2, 1);
    return 0;
}

/* The text of the file at path in new memory, or NULL with a message: a
 * FIFO, device or directory is refused without blocking on it, and so is
 * a file above ASSAY_SANDBOX_MAX_FILE bytes, before anything is read. */
static char *read_source(const char *path, size_t *len, char *err,
                         size_t err_size)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, err_size, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        snprintf(err, err_size, "%s: not a regular file; a rule, helper or "
                                "policy file must be a plain text file",
                 path);
        return NULL;
    }
    if (st.st_size > ASSAY_SANDBOX_MAX_FILE) {
        close(fd);
        snprintf(err, err_size, "%s: %lld bytes; a rule, helper or policy "
                                "file may have at most %d",
                 path, (long long)st.st_size, ASSAY_SANDBOX_MAX_FILE);
        return NULL;
    }
    /* One byte more than allowed: a file that grew since fstat is caught. */
    char *text = malloc((size_t)ASSAY_SANDBOX_MAX_FILE + 1);
    if (!text) {
        close(fd);
        snprintf(err, err_size, "%s: out of memory", path);
        return NULL;
    }
    size_t n = 0;
    for (;;) {
        ssize_t got = read(fd, text + n, (size_t)ASSAY_SANDBOX_MAX_FILE + 1 - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            snprintf(err, err_size, "%s: cannot read: %s", path,
                     strerror(errno));
            close(fd);
            free(text);
            return NULL;
        }
        if (got == 0 || (n += (size_t)got) > ASSAY_SANDBOX_MAX_FILE)
            break;
    }
    close(fd);
    if (n > ASSAY_SANDBOX_MAX_FILE) {
        snprintf(err, err_size, "%s: more than %d bytes; a rule, helper or "
                                "policy file may have at most %d",
                 path, ASSAY_SANDBOX_MAX_FILE, ASSAY_SANDBOX_MAX_FILE);
        free(text);
        return NULL;
    }
    *len = n;
    return text;
}

int assay_sandbox_load_file_as(assay_sandbox *sb, const char *path,
                               const char *chunkname, int env, char *err,
                               size_t err_size)
{
    env = lua_absindex(sb->L, env);
    size_t len;
    char *code = read_source(path, &len, err, err_size);
    if (!code)
        return 1;
    if (len > 0 && code[0] == LUA_SIGNATURE[0]) {
        free(code);
        snprintf(err, err_size,
                 "%s: precompiled (binary) Lua is not accepted; give the "
                 "source file",
                 path);
        return 1;
    }
    int rc = assay_sandbox_load_string(sb, code, len, chunkname, env, err,
                                       err_size);
    free(code);
    if (rc && strncmp(err, "Lua memory cap", 14) == 0) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s", err);
        snprintf(err, err_size, "%s: %s", path, msg);
    }
    return rc;
}

int assay_sandbox_load_file(assay_sandbox *sb, const char *path, int env,
                            char *err, size_t err_size)
{
    char name[4200];
    snprintf(name, sizeof name, "@%s", path);
    return assay_sandbox_load_file_as(sb, path, name, env, err, err_size);
}

int assay_sandbox_load_string(assay_sandbox *sb, const char *code,
                              size_t len, const char *chunkname, int env,
                              char *err, size_t err_size)
{
    env = lua_absindex(sb->L, env);
    int status = luaL_loadbufferx(sb->L, code, len, chunkname, "t");
    return finish_load(sb, status, env, err, err_size);
}

int assay_sandbox_call(assay_sandbox *sb, int nargs, int nresults, char *err,
                       size_t err_size)
{
    lua_State *L = sb->L;
    if (sb->lost) {
        lua_pop(L, nargs + 1);
        snprintf(err, err_size, "%s", sb->lost_why);
        return 1;
    }
    int outermost = sb->depth == 0;
    if (outermost) {
        sb->remaining = sb->limits.instructions;
        sb->unclocked = 0;
        sb->memory_refused = 0;
        sb->has_deadline = 0;
        lua_sethook(L, count_hook, LUA_MASKCOUNT, HOOK_STEP);
    }
    sb->depth++;
    int status = lua_pcall(L, nargs, nresults, 0);
    sb->depth--;
    if (outermost)
        lua_sethook(L, NULL, 0, 0);
    if (status == LUA_OK)
        return 0;
    if (status == LUA_ERRMEM || sb->memory_refused) {
        snprintf(err, err_size,
                 "Lua memory cap of %zu bytes exceeded (a huge string or an "
                 "ever-growing table?)",
                 sb->limits.memory);
    } else {
        copy_message(L, -1, err, err_size);
    }
    lua_pop(L, 1);
    /* Give back what the failed call left behind. */
    if (outermost)
        lua_gc(L, LUA_GCCOLLECT);
    return 1;
}

int assay_sandbox_protect(assay_sandbox *sb, lua_CFunction fn, void *ud,
                          char *err, size_t err_size)
{
    lua_pushcfunction(sb->L, fn);
    lua_pushlightuserdata(sb->L, ud);
    return assay_sandbox_call(sb, 1, 0, err, err_size);
}
