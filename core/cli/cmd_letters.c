/* assay letters: one letter to each applicant from a run's decisions. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "report/letter.h"
#include "util/buffer.h"
#include "util/line_reader.h"
#include "util/string_map.h"

enum { OPT_INPUT = 256, OPT_NAME_FIELD, OPT_PROGRAMME, OPT_FORMAT };

/* Reads id -> name from every record of the applications file. Lines that
 * are not records with a string id are skipped: the run made error
 * records of them. */
static int read_names(assay_string_map *names, const char *path,
                      const char *field)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return assay_usage_error("letters: %s: %s", path, strerror(errno));
    assay_line_reader r;
    assay_line_reader_init(&r, in, ASSAY_DEFAULT_MAX_LINE);
    const char *text;
    size_t len;
    assay_line_status st;
    while ((st = assay_line_reader_next(&r, &text, &len)) != ASSAY_LINE_END &&
           st != ASSAY_LINE_IO_ERROR) {
        if (st != ASSAY_LINE_OK)
            continue;
        cJSON *rec = cJSON_ParseWithLength(text, len);
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(rec, "id");
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(rec, field);
        if (cJSON_IsString(id))
            assay_string_map_put(names, id->valuestring,
                                 cJSON_IsString(name) ? name->valuestring
                                                      : NULL);
        cJSON_Delete(rec);
    }
    assay_line_reader_free(&r);
    int bad = st == ASSAY_LINE_IO_ERROR || ferror(in);
    fclose(in);
    return bad ? assay_usage_error("letters: cannot read %s", path) : 0;
}

/* A file name for an id, unique among those given so far. */
static void file_name(char *dst, size_t size, const char *id, size_t line,
                      assay_string_map *used)
{
    char base[200];
    size_t n = 0;
    if (id)
        for (const char *p = id; *p && n + 1 < sizeof base; p++)
            base[n++] = (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP"
                                "QRSTUVWXYZ0123456789-_.", *p) && *p)
                            ? *p
                            : '_';
    base[n] = '\0';
    if (n == 0 || base[0] == '.')
        snprintf(base, sizeof base, "line-%zu", line);
    snprintf(dst, size, "%s", base);
    for (unsigned k = 2; !assay_string_map_put(used, dst, NULL); k++)
        snprintf(dst, size, "%s-%u", base, k);
}

static int write_letter(const char *dir, const char *name, const char *ext,
                        const assay_buffer *b)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.%s", dir, name, ext);
    assay_atomic_file a;
    FILE *f = assay_cli_create(&a, "letter ", path);
    if (!f)
        return ASSAY_EXIT_USAGE;
    assay_buffer_write(b, f);
    return assay_cli_commit(&a) ? ASSAY_EXIT_USAGE : 0;
}

static int letters_main(int argc, char **argv)
{
    const char *dir = NULL, *input = NULL, *name_field = "name",
               *programme = NULL;
    int markdown = 1, html = 1, c;
    assay_options opts;
    assay_options_begin(&opts, &assay_cmd_letters, argc, argv);
    while ((c = assay_options_next(&opts)) >= 0) {
        switch (c) {
        case 'o': dir = opts.arg; break;
        case OPT_INPUT: input = opts.arg; break;
        case OPT_NAME_FIELD: name_field = opts.arg; break;
        case OPT_PROGRAMME: programme = opts.arg; break;
        case OPT_FORMAT:
            markdown = strcmp(opts.arg, "md") == 0 || strcmp(opts.arg, "both") == 0;
            html = strcmp(opts.arg, "html") == 0 || strcmp(opts.arg, "both") == 0;
            if (!markdown && !html)
                return assay_usage_error("letters: --format is md, html or "
                                         "both, not \"%s\"",
                                         opts.arg);
            break;
        }
    }
    if (c == ASSAY_OPTIONS_STOP)
        return opts.status;
    if (!dir)
        return assay_usage_error("letters needs -o DIR; see `assay letters "
                                 "--help`");
    if (argc - opts.index != 1)
        return assay_usage_error("letters needs one decisions file; see "
                                 "`assay letters --help`");
    const char *decisions = argv[opts.index];
    FILE *in = strcmp(decisions, "-") == 0 ? stdin : fopen(decisions, "rb");
    if (!in)
        return assay_usage_error("letters: %s: %s", decisions, strerror(errno));
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        if (in != stdin)
            fclose(in);
        return assay_usage_error("letters: cannot make %s: %s", dir,
                                 strerror(errno));
    }
    assay_string_map names, used;
    assay_string_map_init(&names);
    assay_string_map_init(&used);
    int rc = input ? read_names(&names, input, name_field) : 0;
    assay_buffer letter, index;
    assay_buffer_init(&letter);
    assay_buffer_init(&index);
    assay_buffer_puts(&index, "id\tdecision\tletter\n");
    assay_line_reader r;
    assay_line_reader_init(&r, in, ASSAY_DEFAULT_MAX_LINE * 16);
    const char *text;
    size_t len, written = 0;
    assay_line_status st;
    while (rc == 0 && (st = assay_line_reader_next(&r, &text, &len)) !=
                          ASSAY_LINE_END) {
        if (st == ASSAY_LINE_IO_ERROR) {
            rc = assay_usage_error("letters: cannot read %s", decisions);
            break;
        }
        if (st == ASSAY_LINE_OK && assay_line_is_blank(text, len))
            continue;
        cJSON *rec = st == ASSAY_LINE_OK ? cJSON_ParseWithLength(text, len)
                                         : NULL;
        if (!cJSON_IsObject(rec)) {
            cJSON_Delete(rec);
            rc = assay_usage_error("letters: %s:%zu: not a decision record; "
                                   "give a file written by assay run -o or "
                                   "assay decide -o",
                                   decisions, r.line);
            break;
        }
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(rec, "id");
        const cJSON *decision = cJSON_GetObjectItemCaseSensitive(rec, "decision");
        const cJSON *status = cJSON_GetObjectItemCaseSensitive(rec, "status");
        const char *id_text = cJSON_IsString(id) ? id->valuestring : NULL;
        const char *what = cJSON_IsString(decision) ? decision->valuestring
                           : cJSON_IsString(status) ? status->valuestring
                                                    : "?";
        const char *name = NULL;
        if (id_text)
            assay_string_map_get(&names, id_text, &name);
        assay_letter_context ctx = {programme, name, NULL, NULL};
        char file[256];
        file_name(file, sizeof file, id_text, r.line, &used);
        if (markdown) {
            assay_buffer_reset(&letter);
            assay_letter_write(&letter, rec, &ctx, ASSAY_LETTER_MARKDOWN);
            rc = write_letter(dir, file, "md", &letter);
        }
        if (rc == 0 && html) {
            assay_buffer_reset(&letter);
            assay_letter_write(&letter, rec, &ctx, ASSAY_LETTER_HTML);
            rc = write_letter(dir, file, "html", &letter);
        }
        /* index.tsv: tabs and line breaks in an id would break its
         * columns; they become spaces. */
        for (const char *p = id_text ? id_text : ""; *p; p++)
            assay_buffer_putc(&index, *p == '\t' || *p == '\n' || *p == '\r'
                                          ? ' '
                                          : *p);
        assay_buffer_printf(&index, "\t%s\t%s\n", what, file);
        written++;
        cJSON_Delete(rec);
    }
    assay_line_reader_free(&r);
    if (in != stdin)
        fclose(in);
    if (rc == 0) {
        char path[4096];
        snprintf(path, sizeof path, "%s/index.tsv", dir);
        assay_atomic_file a;
        FILE *f = assay_cli_create(&a, "letter index ", path);
        rc = f ? 0 : ASSAY_EXIT_USAGE;
        if (f) {
            assay_buffer_write(&index, f);
            rc = assay_cli_commit(&a) ? ASSAY_EXIT_USAGE : 0;
        }
    }
    if (rc == 0)
        fprintf(stderr, "assay: %zu letters written to %s\n", written, dir);
    assay_buffer_free(&letter);
    assay_buffer_free(&index);
    assay_string_map_free(&names);
    assay_string_map_free(&used);
    return rc;
}

static const assay_option letters_options[] = {
    {"output", 'o', "DIR", "the directory for the letters (made if missing)"},
    {"input", OPT_INPUT, "FILE",
     "the applications the run read, for the applicants' names"},
    {"name-field", OPT_NAME_FIELD, "FIELD",
     "the record field holding the name (name)"},
    {"programme", OPT_PROGRAMME, "TEXT",
     "the programme's name in each letter's title"},
    {"format", OPT_FORMAT, "FORMAT", "md, html or both (both)"},
    {NULL, 0, NULL, NULL}};
static const assay_option *const letters_tables[] = {letters_options, NULL};
const assay_command assay_cmd_letters = {
    .name = "letters",
    .summary = "write a letter to each applicant from the decisions",
    .synopsis = "[OPTIONS] -o DIR DECISIONS",
    .description =
        "Writes one letter for each decision record of DECISIONS (as "
        "`assay run -o` or `assay decide -o` write them) into DIR: ID.md "
        "and ID.html, each saying what was decided, why, why not each tier "
        "above, what ruled the application out or what the committee will "
        "look at, what to correct, and where it was strong or fell short, "
        "in the rules' own words. DIR also gets index.tsv: id, decision "
        "and the letter's file name, one line each in the order of "
        "DECISIONS. An id is made safe as a file name (characters other "
        "than letters, digits, '.', '-' and '_' become '_').",
    .options = letters_tables,
    .exit_status =
        "Exit status: 0 every letter written, 2 usage error or a file that "
        "cannot be read or written.",
    .main = letters_main};
