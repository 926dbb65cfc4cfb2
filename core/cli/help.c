/* --help and the man pages, both printed from the option tables. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "assay/assay.h"
#include "cli/options.h"

/* Help lines are at most this wide; an option's help starts at COLUMN. */
#define WIDTH 78
#define COLUMN 25

/* ---- --help ----------------------------------------------------------- */

/* Prints len bytes of text wrapped at WIDTH, starting at column col,
 * every line after the first indented to indent. */
static void wrap(const char *text, size_t len, size_t col, size_t indent,
                 FILE *out)
{
    const char *p = text, *end = text + len;
    size_t start = col;
    while (p < end) {
        while (p < end && *p == ' ')
            p++;
        size_t word = 0;
        while (p + word < end && p[word] != ' ')
            word++;
        if (!word)
            break;
        if (col > start && col + 1 + word > WIDTH) {
            fprintf(out, "\n%*s", (int)indent, "");
            col = start = indent;
        } else if (col > start) {
            fputc(' ', out);
            col++;
        }
        fwrite(p, 1, word, out);
        col += word;
        p += word;
    }
    fputc('\n', out);
}

/* A description or exit status: paragraphs separated by a blank line, each
 * wrapped, but a line that starts with a space (a list) as it is laid
 * out. */
static void print_text(const char *text, FILE *out)
{
    const char *p = text;
    while (*p) {
        size_t len = strcspn(p, "\n");
        if (*p == ' ')
            fprintf(out, "%.*s\n", (int)len, p);
        else if (len)
            wrap(p, len, 0, 0, out);
        else
            fputc('\n', out);
        p += len + (p[len] == '\n');
    }
}

static void print_option(const assay_option *opt, FILE *out)
{
    char left[128];
    int n = assay_option_is_short(opt->code)
                ? snprintf(left, sizeof left, "  -%c, --%s", opt->code,
                           opt->name)
                : snprintf(left, sizeof left, "      --%s", opt->name);
    if (opt->value)
        snprintf(left + n, sizeof left - (size_t)n, " %s", opt->value);
    if (strlen(left) < COLUMN)
        fprintf(out, "%-*s", COLUMN, left);
    else
        fprintf(out, "%s\n%*s", left, COLUMN, "");
    wrap(opt->help, strlen(opt->help), COLUMN, COLUMN, out);
}

/* The synopsis's forms, one a line; a line that starts with a space goes
 * on with the form above. */
static void print_synopsis(const assay_command *c, FILE *out)
{
    const char *p = c->synopsis;
    int first = 1;
    while (*p) {
        size_t len = strcspn(p, "\n");
        size_t indent = strspn(p, " ");
        if (indent)
            /* Under the form's first word after "assay NAME". */
            fprintf(out, "%*s%.*s\n", (int)(14 + strlen(c->name)), "",
                    (int)(len - indent), p + indent);
        else
            fprintf(out, "%s assay %s %.*s\n", first ? "usage:" : "      ",
                    c->name, (int)len, p);
        first = 0;
        p += len + (p[len] == '\n');
    }
}

void assay_command_help(const assay_command *c, FILE *out)
{
    print_synopsis(c, out);
    fputc('\n', out);
    print_text(c->description, out);
    fputc('\n', out);
    for (const assay_option *const *t = c->options; t && *t; t++)
        for (const assay_option *opt = *t; opt->name; opt++)
            print_option(opt, out);
    for (const assay_option *opt = assay_builtin_option_table; opt->name;
         opt++)
        print_option(opt, out);
    fputc('\n', out);
    print_text(c->exit_status, out);
}

void assay_main_help(FILE *out)
{
    fputs("usage: assay COMMAND [OPTIONS] [ARGS]\n\n"
          "Evaluates applications (JSON Lines) with compiled plugins and "
          "Lua rules,\nand turns their scores into explained decisions.\n\n"
          "commands:\n",
          out);
    for (size_t i = 0; i < assay_command_count; i++)
        fprintf(out, "  %-10s %s\n", assay_commands[i]->name,
                assay_commands[i]->summary);
    fputs("\n`assay COMMAND --help` (or `assay help COMMAND`, or `man "
          "assay-COMMAND`)\ndescribes a command. Exit status: 0 all records "
          "evaluated, 1 some error\nrecords, 2 usage or configuration "
          "error.\n",
          out);
}

/* ---- man pages -------------------------------------------------------- */

/* Writes len bytes of text for roff: backslashes and hyphens escaped, and
 * a line that would start with a control character ('.' or '\'') made
 * text. */
static void roff_text(const char *text, size_t len, int line_start,
                      FILE *out)
{
    for (size_t i = 0; i < len; i++) {
        char ch = text[i];
        if (line_start && (ch == '.' || ch == '\''))
            fputs("\\&", out);
        if (ch == '\\')
            fputs("\\e", out);
        else if (ch == '-')
            fputs("\\-", out);
        else
            fputc(ch, out);
        line_start = ch == '\n';
    }
}

static void roff(const char *text, FILE *out)
{
    roff_text(text, strlen(text), 1, out);
}

/* As print_text lays it out: paragraphs filled, a line that starts with
 * a space kept as it is. */
static void roff_paragraphs(const char *text, FILE *out)
{
    const char *p = text;
    int laid_out = 0;
    fputs(".PP\n", out);
    while (*p) {
        size_t len = strcspn(p, "\n");
        if ((*p == ' ') != laid_out) {
            laid_out = !laid_out;
            fputs(laid_out ? ".nf\n" : ".fi\n", out);
        }
        if (len) {
            roff_text(p, len, 1, out);
            fputc('\n', out);
        } else {
            fputs(laid_out ? ".fi\n.PP\n" : ".PP\n", out);
            laid_out = 0;
        }
        p += len + (p[len] == '\n');
    }
    if (laid_out)
        fputs(".fi\n", out);
}

static void man_option(const assay_option *opt, FILE *out)
{
    fputs(".TP\n", out);
    if (assay_option_is_short(opt->code))
        fprintf(out, "\\fB\\-%c\\fR, ", opt->code);
    fputs("\\fB\\-\\-", out);
    roff(opt->name, out);
    fputs("\\fR", out);
    if (opt->value) {
        fputs(" \\fI", out);
        roff(opt->value, out);
        fputs("\\fR", out);
    }
    fputc('\n', out);
    roff(opt->help, out);
    fputc('\n', out);
}

static void man_header(const char *title, FILE *out)
{
    /* No date: the same sources give the same page. */
    fprintf(out, ".TH %s 1 \"\" \"assay %s\" \"assay manual\"\n", title,
            assay_version());
}

static void man_assay(FILE *out)
{
    man_header("ASSAY", out);
    fputs(".SH NAME\nassay \\- evaluate startup applications with plugins "
          "and Lua rules\n.SH SYNOPSIS\n.B assay\n\\fICOMMAND\\fR "
          "[\\fIOPTIONS\\fR] [\\fIARGS\\fR]\n.SH DESCRIPTION\n"
          "Evaluates applications (JSON Lines) with compiled plugins and Lua "
          "rules, and turns their scores into explained decisions.\n"
          "Each command has its own page, \\fBassay\\-\\fR\\fICOMMAND\\fR(1).\n"
          ".SH COMMANDS\n",
          out);
    for (size_t i = 0; i < assay_command_count; i++) {
        fputs(".TP\n\\fBassay\\-", out);
        roff(assay_commands[i]->name, out);
        fputs("\\fR(1)\n", out);
        roff(assay_commands[i]->summary, out);
        fputc('\n', out);
    }
    fputs(".SH OPTIONS\n", out);
    for (const assay_option *opt = assay_builtin_option_table; opt->name;
         opt++)
        man_option(opt, out);
    fputs(".SH EXIT STATUS\n0 all records evaluated, 1 some error records, "
          "2 usage or configuration error (nothing evaluated).\n",
          out);
}

void assay_command_man(const assay_command *c, FILE *out)
{
    if (!c) {
        man_assay(out);
        return;
    }
    char title[64];
    snprintf(title, sizeof title, "ASSAY-%s", c->name);
    for (char *t = title; *t; t++)
        *t = (char)toupper((unsigned char)*t);
    man_header(title, out);
    fputs(".SH NAME\nassay\\-", out);
    roff(c->name, out);
    fputs(" \\- ", out);
    roff(c->summary, out);
    fputs("\n.SH SYNOPSIS\n", out);
    const char *p = c->synopsis;
    while (*p) {
        size_t len = strcspn(p, "\n");
        size_t indent = strspn(p, " ");
        if (!indent)
            fprintf(out, "%s\\fBassay %s\\fR ",
                    p == c->synopsis ? "" : "\n.br\n", c->name);
        else
            fputc(' ', out);
        roff_text(p + indent, len - indent, 0, out);
        p += len + (p[len] == '\n');
    }
    fputs("\n.SH DESCRIPTION\n", out);
    roff_paragraphs(c->description, out);
    fputs(".SH OPTIONS\n", out);
    for (const assay_option *const *t = c->options; t && *t; t++)
        for (const assay_option *opt = *t; opt->name; opt++)
            man_option(opt, out);
    for (const assay_option *opt = assay_builtin_option_table; opt->name;
         opt++)
        man_option(opt, out);
    fputs(".SH EXIT STATUS\n", out);
    roff_paragraphs(c->exit_status, out);
    fputs(".SH SEE ALSO\n\\fBassay\\fR(1)\n", out);
}
