/* Shell completion scripts, printed from the option tables: the commands,
 * each command's options, and a path after an option whose value is a
 * FILE, PATH or DIR. */
#include <stdio.h>
#include <string.h>

#include "cli/options.h"

static int takes_path(const assay_option *opt)
{
    return opt->value && (strcmp(opt->value, "FILE") == 0 ||
                          strcmp(opt->value, "PATH") == 0 ||
                          strcmp(opt->value, "DIR") == 0);
}

/* Calls each on every option of c, -h and -V last. */
static void each(const assay_command *c,
                 void (*fn)(const assay_option *, void *), void *data)
{
    for (const assay_option *const *t = c->options; t && *t; t++)
        for (const assay_option *opt = *t; opt->name; opt++)
            fn(opt, data);
    for (const assay_option *opt = assay_builtin_option_table; opt->name;
         opt++)
        fn(opt, data);
}

/* ---- bash ------------------------------------------------------------- */

/* Which of an option's spellings a bash word list gets. */
enum { ALL_WORDS, VALUED_WORDS, PATH_WORDS };
typedef struct bash_words {
    FILE *out;
    int which;
    int any;
} bash_words;

static void bash_word(const assay_option *opt, void *data)
{
    bash_words *w = data;
    if ((w->which == VALUED_WORDS && !opt->value) ||
        (w->which == PATH_WORDS && !takes_path(opt)))
        return;
    fprintf(w->out, "%s--%s", w->any++ ? " " : "", opt->name);
    if (assay_option_is_short(opt->code))
        fprintf(w->out, " -%c", opt->code);
}

static void bash_list(FILE *out, const assay_command *c, int which)
{
    bash_words w = {out, which, 0};
    each(c, bash_word, &w);
}

void assay_completion_bash(FILE *out)
{
    fputs("# bash completion for assay, made by `assay help --completion "
          "bash`.\n"
          "_assay()\n{\n"
          "    local cur=${COMP_WORDS[COMP_CWORD]}\n"
          "    local prev=${COMP_WORDS[COMP_CWORD-1]}\n"
          "    local commands='",
          out);
    for (size_t i = 0; i < assay_command_count; i++)
        fprintf(out, "%s%s", i ? " " : "", assay_commands[i]->name);
    fputs("'\n"
          "    COMPREPLY=()\n"
          "    if ((COMP_CWORD == 1)); then\n"
          "        mapfile -t COMPREPLY < <(compgen -W \"$commands --help "
          "--version\" -- \"$cur\")\n"
          "        return\n"
          "    fi\n"
          "    local options= valued= paths=\n"
          "    case ${COMP_WORDS[1]} in\n",
          out);
    for (size_t i = 0; i < assay_command_count; i++) {
        const assay_command *c = assay_commands[i];
        fprintf(out, "    %s)\n        options='", c->name);
        bash_list(out, c, ALL_WORDS);
        fputs("'\n        valued='", out);
        bash_list(out, c, VALUED_WORDS);
        fputs("'\n        paths='", out);
        bash_list(out, c, PATH_WORDS);
        fputs("' ;;\n", out);
    }
    fputs("    *) return ;;\n"
          "    esac\n"
          "    if [[ \" $paths \" == *\" $prev \"* ]]; then\n"
          "        mapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n"
          "        return\n"
          "    fi\n"
          "    if [[ \" $valued \" == *\" $prev \"* ]]; then\n"
          "        return\n"
          "    fi\n"
          "    if [[ $cur == -* ]]; then\n"
          "        mapfile -t COMPREPLY < <(compgen -W \"$options\" -- "
          "\"$cur\")\n"
          "    elif [[ ${COMP_WORDS[1]} == help ]]; then\n"
          "        mapfile -t COMPREPLY < <(compgen -W \"$commands\" -- "
          "\"$cur\")\n"
          "    else\n"
          "        mapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n"
          "    fi\n"
          "}\n"
          "complete -o filenames -F _assay assay\n",
          out);
}

/* ---- zsh -------------------------------------------------------------- */

/* Text inside a single-quoted zsh word of an _arguments spec: a quote
 * closes and reopens the word, and ':', '[' and ']' are the spec's own. */
static void zsh_text(const char *text, size_t max, FILE *out)
{
    size_t n = strlen(text);
    /* A description is the help's first clause, cut at a word. */
    size_t cut = strcspn(text, ";(");
    if (cut < n)
        n = cut;
    if (n > max) {
        n = max;
        while (n > 0 && text[n] != ' ')
            n--;
    }
    while (n > 0 && text[n - 1] == ' ')
        n--;
    for (size_t i = 0; i < n; i++) {
        if (text[i] == '\'')
            fputs("'\\''", out);
        else if (text[i] == ':' || text[i] == '[' || text[i] == ']' ||
                 text[i] == '\\')
            fprintf(out, "\\%c", text[i]);
        else
            fputc(text[i], out);
    }
}

static void zsh_option(const assay_option *opt, void *data)
{
    FILE *out = data;
    fputs("        '", out);
    if (assay_option_is_short(opt->code))
        fprintf(out, "(-%c --%s)'{-%c,--%s}'", opt->code, opt->name,
                opt->code, opt->name);
    else
        fprintf(out, "--%s", opt->name);
    fputc('[', out);
    zsh_text(opt->help, 60, out);
    fputc(']', out);
    if (opt->value) {
        fputc(':', out);
        zsh_text(opt->value, 40, out);
        fputs(takes_path(opt) ? ":_files" : ": ", out);
    }
    fputs("' \\\n", out);
}

void assay_completion_zsh(FILE *out)
{
    fputs("#compdef assay\n"
          "# zsh completion for assay, made by `assay help --completion "
          "zsh`.\n"
          "_assay()\n{\n"
          "    local -a commands\n"
          "    commands=(\n",
          out);
    for (size_t i = 0; i < assay_command_count; i++) {
        fprintf(out, "        '%s:", assay_commands[i]->name);
        zsh_text(assay_commands[i]->summary, 200, out);
        fputs("'\n", out);
    }
    fputs("    )\n"
          "    if ((CURRENT == 2)); then\n"
          "        _describe 'command' commands\n"
          "        return\n"
          "    fi\n"
          "    local command=$words[2]\n"
          "    shift words\n"
          "    ((CURRENT--))\n"
          "    case $command in\n",
          out);
    for (size_t i = 0; i < assay_command_count; i++) {
        const assay_command *c = assay_commands[i];
        fprintf(out, "    %s)\n        _arguments -s \\\n", c->name);
        each(c, zsh_option, out);
        if (strcmp(c->name, "help") == 0) {
            fputs("        '*:command:(", out);
            for (size_t j = 0; j < assay_command_count; j++)
                fprintf(out, "%s%s", j ? " " : "", assay_commands[j]->name);
            fputs(")' ;;\n", out);
        } else
            fputs("        '*:file:_files' ;;\n", out);
    }
    fputs("    esac\n}\n_assay \"$@\"\n", out);
}
