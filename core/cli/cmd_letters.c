/* assay letters: one letter to each applicant from a run's decisions. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "cli/policy_checker.h"
#include "engine/engine.h"
#include "report/letter.h"
#include "util/buffer.h"
#include "util/line_reader.h"
#include "util/string_map.h"

enum {
    OPT_INPUT = 256,
    OPT_NAME_FIELD,
    OPT_PROGRAMME,
    OPT_FORMAT,
    OPT_POLICY
};

/* The fields one application's rules read and did not find. */
typedef struct missing_fields {
    cJSON *paths; /* array of strings, in the checker's order */
} missing_fields;

static void on_check(void *ctx, assay_check_kind kind, const char *field,
                     const char *message)
{
    (void)message;
    missing_fields *m = ctx;
    if (kind == ASSAY_CHECK_MISSING)
        cJSON_AddItemToArray(m->paths, cJSON_CreateString(field));
}

/* Does another missing field lie inside path? Then that one says it. */
static int has_missing_inside(const cJSON *paths, const char *path)
{
    size_t len = strlen(path);
    const cJSON *p;
    cJSON_ArrayForEach(p, paths)
        if (strncmp(p->valuestring, path, len) == 0 &&
            p->valuestring[len] == '.')
            return 1;
    return 0;
}

/* The missing fields in their rules' words, one a line: "the number of
 * people in the team (team.size)", or the path where no rule describes
 * it. */
static void missing_text(assay_buffer *text, const cJSON *paths,
                         const assay_schema_field *fields)
{
    const cJSON *p;
    cJSON_ArrayForEach(p, paths) {
        if (has_missing_inside(paths, p->valuestring))
            continue;
        const assay_schema_field *f =
            assay_schema_field_at(fields, p->valuestring);
        if (f && f->title)
            assay_buffer_printf(text, "%s (%s)\n", f->title, p->valuestring);
        else
            assay_buffer_printf(text, "%s\n", p->valuestring);
    }
}

/* 1 after warning, with its file and line, of a line of the applications
 * file that is not an application (a JSON object with a string id). */
static int skipped(const char *path, const assay_line_reader *r,
                   assay_line_status st, const cJSON *rec)
{
    char why[64];
    if (st == ASSAY_LINE_TOO_LONG)
        snprintf(why, sizeof why, "longer than %zu bytes", r->max_line);
    else if (st == ASSAY_LINE_NUL)
        snprintf(why, sizeof why, "holds a NUL byte");
    else if (!cJSON_IsObject(rec))
        snprintf(why, sizeof why, "not a JSON object");
    else if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(rec, "id")))
        snprintf(why, sizeof why, "no string \"id\"");
    else
        return 0;
    fprintf(stderr, "assay: warning: letters: %s:%zu: %s; skipped\n", path,
            r->line, why);
    return 1;
}

/* Reads id -> name from every record of the applications file and, with
 * a checker, id -> the fields its rules read and did not find, whatever
 * decision the record got. A line that is not an application is warned
 * of with its file and line, and skipped: its decision record is the
 * run's error record, and its letter says what the run found. */
static int read_applications(assay_string_map *names, assay_string_map *missing,
                             const char *path, const char *field,
                             const assay_record_checker *checker)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return assay_usage_error("letters: %s: %s", path, strerror(errno));
    assay_line_reader r;
    assay_line_reader_init(&r, in, ASSAY_DEFAULT_MAX_LINE);
    assay_buffer text;
    assay_buffer_init(&text);
    const char *line;
    size_t len;
    assay_line_status st;
    while ((st = assay_line_reader_next(&r, &line, &len)) != ASSAY_LINE_END &&
           st != ASSAY_LINE_IO_ERROR) {
        if (st == ASSAY_LINE_OK && assay_line_is_blank(line, len))
            continue;
        cJSON *rec = st == ASSAY_LINE_OK ? cJSON_ParseWithLength(line, len)
                                         : NULL;
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(rec, "id");
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(rec, field);
        if (!skipped(path, &r, st, rec)) {
            assay_string_map_put(names, id->valuestring,
                                 cJSON_IsString(name) ? name->valuestring
                                                      : NULL);
            if (checker) {
                missing_fields found = {cJSON_CreateArray()};
                assay_record_check(checker, rec, on_check, &found);
                assay_buffer_reset(&text);
                missing_text(&text, found.paths, &checker->fields);
                cJSON_Delete(found.paths);
                assay_string_map_put(missing, id->valuestring,
                                     assay_buffer_cstr(&text));
            }
        }
        cJSON_Delete(rec);
    }
    assay_buffer_free(&text);
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

/* What letters_main read from the command line. */
typedef struct letters_job {
    const char *dir, *input, *name_field, *programme, *policy_path;
    int markdown, html;
    assay_plugin_options plugins;
} letters_job;

/* The letters for DECISIONS (argv[0]); with the applications (input), the
 * names and, for held ones, what their rules read and did not find, under
 * the policy and plugins given. */
static int write_letters(const letters_job *job, int argc, char **argv)
{
    const char *dir = job->dir, *input = job->input,
               *name_field = job->name_field, *programme = job->programme;
    int markdown = job->markdown, html = job->html;
    if (!dir)
        return assay_usage_error("letters needs -o DIR; see `assay letters "
                                 "--help`");
    if (argc != 1)
        return assay_usage_error("letters needs one decisions file; see "
                                 "`assay letters --help`");
    const char *decisions = argv[0];
    FILE *in = strcmp(decisions, "-") == 0 ? stdin : fopen(decisions, "rb");
    if (!in)
        return assay_usage_error("letters: %s: %s", decisions, strerror(errno));
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        if (in != stdin)
            fclose(in);
        return assay_usage_error("letters: cannot make %s: %s", dir,
                                 strerror(errno));
    }
    assay_string_map names, used, missing;
    assay_policy *policy = NULL;
    assay_engine *engine = NULL;
    assay_policy_checker checker = {0};
    assay_string_map_init(&names);
    assay_string_map_init(&used);
    assay_string_map_init(&missing);
    int rc = 0;
    if (input) {
        policy = assay_cli_load_policy(job->policy_path);
        engine = policy ? assay_engine_new() : NULL;
        if (!engine || assay_plugin_options_load(&job->plugins, engine) ||
            assay_policy_checker_init(&checker, policy, &engine->plugins))
            rc = ASSAY_EXIT_USAGE;
        if (rc == 0)
            rc = read_applications(&names, &missing, input,
                                   name_field ? name_field
                                              : policy->fields.name,
                                   &checker.checker);
    }
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
        const char *to_add = NULL;
        if (id_text)
            assay_string_map_get(&missing, id_text, &to_add);
        assay_letter_context ctx = {programme, name, NULL, NULL, to_add};
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
    assay_string_map_free(&missing);
    assay_policy_checker_free(&checker);
    assay_engine_free(engine);
    assay_policy_free(policy);
    return rc;
}

static int letters_main(int argc, char **argv)
{
    letters_job job = {.markdown = 1, .html = 1};
    int c;
    assay_options opts;
    assay_options_begin(&opts, &assay_cmd_letters, argc, argv);
    while ((c = assay_options_next(&opts)) >= 0) {
        switch (c) {
        case 'o': job.dir = opts.arg; break;
        case OPT_INPUT: job.input = opts.arg; break;
        case OPT_NAME_FIELD: job.name_field = opts.arg; break;
        case OPT_PROGRAMME: job.programme = opts.arg; break;
        case OPT_POLICY: job.policy_path = opts.arg; break;
        case OPT_FORMAT:
            job.markdown = strcmp(opts.arg, "md") == 0 || strcmp(opts.arg, "both") == 0;
            job.html = strcmp(opts.arg, "html") == 0 || strcmp(opts.arg, "both") == 0;
            if (!job.markdown && !job.html) {
                assay_plugin_options_free(&job.plugins);
                return assay_usage_error("letters: --format is md, html or "
                                         "both, not \"%s\"",
                                         opts.arg);
            }
            break;
        default:
            assay_plugin_options_parse(&job.plugins, c, opts.arg);
        }
    }
    int rc = c == ASSAY_OPTIONS_STOP
                 ? opts.status
                 : write_letters(&job, argc - opts.index, argv + opts.index);
    assay_plugin_options_free(&job.plugins);
    return rc;
}

static const assay_option letters_options[] = {
    {"output", 'o', "DIR", "the directory for the letters (made if missing)"},
    {"input", OPT_INPUT, "FILE",
     "the applications the run read: the applicants' names, and what a "
     "held application's rules read and did not find"},
    {"name-field", OPT_NAME_FIELD, "FIELD",
     "the record field holding the name (the policy's, name)"},
    {"policy", OPT_POLICY, "FILE",
     "with --input: the policy the run decided under, for which domains' "
     "rules count (default: the shipped policy/default.lua)"},
    {"programme", OPT_PROGRAMME, "TEXT",
     "the programme's name in each letter's title"},
    {"format", OPT_FORMAT, "FORMAT", "md, html or both (both)"},
    {NULL, 0, NULL, NULL}};
static const assay_option *const letters_tables[] = {
    letters_options, assay_plugin_option_table, NULL};
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
        "in the rules' own words. With --input, a held or unscored "
        "application's letter also lists what it could add: the fields "
        "the rules that count for it read and did not find, in the words "
        "the rules declare them with (so give the plugins and policy the "
        "run had); a line of the input that is not an application (a JSON "
        "object with a string id) is warned of with its file and line. "
        "DIR also gets index.tsv: id, decision "
        "and the letter's file name, one line each in the order of "
        "DECISIONS. An id is made safe as a file name (characters other "
        "than letters, digits, '.', '-' and '_' become '_').",
    .options = letters_tables,
    .exit_status =
        "Exit status: 0 every letter written, 2 usage error or a file that "
        "cannot be read or written.",
    .main = letters_main};
