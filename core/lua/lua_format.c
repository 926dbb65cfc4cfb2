#include "lua/lua_format.h"

#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

/* What the scan learns of each line of the text. */
typedef struct line_info {
    size_t indent;     /* in spaces */
    int starts_inside; /* begins inside a long string, comment or string */
    int ends_inside;   /* its newline belongs to such a token */
} line_info;

/* An open block: the keyword or bracket, the line that opened it and
 * that line's indentation; for a bracket followed by more on its line,
 * the column its contents align to (0: none, they hang). */
typedef struct open_block {
    const char *what;
    size_t line, indent, align;
} open_block;

typedef struct scan {
    const char *text;
    size_t len, pos, line;
    line_info *lines;
    size_t line_count;
    open_block *stack;
    size_t depth, cap;
    int indent_fixed; /* this line's indentation is known */
    int popped;       /* closers at its start have set it so far */
    size_t line_start, line_first; /* where it starts, its first token */
    int first_seen;
    size_t pending;   /* 1 + the bracket waiting for a token to align to */
    char *err;
    size_t err_size;
} scan;

static int fail(scan *s, size_t line, const char *fmt, const char *what)
{
    char msg[200];
    snprintf(msg, sizeof msg, fmt, what);
    snprintf(s->err, s->err_size, "line %zu: %s", line + 1, msg);
    return 1;
}

/* The indentation of a line no closer starts: one step deeper than the
 * line that opened the innermost open block, or under the first thing
 * after its bracket. */
static size_t body_indent(const scan *s)
{
    if (!s->depth)
        return 0;
    const open_block *b = &s->stack[s->depth - 1];
    return b->align ? b->align : b->indent + 2;
}

/* The column the token at s->pos will have in the layout. */
static size_t column(const scan *s)
{
    const line_info *li = &s->lines[s->line];
    return li->starts_inside ? s->pos - s->line_start
                             : li->indent + (s->pos - s->line_first);
}

/* A token (not a comment) starts at s->pos: a bracket opened before it
 * on this line aligns its contents here. */
static void token_at(scan *s)
{
    if (s->pending) {
        s->stack[s->pending - 1].align = column(s);
        s->pending = 0;
    }
}

/* The line's first token that is not a closer fixes its indentation. */
static void fix_indent(scan *s)
{
    if (!s->indent_fixed) {
        if (!s->popped)
            s->lines[s->line].indent = body_indent(s);
        s->indent_fixed = 1;
    }
}

static void push(scan *s, const char *what)
{
    fix_indent(s);
    if (s->depth == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 32;
        s->stack = realloc(s->stack, s->cap * sizeof *s->stack);
        if (!s->stack)
            abort();
    }
    s->stack[s->depth++] =
        (open_block){what, s->line, s->lines[s->line].indent, 0};
    if (what[0] == '(' || what[0] == '{' || what[0] == '[')
        s->pending = s->depth;
}

/* A closer: at the start of a line it sets the line's indentation to
 * that of the line that opened its block. */
static int pop(scan *s, const char *what)
{
    if (s->depth == 0)
        return fail(s, s->line, "`%s` closes nothing", what);
    if (s->pending == s->depth)
        s->pending = 0;
    open_block b = s->stack[--s->depth];
    if (!s->indent_fixed) {
        s->lines[s->line].indent = b.indent;
        s->popped = 1;
    }
    return 0;
}

/* Moves to the next line (the newline at s->pos is consumed), which
 * starts inside a token when inside is set. */
static void next_line(scan *s, int inside)
{
    fix_indent(s); /* a line of a comment alone, or blank */
    s->popped = 0;
    s->pending = 0; /* a bracket that ends its line: its contents hang */
    s->lines[s->line].ends_inside = inside;
    s->line++;
    s->pos++;
    s->line_start = s->pos;
    s->first_seen = inside;
    s->line_first = s->pos;
    s->lines[s->line].starts_inside = inside;
    s->indent_fixed = inside;
    if (inside)
        s->lines[s->line].indent = body_indent(s);
}

/* The level of a long bracket `[==[` at s->pos (its '=' count), or -1. */
static int long_bracket(const scan *s)
{
    size_t p = s->pos;
    if (p >= s->len || s->text[p] != '[')
        return -1;
    int level = 0;
    for (p++; p < s->len && s->text[p] == '='; p++)
        level++;
    return p < s->len && s->text[p] == '[' ? level : -1;
}

/* Skips a long string or comment of the given level from s->pos. */
static int skip_long(scan *s, int level)
{
    size_t start = s->line;
    s->pos += (size_t)level + 2;
    while (s->pos < s->len) {
        char c = s->text[s->pos];
        if (c == '\n') {
            next_line(s, 1);
            continue;
        }
        if (c == ']') {
            size_t p = s->pos + 1;
            int n = 0;
            while (p < s->len && s->text[p] == '=') {
                n++;
                p++;
            }
            if (n == level && p < s->len && s->text[p] == ']') {
                s->pos = p + 1;
                return 0;
            }
        }
        s->pos++;
    }
    return fail(s, start, "%s", "a long string or comment is never closed");
}

/* Skips a quoted string from s->pos; a backslash before a newline (or
 * \z before one) continues it on the next line. */
static int skip_short(scan *s)
{
    char quote = s->text[s->pos++];
    while (s->pos < s->len) {
        char c = s->text[s->pos];
        if (c == quote) {
            s->pos++;
            return 0;
        }
        if (c == '\n')
            return fail(s, s->line, "%s", "a string is not closed on its line");
        if (c == '\\') {
            s->pos++;
            if (s->pos >= s->len)
                break;
            char e = s->text[s->pos];
            if (e == '\r' && s->pos + 1 < s->len && s->text[s->pos + 1] == '\n')
                s->pos++, e = '\n';
            if (e == '\n') {
                next_line(s, 1);
                continue;
            }
            if (e == 'z') { /* skips the whitespace that follows */
                s->pos++;
                while (s->pos < s->len &&
                       strchr(" \t\r\n\f\v", s->text[s->pos])) {
                    if (s->text[s->pos] == '\n')
                        next_line(s, 1);
                    else
                        s->pos++;
                }
                continue;
            }
        }
        s->pos++;
    }
    return fail(s, s->line, "%s", "a string is never closed");
}

static int is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_';
}

static int keyword(scan *s, const char *word, size_t n)
{
#define IS(k) (n == sizeof k - 1 && memcmp(word, k, n) == 0)
    if (IS("function") || IS("do") || IS("then") || IS("repeat")) {
        push(s, IS("function") ? "function"
                : IS("do")     ? "do"
                : IS("then")   ? "then"
                               : "repeat");
        return 0;
    }
    if (IS("end") || IS("until"))
        return pop(s, IS("end") ? "end" : "until");
    if (IS("else") || IS("elseif")) {
        const char *k = IS("else") ? "else" : "elseif";
        if (pop(s, k))
            return 1;
        if (k[4] == '\0') /* else opens its block; elseif's then does */
            push(s, "else");
        return 0;
    }
#undef IS
    fix_indent(s);
    return 0;
}

/* 1 when the name at s->pos is end, until, else or elseif: a closer,
 * which sets its line's indentation rather than taking the body's. */
static int closing_word(const scan *s)
{
    size_t n = 0;
    while (s->pos + n < s->len && is_name_char(s->text[s->pos + n]))
        n++;
    const char *w = s->text + s->pos;
    return (n == 3 && memcmp(w, "end", 3) == 0) ||
           (n == 5 && memcmp(w, "until", 5) == 0) ||
           (n == 4 && memcmp(w, "else", 4) == 0) ||
           (n == 6 && memcmp(w, "elseif", 6) == 0);
}

static int scan_text(scan *s)
{
    while (s->pos < s->len) {
        char c = s->text[s->pos];
        if (c == '\n') {
            next_line(s, 0);
            continue;
        }
        if (strchr(" \t\r\f\v", c)) {
            s->pos++;
            continue;
        }
        if (!s->first_seen) {
            s->first_seen = 1;
            s->line_first = s->pos;
        }
        int comment =
            c == '-' && s->pos + 1 < s->len && s->text[s->pos + 1] == '-';
        if (!comment) {
            if (!(c == ')' || c == '}' || c == ']' || is_name_char(c)))
                fix_indent(s);
            else if (is_name_char(c) && !closing_word(s))
                fix_indent(s);
            token_at(s);
        }
        if (comment) {
            s->pos += 2;
            int level = long_bracket(s);
            if (level >= 0) {
                if (skip_long(s, level))
                    return 1;
            } else {
                while (s->pos < s->len && s->text[s->pos] != '\n')
                    s->pos++;
            }
            continue; /* a comment does not fix the indentation */
        }
        if (c == '[') {
            int level = long_bracket(s);
            fix_indent(s);
            if (level >= 0) {
                if (skip_long(s, level))
                    return 1;
            } else {
                push(s, "[");
                s->pos++;
            }
            continue;
        }
        if (c == '"' || c == '\'') {
            fix_indent(s);
            if (skip_short(s))
                return 1;
            continue;
        }
        if (c == '(' || c == '{') {
            push(s, c == '(' ? "(" : "{");
            s->pos++;
            continue;
        }
        if (c == ')' || c == '}' || c == ']') {
            if (pop(s, c == ')' ? ")" : c == '}' ? "}" : "]"))
                return 1;
            s->pos++;
            continue;
        }
        if (is_name_char(c)) {
            size_t start = s->pos;
            while (s->pos < s->len && is_name_char(s->text[s->pos]))
                s->pos++;
            if (c >= '0' && c <= '9') { /* a number: 1e+5, 0x1p-4 */
                fix_indent(s);
                while (s->pos < s->len &&
                       (is_name_char(s->text[s->pos]) ||
                        s->text[s->pos] == '.' ||
                        ((s->text[s->pos] == '+' || s->text[s->pos] == '-') &&
                         strchr("eEpP", s->text[s->pos - 1]))))
                    s->pos++;
                continue;
            }
            if (keyword(s, s->text + start, s->pos - start))
                return 1;
            continue;
        }
        fix_indent(s);
        s->pos++;
    }
    fix_indent(s);
    if (s->depth) {
        const open_block *b = &s->stack[s->depth - 1];
        return fail(s, b->line, "`%s` is never closed", b->what);
    }
    return 0;
}

/* The line [start, end) of the text without its trailing whitespace
 * (kept when the line ends inside a token: those bytes are its). */
static void emit_line(assay_buffer *out, const char *start, const char *end,
                      const line_info *li)
{
    if (!li->ends_inside)
        while (end > start && strchr(" \t\r\f\v", end[-1]))
            end--;
    else if (end > start && end[-1] == '\r')
        end--; /* Lua reads CRLF inside a long string as LF */
    if (!li->starts_inside) {
        while (start < end && strchr(" \t\f\v", *start))
            start++;
        for (size_t i = 0; i < li->indent; i++)
            assay_buffer_putc(out, ' ');
    }
    assay_buffer_append(out, start, (size_t)(end - start));
}

int assay_lua_format(const char *text, size_t len, assay_buffer *out,
                     char *err, size_t err_size)
{
    scan s = {.text = text, .len = len, .err = err, .err_size = err_size};
    s.line_count = 1;
    for (size_t i = 0; i < len; i++)
        s.line_count += text[i] == '\n';
    s.lines = calloc(s.line_count, sizeof *s.lines);
    if (!s.lines)
        abort();
    int rc = scan_text(&s);
    free(s.stack);
    if (rc) {
        free(s.lines);
        return 1;
    }
    const char *p = text, *end = text + len;
    size_t blank_run = 0, written = 0;
    for (size_t i = 0; i < s.line_count; i++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl : end;
        const line_info *li = &s.lines[i];
        int blank = !li->starts_inside && !li->ends_inside;
        for (const char *q = p; blank && q < stop; q++)
            blank = strchr(" \t\r\f\v", *q) != NULL;
        if (blank) {
            blank_run++;
        } else {
            if (written && blank_run)
                assay_buffer_putc(out, '\n');
            blank_run = 0;
            emit_line(out, p, stop, li);
            assay_buffer_putc(out, '\n');
            written++;
        }
        p = nl ? nl + 1 : end;
    }
    free(s.lines);
    return 0;
}

/* ---- the check that a layout changed nothing ------------------------- */

static int dump_writer(lua_State *L, const void *p, size_t n, void *ud)
{
    (void)L;
    assay_buffer_append(ud, p, n);
    return 0;
}

/* Compiles text into its stripped bytecode in code; 0, or 1 with Lua's
 * message in err. */
/* ---- bytecode without line numbers ---------------------------------- */

/* A stripped dump still holds each function's first and last line
 * (Lua 5.4's ldump.c), and the layout may join blank lines, moving a
 * function up without changing it. The walk below copies a dump minus
 * those two numbers, so two layouts of one program compare equal. */
typedef struct dump_cursor {
    const unsigned char *p, *end;
    assay_buffer *out;
    int bad;
} dump_cursor;

static void dump_copy(dump_cursor *c, size_t n, int keep)
{
    if (c->bad || (size_t)(c->end - c->p) < n) {
        c->bad = 1;
        return;
    }
    if (keep)
        assay_buffer_append(c->out, (const char *)c->p, n);
    c->p += n;
}

/* A size as ldump.c's dumpSize writes it: 7 bits a byte, the last one
 * marked by its high bit. */
static size_t dump_size(dump_cursor *c, int keep)
{
    size_t x = 0;
    const unsigned char *start = c->p;
    for (;;) {
        if (c->bad || c->p == c->end || x > (SIZE_MAX >> 7)) {
            c->bad = 1;
            return 0;
        }
        unsigned char b = *c->p++;
        x = (x << 7) | (b & 0x7f);
        if (b & 0x80)
            break;
    }
    if (keep)
        assay_buffer_append(c->out, (const char *)start,
                            (size_t)(c->p - start));
    return x;
}

static void dump_string(dump_cursor *c)
{
    size_t n = dump_size(c, 1);
    if (n)
        dump_copy(c, n - 1, 1);
}

static void dump_function(dump_cursor *c, int depth)
{
    if (depth > 200) {
        c->bad = 1;
        return;
    }
    dump_string(c);  /* source */
    dump_size(c, 0); /* linedefined */
    dump_size(c, 0); /* lastlinedefined */
    dump_copy(c, 3, 1); /* numparams, is_vararg, maxstacksize */
    size_t n = dump_size(c, 1);
    dump_copy(c, n > SIZE_MAX / 4 ? SIZE_MAX : n * 4, 1); /* code */
    n = dump_size(c, 1);
    for (size_t i = 0; i < n && !c->bad; i++) {
        unsigned char tag = c->p < c->end ? *c->p : 0;
        dump_copy(c, 1, 1);
        if (tag == 0x13 || tag == 0x03) /* float, integer */
            dump_copy(c, 8, 1);
        else if (tag == 0x04 || tag == 0x14) /* short, long string */
            dump_string(c);
    }
    n = dump_size(c, 1);
    dump_copy(c, n > SIZE_MAX / 3 ? SIZE_MAX : n * 3, 1); /* upvalues */
    n = dump_size(c, 1);
    for (size_t i = 0; i < n && !c->bad; i++)
        dump_function(c, depth + 1);
    /* Debug information: empty in a stripped dump. */
    for (int part = 0; part < 4; part++)
        if (dump_size(c, 1) != 0)
            c->bad = 1;
}

/* The dump in code without function line numbers; 0, or 1 when it is not
 * a Lua 5.4 dump this walk knows. */
static int without_lines(const assay_buffer *code, assay_buffer *out)
{
    /* The header (signature, version, format, check data, sizes, check
     * integer and number: 31 bytes) and the main function's upvalue
     * count. */
    dump_cursor c = {(const unsigned char *)code->data,
                     (const unsigned char *)code->data + code->len, out, 0};
    dump_copy(&c, 32, 1);
    dump_function(&c, 0);
    return c.bad || c.p != c.end;
}

static int compile(const char *text, size_t len, const char *chunkname,
                   assay_buffer *code, char *err, size_t err_size)
{
    lua_State *L = luaL_newstate();
    if (!L)
        abort();
    int rc = 0;
    if (luaL_loadbufferx(L, text, len, chunkname, "t") != LUA_OK) {
        snprintf(err, err_size, "%s", lua_tostring(L, -1));
        rc = 1;
    } else {
        lua_dump(L, dump_writer, code, 1);
    }
    lua_close(L);
    return rc;
}

int assay_lua_same_code(const char *a, size_t a_len, const char *b,
                        size_t b_len, const char *chunkname, char *err,
                        size_t err_size)
{
    assay_buffer ca, cb;
    assay_buffer_init(&ca);
    assay_buffer_init(&cb);
    int same = -1;
    if (compile(a, a_len, chunkname, &ca, err, err_size) == 0) {
        char ignored[256];
        assay_buffer la, lb;
        assay_buffer_init(&la);
        assay_buffer_init(&lb);
        same = compile(b, b_len, chunkname, &cb, ignored, sizeof ignored) ==
                   0 &&
               without_lines(&ca, &la) == 0 && without_lines(&cb, &lb) == 0 &&
               la.len == lb.len && memcmp(la.data, lb.data, la.len) == 0;
        assay_buffer_free(&la);
        assay_buffer_free(&lb);
    }
    assay_buffer_free(&ca);
    assay_buffer_free(&cb);
    return same;
}
