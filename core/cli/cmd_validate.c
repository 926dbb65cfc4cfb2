/* assay validate: check applications against what the loaded rules and the
 * policy read, before scoring them (engine/record_check.h), line by line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/policy_checker.h"
#include "decide/policy.h"
#include "engine/engine.h"
#include "engine/record.h"
#include "engine/record_check.h"
#include "util/buffer.h"
#include "util/line_reader.h"
#include "util/string_map.h"

enum { OPT_POLICY = 256, OPT_JSON };

/* What one line's check found, and the totals. */
typedef struct validation {
    const char *name; /* the input, for messages */
    int json;
    FILE *out;
    assay_buffer line; /* the current line's output */
    size_t line_no;
    const char *id;
    size_t errors, warnings; /* this line's */
    assay_buffer error_items, warning_items; /* --json: this line's */
    assay_buffer missing; /* this line's, as text or JSON items */
    size_t missing_count;
    /* totals */
    size_t records, with_errors, with_warnings, with_missing;
    cJSON *unread; /* path -> records */
} validation;

static void text_problem(validation *v, const char *kind, const char *msg)
{
    assay_buffer_printf(&v->line, "%s:%zu: ", v->name, v->line_no);
    if (v->id)
        assay_buffer_printf(&v->line, "%s: ", v->id);
    assay_buffer_printf(&v->line, "%s: %s\n", kind, msg);
}

static void json_item(assay_buffer *b, const char *field, const char *msg)
{
    assay_buffer_putc(b, b->len ? ',' : '[');
    assay_buffer_putc(b, '{');
    assay_json_key(b, "field", 1);
    if (field)
        assay_json_string(b, field);
    else
        assay_buffer_puts(b, "null");
    assay_json_key(b, "message", 0);
    assay_json_string(b, msg);
    assay_buffer_putc(b, '}');
}

static void problem(validation *v, assay_check_kind kind, const char *field,
                    const char *msg)
{
    if (kind == ASSAY_CHECK_ERROR)
        v->errors++;
    else
        v->warnings++;
    if (v->json)
        json_item(kind == ASSAY_CHECK_ERROR ? &v->error_items : &v->warning_items,
                  field, msg);
    else
        text_problem(v, kind == ASSAY_CHECK_ERROR ? "error" : "warning", msg);
}

static void on_check(void *ctx, assay_check_kind kind, const char *field,
                     const char *message)
{
    validation *v = ctx;
    switch (kind) {
    case ASSAY_CHECK_UNREAD: {
        cJSON *n = cJSON_GetObjectItemCaseSensitive(v->unread, field);
        if (n)
            cJSON_SetNumberValue(n, n->valuedouble + 1);
        else
            cJSON_AddNumberToObject(v->unread, field, 1);
        return;
    }
    case ASSAY_CHECK_MISSING:
        if (v->json) {
            assay_buffer_putc(&v->missing, v->missing.len ? ',' : '[');
            assay_buffer_putc(&v->missing, '{');
            assay_json_key(&v->missing, "field", 1);
            assay_json_string(&v->missing, field);
            assay_json_key(&v->missing, "rules", 0);
            assay_json_string(&v->missing, message);
            assay_buffer_putc(&v->missing, '}');
        } else {
            assay_buffer_printf(&v->missing, "%s%s (%s)",
                                v->missing_count ? ", " : "", field, message);
        }
        v->missing_count++;
        return;
    default:
        problem(v, kind, field, message);
    }
}

/* Writes what the line found and adds it to the totals. */
static void finish_line(validation *v)
{
    v->records++;
    v->with_errors += v->errors > 0;
    v->with_warnings += v->errors == 0 && v->warnings > 0;
    v->with_missing += v->missing_count > 0;
    if (v->json) {
        assay_buffer *b = &v->line;
        assay_buffer_putc(b, '{');
        assay_json_key(b, "line", 1);
        assay_json_uint(b, v->line_no);
        assay_json_key(b, "id", 0);
        if (v->id)
            assay_json_string(b, v->id);
        else
            assay_buffer_puts(b, "null");
        assay_json_key(b, "status", 0);
        assay_json_string(b, v->errors     ? "error"
                             : v->warnings ? "warning"
                                           : "ok");
        const struct {
            const char *key;
            assay_buffer *items;
        } parts[] = {{"errors", &v->error_items},
                     {"warnings", &v->warning_items},
                     {"missing", &v->missing}};
        for (size_t i = 0; i < 3; i++) {
            assay_json_key(b, parts[i].key, 0);
            if (parts[i].items->len) {
                assay_buffer_append(b, parts[i].items->data,
                                    parts[i].items->len);
                assay_buffer_putc(b, ']');
            } else {
                assay_buffer_puts(b, "[]");
            }
        }
        assay_buffer_puts(b, "}\n");
    } else if (v->missing_count) {
        text_problem(v, "missing", assay_buffer_cstr(&v->missing));
    }
    assay_buffer_write(&v->line, v->out);
    assay_buffer_reset(&v->line);
    assay_buffer_reset(&v->missing);
    assay_buffer_reset(&v->error_items);
    assay_buffer_reset(&v->warning_items);
    v->errors = v->warnings = v->missing_count = 0;
    v->id = NULL;
}

static void print_summary(const validation *v)
{
    fprintf(stderr,
            "assay: %zu applications: %zu with errors, %zu with warnings "
            "only, %zu missing fields their rules read\n",
            v->records, v->with_errors, v->with_warnings, v->with_missing);
    if (!cJSON_GetArraySize(v->unread))
        return;
    fputs("assay: fields no loaded rule reads (applications):", stderr);
    const cJSON *f;
    int first = 1;
    cJSON_ArrayForEach(f, v->unread)
    {
        fprintf(stderr, "%s %s (%.0f)", first ? "" : ",", f->string,
                f->valuedouble);
        first = 0;
    }
    fputc('\n', stderr);
}

static int validate_lines(validation *v, const assay_record_checker *checker,
                          FILE *in)
{
    assay_line_reader reader;
    assay_line_reader_init(&reader, in, ASSAY_DEFAULT_MAX_LINE);
    assay_string_map seen;
    assay_string_map_init(&seen);
    const char *text;
    size_t len;
    assay_line_status st;
    int rc = 0;
    while ((st = assay_line_reader_next(&reader, &text, &len)) !=
           ASSAY_LINE_END) {
        v->line_no = reader.line;
        if (st == ASSAY_LINE_IO_ERROR) {
            rc = assay_usage_error("%s: read error after line %zu: %m",
                                   v->name, reader.line);
            break;
        }
        if (st == ASSAY_LINE_TOO_LONG) {
            problem(v, ASSAY_CHECK_ERROR, NULL,
                    "the line is longer than 1048576 bytes; no application "
                    "is that long: check that the file is JSON Lines");
            finish_line(v);
            continue;
        }
        if (assay_line_is_blank(text, len))
            continue;
        assay_record rec;
        char err[1024];
        int bad = assay_record_parse(&rec, text, len, reader.line, err,
                                     sizeof err);
        v->id = rec.id;
        if (bad) {
            /* the message starts "line N: ", which the output says */
            char prefix[32];
            int n = snprintf(prefix, sizeof prefix, "line %zu: ", reader.line);
            problem(v, ASSAY_CHECK_ERROR, NULL,
                    strncmp(err, prefix, (size_t)n) == 0 ? err + n : err);
        } else {
            char at[32];
            snprintf(at, sizeof at, "%zu", reader.line);
            const char *first = NULL;
            if (!assay_string_map_put(&seen, rec.id, at)) {
                assay_string_map_get(&seen, rec.id, &first);
                char msg[128 + 32];
                snprintf(msg, sizeof msg,
                         "duplicate id: line %s has it too; give every "
                         "application its own id",
                         first);
                problem(v, ASSAY_CHECK_ERROR, "id", msg);
            }
            assay_record_check(checker, rec.root, on_check, v);
        }
        finish_line(v);
        assay_record_free(&rec);
    }
    assay_string_map_free(&seen);
    assay_line_reader_free(&reader);
    return rc;
}

static int validate_main(int argc, char **argv)
{
    assay_plugin_options plugins = {0};
    const char *policy_path = NULL, *output = NULL;
    int rc = ASSAY_EXIT_USAGE, quiet = 0;
    validation v = {0};
    assay_engine *engine = NULL;
    assay_policy *policy = NULL;
    assay_policy_checker checker = {0};
    FILE *in = NULL, *out = NULL;
    assay_atomic_file out_file = {0};

    assay_options opts;
    assay_options_begin(&opts, &assay_cmd_validate, argc, argv);
    int c;
    while ((c = assay_options_next(&opts)) >= 0) {
        switch (c) {
        case OPT_POLICY:
            policy_path = opts.arg;
            break;
        case OPT_JSON:
            v.json = 1;
            break;
        case 'o':
            output = assay_cli_output(opts.arg);
            break;
        case 'q':
            quiet = 1;
            break;
        default:
            assay_plugin_options_parse(&plugins, c, opts.arg);
        }
    }
    if (c == ASSAY_OPTIONS_STOP) {
        rc = opts.status;
        goto done;
    }
    if (argc - opts.index > 1) {
        assay_usage_error("validate takes one input file, got %d; "
                          "concatenate them or use stdin",
                          argc - opts.index);
        goto done;
    }
    const char *input = opts.index < argc ? argv[opts.index] : "-";
    v.name = strcmp(input, "-") == 0 ? "stdin" : input;
    if (strcmp(input, "-") == 0 && assay_cli_stdin_closed())
        goto done;
    out = output ? assay_cli_create(&out_file, "output ", output)
                 : assay_cli_private_stdout();
    if (!out)
        goto done;
    policy = assay_cli_load_policy(policy_path);
    if (!policy)
        goto done;
    engine = assay_engine_new();
    if (!engine) {
        assay_usage_error("out of memory");
        goto done;
    }
    if (assay_plugin_options_load(&plugins, engine))
        goto done;
    if (assay_policy_checker_init(&checker, policy, &engine->plugins)) {
        assay_usage_error("out of memory");
        goto done;
    }
    in = strcmp(input, "-") == 0 ? stdin : fopen(input, "rb");
    if (!in) {
        assay_usage_error("cannot open input %s: %m", input);
        goto done;
    }
    v.out = out;
    v.unread = cJSON_CreateObject();
    assay_buffer_init(&v.line);
    assay_buffer_init(&v.missing);
    assay_buffer_init(&v.error_items);
    assay_buffer_init(&v.warning_items);
    if (validate_lines(&v, &checker.checker, in) ||
        (output ? assay_cli_commit(&out_file) : assay_cli_flush_stdout(out)))
        goto done;
    if (!quiet)
        print_summary(&v);
    rc = v.with_errors || v.with_warnings ? ASSAY_EXIT_RECORDS : ASSAY_EXIT_OK;
done:
    cJSON_Delete(v.unread);
    assay_buffer_free(&v.line);
    assay_buffer_free(&v.missing);
    assay_buffer_free(&v.error_items);
    assay_buffer_free(&v.warning_items);
    if (in && in != stdin)
        fclose(in);
    if (output)
        assay_atomic_abandon(&out_file);
    else if (out)
        assay_cli_close_stdout(out);
    assay_policy_checker_free(&checker);
    assay_engine_free(engine);
    assay_policy_free(policy);
    assay_plugin_options_free(&plugins);
    return rc;
}

static const assay_option validate_options[] = {
    {"policy", OPT_POLICY, "FILE",
     "the decision policy (default: the shipped policy/default.lua)"},
    {"json", OPT_JSON, NULL, "JSON Lines output"},
    {"output", 'o', "FILE", "write to FILE (default: stdout)"},
    {"quiet", 'q', NULL, "no summary on stderr"},
    {NULL, 0, NULL, NULL}};
static const assay_option *const validate_tables[] = {
    validate_options, assay_plugin_option_table, NULL};
const assay_command assay_cmd_validate = {
    .name = "validate",
    .summary = "check applications against what the rules read",
    .synopsis = "[OPTIONS] [FILE|-]",
    .description =
        "Checks JSON Lines applications (FILE, or stdin for - or no FILE) "
        "against the fields the loaded rules declare they read and the "
        "policy they are decided under, without scoring them:\n"
        "  error    a line that is not an application, a duplicate id, or a\n"
        "           field of another type than its rules read\n"
        "  warning  a field no rule reads that is a near miss of one they do\n"
        "           (did you mean), a claimed domain no plugin declares, a\n"
        "           request no tier asks for\n"
        "  missing  the declared fields that the rules of the domains "
        "counted\n"
        "           for the applicant read and did not find\n\n"
        "Text output is one line a problem, FILE:LINE: ID: KIND: message; "
        "with --json one JSON object for every application line "
        "(docs/office.md). A summary, with the fields no rule reads, goes "
        "to stderr.",
    .options = validate_tables,
    .exit_status =
        "Exit status: 0 no errors or warnings (missing fields are normal), "
        "1 some applications have errors or warnings, 2 usage or "
        "configuration error.",
    .main = validate_main};
