/* The canonical layout of a Lua rule file or policy (`assay fmt`).
 *
 * The layout is about whitespace only; no token is added, removed or
 * moved to another line:
 *
 * - Indentation is two spaces for each block open at the start of a line.
 *   `function`, `do`, `then`, `repeat`, `(`, `{` and `[` open a block;
 *   `end`, `until`, `)`, `}` and `]` close one; `else` and `elseif` close
 *   the `then` block and open their own. However many blocks one line
 *   opens, the lines after it are indented one step deeper than it
 *   (`strategy(function(scores)` indents its body once), and a line that
 *   starts with closers is indented as the line that opened the last of
 *   them (`end)` lines up with `strategy(`).
 * - Trailing spaces and tabs are removed, CRLF becomes LF, runs of blank
 *   lines become one, the file starts with its first non-blank line and
 *   ends with exactly one newline.
 * - Lines that start inside a long string or comment (`[[ ... ]]`,
 *   `--[==[ ... ]==]`) or a short string continued with a backslash are
 *   kept byte for byte, and so is the end of a line that ends inside one:
 *   those bytes are the string's.
 *
 * The layout is idempotent (formatting its own output changes nothing),
 * and it never changes what a file does: the caller checks that the text
 * compiles before and after, to the same stripped bytecode
 * (assay_lua_same_code). */
#ifndef ASSAY_LUA_FORMAT_H
#define ASSAY_LUA_FORMAT_H

#include <stddef.h>

#include "util/buffer.h"

/* Lays text[0..len) out canonically into out (appended). Returns 0, or 1
 * with a message in err ("line 12: `end` closes nothing") when the
 * blocks do not balance or a string or comment is not closed; out is
 * then unspecified. */
int assay_lua_format(const char *text, size_t len, assay_buffer *out,
                     char *err, size_t err_size);

/* 1 when a and b compile (as Lua 5.4 text chunks, nothing run) to the
 * same bytecode, debug information aside; 0 when they differ; -1 with
 * Lua's message in err when a does not compile (chunkname names it). */
int assay_lua_same_code(const char *a, size_t a_len, const char *b,
                        size_t b_len, const char *chunkname, char *err,
                        size_t err_size);

#endif
