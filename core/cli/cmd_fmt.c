/* assay fmt: rule files and policies in the canonical layout
 * (lua/lua_format.h), rewritten in place only when the layout changes
 * them and the result compiles to the same code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "lua/lua_format.h"
#include "util/buffer.h"
#include "util/file_text.h"

/* A rule file or policy is settings and small functions, not data. */
#define MAX_FILE_BYTES (16u << 20)

enum { OPT_CHECK = 256 };

/* What became of one file. */
enum { FMT_SAME, FMT_CHANGED, FMT_ERROR };

static int read_stdin(assay_buffer *b)
{
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
        assay_buffer_append(b, chunk, n);
        if (b->len > MAX_FILE_BYTES)
            return assay_usage_error("cannot read stdin: larger than 16 "
                                     "MiB");
    }
    if (ferror(stdin))
        return assay_usage_error("cannot read stdin: %m");
    return 0;
}

/* Formats text (named name) into out: FMT_SAME, FMT_CHANGED, or
 * FMT_ERROR after printing why it cannot be laid out. */
static int lay_out(const char *name, const char *text, size_t len,
                   assay_buffer *out)
{
    char err[1024];
    if (assay_lua_format(text, len, out, err, sizeof err)) {
        assay_usage_error("%s: %s", name, err);
        return FMT_ERROR;
    }
    /* Compiled even when the layout holds: a file that is not Lua is
     * worth saying so, in CI above all. */
    char chunk[1024];
    snprintf(chunk, sizeof chunk, "@%s", name);
    int same = assay_lua_same_code(text, len, out->data, out->len, chunk, err,
                                   sizeof err);
    if (same < 0) {
        assay_usage_error("%s", err);
        return FMT_ERROR;
    }
    if (same == 0) {
        /* The layout is whitespace only; this would be a formatter bug,
         * and the file is worth more than its layout. */
        assay_usage_error("%s: laying it out would change its code; left as "
                          "it is",
                          name);
        return FMT_ERROR;
    }
    return out->len == len && memcmp(out->data, text, len) == 0 ? FMT_SAME
                                                                : FMT_CHANGED;
}

/* Formats one file in place (or, with check, names it when it would
 * change); "-" is stdin to stdout. */
static int format_one(const char *path, int check)
{
    assay_buffer text, out;
    assay_buffer_init(&text);
    assay_buffer_init(&out);
    int from_stdin = strcmp(path, "-") == 0;
    const char *name = from_stdin ? "stdin" : path;
    int result = FMT_ERROR;
    if (from_stdin) {
        if (assay_cli_stdin_closed() || read_stdin(&text))
            goto done;
    } else {
        char err[1024];
        size_t len;
        char *data = assay_file_text(path, MAX_FILE_BYTES, &len, err,
                                     sizeof err);
        if (!data) {
            assay_usage_error("%s", err);
            goto done;
        }
        assay_buffer_append(&text, data, len);
        free(data);
    }
    result = lay_out(name, text.data ? text.data : "", text.len, &out);
    if (result == FMT_ERROR)
        goto done;
    if (check) {
        if (result == FMT_CHANGED)
            printf("%s\n", name);
        goto done;
    }
    if (!from_stdin && result == FMT_SAME)
        goto done;
    assay_atomic_file a;
    FILE *f = assay_cli_create(&a, "", path);
    if (!f) {
        result = FMT_ERROR;
        goto done;
    }
    assay_buffer_write(&out, f);
    if (assay_cli_commit(&a))
        result = FMT_ERROR;
done:
    assay_buffer_free(&text);
    assay_buffer_free(&out);
    return result;
}

static int fmt_main(int argc, char **argv)
{
    int check = 0;
    assay_options opts;
    assay_options_begin(&opts, &assay_cmd_fmt, argc, argv);
    int c;
    while ((c = assay_options_next(&opts)) >= 0)
        if (c == OPT_CHECK)
            check = 1;
    if (c == ASSAY_OPTIONS_STOP)
        return opts.status;
    if (opts.index == argc)
        return assay_usage_error("fmt takes the rule files and policies to "
                                 "lay out (- for stdin); see `assay fmt "
                                 "--help`");
    int errors = 0, changed = 0;
    for (int i = opts.index; i < argc; i++) {
        int r = format_one(argv[i], check);
        errors += r == FMT_ERROR;
        changed += r == FMT_CHANGED;
    }
    if (errors)
        return ASSAY_EXIT_USAGE;
    return check && changed ? ASSAY_EXIT_RECORDS : ASSAY_EXIT_OK;
}

static const assay_option fmt_options[] = {
    {"check", OPT_CHECK, NULL,
     "change nothing: name each file the layout would change, one a line "
     "on stdout, and exit 1 if there is any (for CI)"},
    {NULL, 0, NULL, NULL}};
static const assay_option *const fmt_tables[] = {fmt_options, NULL};
const assay_command assay_cmd_fmt = {
    .name = "fmt",
    .summary = "lay rule files and policies out canonically",
    .synopsis = "[OPTIONS] FILE...",
    .description =
        "Lays each Lua rule file or policy out canonically: two spaces a "
        "block, no trailing blanks, one blank line at most between lines, "
        "one newline at the end; strings and comments are kept byte for "
        "byte, and no token moves to another line (docs/rules.md). A file "
        "is rewritten in place, replaced only when complete, and only when "
        "its layout changes and the result compiles to the same code; "
        "formatting twice changes nothing. - reads stdin and writes the "
        "result to stdout.",
    .options = fmt_tables,
    .exit_status =
        "Exit status: 0 every file laid out (or, with --check, already "
        "so), 1 with --check some file would change, 2 usage error or a "
        "file that cannot be read, laid out or written.",
    .main = fmt_main};
