#include "engine/csv_import.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "util/buffer.h"
#include "util/near_miss.h"

/* Problems printed before the rest are only counted. */
#define MAX_PRINTED 50

typedef struct cell {
    char *text;
    size_t len;
} cell;

typedef struct import_state {
    const assay_mapping *m;
    const char *name;
    FILE *out, *messages;
    assay_import_report *report;
    size_t row; /* the row being read, from 1 */
    cell *cells;
    size_t cell_count, cell_cap;
    /* From the header: */
    size_t header_count;
    char **header;
    long *source; /* per mapped column, its header index */
    int fatal;    /* stop: the header does not fit the mapping */
} import_state;

/* "A", ..., "Z", "AA": the column's letter as a spreadsheet shows it. */
static void column_letter(size_t i, char out[8])
{
    char tmp[8];
    size_t n = 0;
    for (i++; i && n < sizeof tmp - 1; i = (i - 1) / 26)
        tmp[n++] = (char)('A' + (i - 1) % 26);
    for (size_t k = 0; k < n; k++)
        out[k] = tmp[n - 1 - k];
    out[n] = '\0';
}

static void problem(import_state *s, size_t column, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void problem(import_state *s, size_t column, const char *fmt, ...)
{
    if (s->report->problems++ >= MAX_PRINTED)
        return;
    char letter[8];
    column_letter(column, letter);
    fprintf(s->messages, "assay: %s: row %zu, column \"%s\" (%s): ", s->name,
            s->row, column < s->header_count ? s->header[column] : "", letter);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(s->messages, fmt, ap);
    va_end(ap);
    fputc('\n', s->messages);
}

static int fatal(import_state *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int fatal(import_state *s, const char *fmt, ...)
{
    fprintf(s->messages, "assay: %s: row %zu: ", s->name, s->row);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(s->messages, fmt, ap);
    va_end(ap);
    fputc('\n', s->messages);
    s->fatal = 1;
    return 2;
}

static void on_field(void *text, size_t len, void *data)
{
    import_state *s = data;
    if (s->fatal)
        return;
    if (s->cell_count == s->cell_cap) {
        s->cell_cap = s->cell_cap ? 2 * s->cell_cap : 16;
        s->cells = realloc(s->cells, s->cell_cap * sizeof *s->cells);
        if (!s->cells) {
            fputs("assay: out of memory\n", stderr);
            abort();
        }
    }
    cell *c = &s->cells[s->cell_count++];
    c->text = malloc(len + 1);
    if (!c->text) {
        fputs("assay: out of memory\n", stderr);
        abort();
    }
    memcpy(c->text, text, len);
    c->text[len] = '\0';
    c->len = len;
}

static void clear_cells(import_state *s)
{
    for (size_t i = 0; i < s->cell_count; i++)
        free(s->cells[i].text);
    s->cell_count = 0;
}

/* ---- the header ---------------------------------------------------- */

static void read_header(import_state *s)
{
    const assay_mapping *m = s->m;
    s->header_count = s->cell_count;
    s->header = calloc(s->cell_count + 1, sizeof *s->header);
    for (size_t i = 0; i < s->cell_count; i++) {
        s->header[i] = s->cells[i].text;
        s->cells[i].text = NULL;
    }
    s->cell_count = 0;
    const char **known = calloc(m->column_count + 1, sizeof *known);
    for (size_t j = 0; j < m->column_count; j++)
        known[j] = m->columns[j].column;
    for (size_t i = 0; i < s->header_count && !s->fatal; i++) {
        const char *h = s->header[i];
        char letter[8];
        column_letter(i, letter);
        for (size_t k = 0; k < i; k++)
            if (strcmp(s->header[k], h) == 0)
                fatal(s, "column %s repeats the header \"%s\"; rename one",
                      letter, h);
        const assay_mapped_column *c = assay_mapping_column(m, h);
        if (c) {
            s->source[c - m->columns] = (long)i;
            continue;
        }
        if (assay_mapping_ignores(m, h) || s->fatal)
            continue;
        const char *near = assay_near_miss(h, known, m->column_count);
        if (near)
            fatal(s, "column %s, \"%s\", is not in the mapping %s; did you "
                     "mean \"%s\"? Map it, or list it under \"ignore\"",
                  letter, h, m->path, near);
        else
            fatal(s, "column %s, \"%s\", is not in the mapping %s; map it "
                     "to a field, or list it under \"ignore\"",
                  letter, h, m->path);
    }
    for (size_t j = 0; j < m->column_count && !s->fatal; j++)
        if (s->source[j] < 0)
            fatal(s, "the header has no column \"%s\", which the mapping %s "
                     "maps to %s; add the column or remove it from the "
                     "mapping",
                  m->columns[j].column, m->path, m->columns[j].field);
    free(known);
}

/* ---- one data row -------------------------------------------------- */

/* Text t trimmed of spaces and tabs in place; returns its start. */
static char *trim(char *t)
{
    while (*t == ' ' || *t == '\t')
        t++;
    size_t n = strlen(t);
    while (n && (t[n - 1] == ' ' || t[n - 1] == '\t' || t[n - 1] == '\r'))
        t[--n] = '\0';
    return t;
}

/* A string node for text, with bytes that are not UTF-8 replaced by U+FFFD;
 * *bad is set when there were any. */
static cJSON *string_node(const char *t, int *bad)
{
    assay_buffer b;
    assay_buffer_init(&b);
    size_t n = strlen(t);
    for (size_t i = 0; i < n;) {
        size_t k = assay_utf8_sequence_length((const unsigned char *)t + i,
                                              n - i);
        if (k == 0) {
            assay_buffer_puts(&b, "\xEF\xBF\xBD");
            *bad = 1;
            i++;
        } else {
            assay_buffer_append(&b, t + i, k);
            i += k;
        }
    }
    cJSON *node = cJSON_CreateString(assay_buffer_cstr(&b));
    assay_buffer_free(&b);
    return node;
}

static int parse_boolean(const char *t, int *out)
{
    static const char *const yes[] = {"true", "yes", "y", "1"};
    static const char *const no[] = {"false", "no", "n", "0"};
    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(t, yes[i]) == 0)
            return *out = 1, 1;
        if (strcasecmp(t, no[i]) == 0)
            return *out = 0, 1;
    }
    return 0;
}

/* The node for scalar text t of type `type`, or NULL when t is not of it. */
static cJSON *scalar(const char *t, assay_field_type type, int *bad_utf8)
{
    char *end;
    double v;
    int b;
    switch (type) {
    case ASSAY_FIELD_NUMBER:
    case ASSAY_FIELD_INTEGER:
        errno = 0;
        v = strtod(t, &end);
        if (errno || end == t || *end || !isfinite(v) ||
            (type == ASSAY_FIELD_INTEGER &&
             (v != floor(v) || fabs(v) > 9007199254740992.0 ||
              strpbrk(t, ".eE"))))
            return NULL;
        return cJSON_CreateNumber(v);
    case ASSAY_FIELD_BOOLEAN:
        return parse_boolean(t, &b) ? cJSON_CreateBool(b) : NULL;
    default:
        return string_node(t, bad_utf8);
    }
}

static const char *type_phrase(assay_field_type t)
{
    switch (t) {
    case ASSAY_FIELD_NUMBER:
        return "a number";
    case ASSAY_FIELD_INTEGER:
        return "a whole number";
    case ASSAY_FIELD_BOOLEAN:
        return "yes or no (true/false, 1/0)";
    default:
        return "text";
    }
}

/* The node for cell text t under column c, reporting what does not fit. */
static cJSON *value(import_state *s, const assay_mapped_column *c,
                    size_t column, char *t)
{
    int bad = 0;
    cJSON *node;
    if (c->type != ASSAY_FIELD_LIST) {
        node = scalar(t, c->type, &bad);
        if (!node) {
            problem(s, column,
                    "\"%s\" is not %s; kept as text, so the rules that read "
                    "%s report it; fix the cell",
                    t, type_phrase(c->type), c->field);
            node = string_node(t, &bad);
        }
    } else {
        node = cJSON_CreateArray();
        char *item = t;
        for (;;) {
            char *next = strchr(item, c->separator);
            if (next)
                *next = '\0';
            char *it = trim(item);
            if (*it) {
                cJSON *x = scalar(it, c->items, &bad);
                if (!x) {
                    problem(s, column,
                            "list item \"%s\" is not %s; kept as text; fix "
                            "the cell",
                            it, type_phrase(c->items));
                    x = string_node(it, &bad);
                }
                cJSON_AddItemToArray(node, x);
            }
            if (!next)
                break;
            item = next + 1;
        }
    }
    if (bad)
        problem(s, column,
                "not UTF-8 text (invalid bytes are written as U+FFFD); save "
                "the sheet as \"CSV UTF-8\"");
    return node;
}

/* Puts node at the dotted path under root, making the objects on the way
 * (the mapping's fields never overlap, so each is an object made here). */
static void put(cJSON *root, const char *path, cJSON *node)
{
    char seg[256];
    const char *p = path;
    for (const char *dot; (dot = strchr(p, '.')); p = dot + 1) {
        size_t n = (size_t)(dot - p) < sizeof seg - 1 ? (size_t)(dot - p)
                                                      : sizeof seg - 1;
        memcpy(seg, p, n);
        seg[n] = '\0';
        cJSON *next = cJSON_GetObjectItemCaseSensitive(root, seg);
        if (!next)
            next = cJSON_AddObjectToObject(root, seg);
        root = next;
    }
    cJSON_AddItemToObject(root, p, node);
}

static void read_row(import_state *s)
{
    const assay_mapping *m = s->m;
    s->report->rows++;
    int blank = 1;
    size_t past = 0; /* the first cell with text past the header, or 0 */
    for (size_t i = 0; i < s->cell_count; i++) {
        char *t = trim(s->cells[i].text);
        if (*t)
            blank = 0;
        if (*t && i >= s->header_count && !past)
            past = i;
    }
    if (past)
        problem(s, past,
                "this row has %zu cells but the header only %zu; the cells "
                "past the header are not imported: check the row's quoting "
                "or delimiters",
                s->cell_count, s->header_count);
    if (blank) {
        s->report->blank++;
        fputc('\n', s->out);
        return;
    }
    cJSON *root = cJSON_CreateObject();
    for (size_t j = 0; j < m->column_count; j++) {
        const assay_mapped_column *c = &m->columns[j];
        size_t i = (size_t)s->source[j];
        char *t = i < s->cell_count ? trim(s->cells[i].text) : "";
        if (!*t) {
            if (strcmp(c->field, "id") == 0)
                problem(s, i,
                        "the id is empty; every application needs one (the "
                        "row is written without it and becomes an error "
                        "record)");
            continue;
        }
        put(root, c->field, value(s, c, i, t));
    }
    char *text = cJSON_PrintUnformatted(root);
    fputs(text, s->out);
    fputc('\n', s->out);
    cJSON_free(text);
    cJSON_Delete(root);
}

static void on_row(int c, void *data)
{
    (void)c;
    import_state *s = data;
    if (s->fatal)
        return;
    if (s->row == 1)
        read_header(s);
    else
        read_row(s);
    clear_cells(s);
    s->row++;
}

/* ---- the file ------------------------------------------------------ */

int assay_csv_import(const assay_mapping *m, FILE *in, const char *name,
                     FILE *out, FILE *messages, assay_import_report *report)
{
    memset(report, 0, sizeof *report);
    import_state s = {.m = m, .name = name, .out = out, .messages = messages,
                      .report = report, .row = 1};
    s.source = malloc(m->column_count * sizeof *s.source);
    for (size_t j = 0; j < m->column_count; j++)
        s.source[j] = -1;
    struct csv_parser p;
    csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
    csv_set_delim(&p, (unsigned char)m->delimiter);
    char buf[65536];
    size_t n;
    int rc = 0, first = 1;
    while (!s.fatal && (n = fread(buf, 1, sizeof buf, in)) > 0) {
        size_t skip = 0;
        if (first && n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
            skip = 3;
        first = 0;
        if (csv_parse(&p, buf + skip, n - skip, on_field, on_row, &s) !=
            n - skip) {
            rc = fatal(&s, "malformed CSV (%s); a quote inside a cell must "
                           "be doubled and the cell quoted",
                       csv_strerror(csv_error(&p)));
            break;
        }
    }
    if (!s.fatal && ferror(in))
        rc = fatal(&s, "read error: %s", strerror(errno));
    if (!s.fatal && csv_fini(&p, on_field, on_row, &s) != 0)
        rc = fatal(&s, "malformed CSV at the end of the file (%s); close "
                       "the last quoted cell",
                   csv_strerror(csv_error(&p)));
    if (!s.fatal && s.row == 1)
        rc = fatal(&s, "the file is empty; a sheet needs a header row");
    if (s.fatal)
        rc = 2;
    else if (report->problems > MAX_PRINTED)
        fprintf(messages, "assay: %s: %zu more problems not shown\n", name,
                report->problems - MAX_PRINTED);
    if (!rc && report->problems)
        rc = 1;
    clear_cells(&s);
    csv_free(&p);
    for (size_t i = 0; i < s.header_count; i++)
        free(s.header[i]);
    free(s.header);
    free(s.cells);
    free(s.source);
    return rc;
}
