#include "decide/committee_file.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "util/buffer.h"
#include "util/near_miss.h"

typedef struct reading {
    assay_committee_file *f;
    const char *what;
    size_t required;
    size_t line;
    long *header; /* CSV: the known column of each header cell, or -1 */
    size_t header_count;
    char **cells; /* the row being read */
    size_t cell_count;
    int failed;
} reading;

static void problem(reading *r, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void problem(reading *r, size_t line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "assay: %s:%zu: ", r->f->path, line);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    r->failed = 1;
}

static char *trimmed(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (!n)
        return NULL;
    char *t = malloc(n + 1);
    if (!t)
        abort();
    memcpy(t, s, n);
    t[n] = '\0';
    return t;
}

static void column_list(reading *r, assay_buffer *b)
{
    for (size_t i = 0; i < r->f->column_count; i++)
        assay_buffer_printf(b, "%s%s", i ? ", " : "", r->f->columns[i]);
}

/* The known column named name (any case), or -1 after saying so. */
static long column_of(reading *r, const char *name, int any_case)
{
    const assay_committee_file *f = r->f;
    for (size_t i = 0; i < f->column_count; i++)
        if ((any_case ? strcasecmp : strcmp)(f->columns[i], name) == 0)
            return (long)i;
    assay_buffer b;
    assay_buffer_init(&b);
    const char *near =
        assay_near_miss(name, (const char *const *)f->columns, f->column_count);
    if (near)
        assay_buffer_printf(&b, " (did you mean \"%s\"?)", near);
    assay_buffer_puts(&b, "; the columns of ");
    assay_buffer_puts(&b, r->what);
    assay_buffer_puts(&b, " are ");
    column_list(r, &b);
    problem(r, r->line, "unknown column \"%s\"%s", name,
            assay_buffer_cstr(&b));
    assay_buffer_free(&b);
    return -1;
}

/* Adds a row of values (taken) after checking the required columns. */
static void add_row(reading *r, char **values)
{
    assay_committee_file *f = r->f;
    int complete = 1;
    for (size_t i = 0; i < r->required; i++)
        if (!values[i]) {
            problem(r, r->line, "no %s; every row of %s needs one",
                    f->columns[i], r->what);
            complete = 0;
        }
    if (!complete) {
        for (size_t i = 0; i < f->column_count; i++)
            free(values[i]);
        free(values);
        return;
    }
    if (f->count == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 64;
        f->rows = realloc(f->rows, f->cap * sizeof *f->rows);
        if (!f->rows)
            abort();
    }
    f->rows[f->count++] = (assay_committee_row){r->line, values};
}

static char **new_values(const assay_committee_file *f)
{
    char **v = calloc(f->column_count ? f->column_count : 1, sizeof *v);
    if (!v)
        abort();
    return v;
}

/* ---- CSV -------------------------------------------------------------- */

static void on_cell(void *data, size_t len, void *ctx)
{
    reading *r = ctx;
    r->cells = realloc(r->cells, (r->cell_count + 1) * sizeof *r->cells);
    if (!r->cells)
        abort();
    r->cells[r->cell_count++] = trimmed(data ? data : "", data ? len : 0);
}

static void on_row(int c, void *ctx)
{
    (void)c;
    reading *r = ctx;
    r->line++;
    int blank = 1;
    for (size_t i = 0; i < r->cell_count; i++)
        blank &= r->cells[i] == NULL;
    if (r->line == 1) {
        r->header = calloc(r->cell_count ? r->cell_count : 1,
                           sizeof *r->header);
        if (!r->header)
            abort();
        r->header_count = r->cell_count;
        for (size_t i = 0; i < r->cell_count; i++)
            r->header[i] = r->cells[i] ? column_of(r, r->cells[i], 1) : -1;
    } else if (!blank) {
        char **values = new_values(r->f);
        for (size_t i = 0; i < r->cell_count; i++) {
            if (i < r->header_count && r->header[i] >= 0) {
                values[r->header[i]] = r->cells[i];
                r->cells[i] = NULL;
            } else if (r->cells[i] && i >= r->header_count) {
                problem(r, r->line, "more cells than the header has columns; "
                                    "quote a cell that holds the delimiter");
            }
        }
        add_row(r, values);
    }
    for (size_t i = 0; i < r->cell_count; i++)
        free(r->cells[i]);
    r->cell_count = 0;
}

static void read_csv(reading *r, FILE *in)
{
    struct csv_parser p;
    csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
    char buf[65536];
    size_t n;
    int first = 1;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
        size_t skip =
            first && n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        first = 0;
        if (csv_parse(&p, buf + skip, n - skip, on_cell, on_row, r) !=
            n - skip) {
            problem(r, r->line + 1, "malformed CSV (%s); a quote inside a "
                                    "cell must be doubled and the cell quoted",
                    csv_strerror(csv_error(&p)));
            break;
        }
    }
    if (!r->failed && csv_fini(&p, on_cell, on_row, r) != 0)
        problem(r, r->line + 1, "malformed CSV at the end of the file (%s); "
                                "close the last quoted cell",
                csv_strerror(csv_error(&p)));
    csv_free(&p);
    for (size_t i = 0; i < r->cell_count; i++)
        free(r->cells[i]);
}

/* ---- JSON Lines ------------------------------------------------------- */

static void read_json_line(reading *r, const char *text, size_t len)
{
    cJSON *o = cJSON_ParseWithLength(text, len);
    if (!cJSON_IsObject(o)) {
        problem(r, r->line, "not a JSON object; each line of %s is one "
                            "object, e.g. {\"%s\": ...}",
                r->what, r->f->columns[0]);
        cJSON_Delete(o);
        return;
    }
    char **values = new_values(r->f);
    const cJSON *m;
    cJSON_ArrayForEach(m, o)
    {
        long k = column_of(r, m->string, 0);
        if (k < 0)
            continue;
        char num[64];
        const char *v = NULL;
        if (cJSON_IsString(m)) {
            v = m->valuestring;
        } else if (cJSON_IsNumber(m)) {
            snprintf(num, sizeof num, "%.15g", m->valuedouble);
            v = num;
        } else if (cJSON_IsBool(m)) {
            v = cJSON_IsTrue(m) ? "true" : "false";
        } else if (!cJSON_IsNull(m)) {
            problem(r, r->line, "\"%s\" must be text, a number or true or "
                                "false",
                    m->string);
            continue;
        }
        free(values[k]);
        values[k] = v ? trimmed(v, strlen(v)) : NULL;
    }
    cJSON_Delete(o);
    add_row(r, values);
}

static void read_json_lines(reading *r, FILE *in)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, in)) >= 0) {
        r->line++;
        size_t n = (size_t)len;
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            n--;
        size_t k = 0;
        while (k < n && (line[k] == ' ' || line[k] == '\t'))
            k++;
        if (k < n)
            read_json_line(r, line, n);
    }
    free(line);
}

int assay_committee_file_read(assay_committee_file *f, const char *path,
                              const char *what, const char *const *columns,
                              size_t column_count, size_t required)
{
    memset(f, 0, sizeof *f);
    f->path = path;
    f->columns = columns;
    f->column_count = column_count;
    reading r = {.f = f, .what = what, .required = required};
    FILE *in = fopen(path, "rb");
    if (!in) {
        fprintf(stderr, "assay: cannot open %s %s: %s\n", what, path,
                strerror(errno));
        return 1;
    }
    int c;
    while ((c = getc(in)) == ' ' || c == '\t' || c == '\n' || c == '\r')
        ;
    rewind(in);
    if (c == '{')
        read_json_lines(&r, in);
    else
        read_csv(&r, in);
    if (ferror(in)) {
        fprintf(stderr, "assay: %s: read error: %s\n", path, strerror(errno));
        r.failed = 1;
    }
    fclose(in);
    free(r.header);
    free(r.cells);
    if (!r.failed && f->count == 0) {
        fprintf(stderr, "assay: %s: no rows; %s need a header row and one "
                        "row each\n",
                path, what);
        r.failed = 1;
    }
    return r.failed;
}

void assay_committee_file_free(assay_committee_file *f)
{
    for (size_t i = 0; i < f->count; i++) {
        for (size_t k = 0; k < f->column_count; k++)
            free(f->rows[i].values[k]);
        free(f->rows[i].values);
    }
    free(f->rows);
    memset(f, 0, sizeof *f);
}
