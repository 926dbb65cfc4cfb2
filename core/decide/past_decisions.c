#include "decide/past_decisions.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <csv.h>

#include "util/line_reader.h"
#include "util/string_map.h"

typedef struct reader {
    const char *name;
    assay_past_decisions *out;
    assay_string_map seen; /* id -> the line that decided it */
} reader;

static void left_out(reader *r, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void left_out(reader *r, size_t line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "assay: %s:%zu: ", r->name, line);
    vfprintf(stderr, fmt, ap);
    fputs("; the line is left out\n", stderr);
    va_end(ap);
    r->out->left_out++;
}

static char *copy(const char *s, size_t n)
{
    char *c = malloc(n + 1);
    if (!c)
        abort();
    memcpy(c, s, n);
    c[n] = '\0';
    return c;
}

/* Keeps (id, decision) of line, unless the id was decided before. */
static void keep(reader *r, size_t line, const char *id, size_t id_len,
                 const char *decision, size_t decision_len)
{
    if (id_len == 0 || decision_len == 0) {
        left_out(r, line, "the %s is empty", id_len ? "decision" : "id");
        return;
    }
    char *i = copy(id, id_len);
    char where[32];
    snprintf(where, sizeof where, "%zu", line);
    if (!assay_string_map_put(&r->seen, i, where)) {
        const char *first = NULL;
        assay_string_map_get(&r->seen, i, &first);
        left_out(r, line, "id \"%s\" was already decided at line %s", i,
                 first);
        free(i);
        return;
    }
    assay_past_decisions *d = r->out;
    if (d->count == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 256;
        d->items = realloc(d->items, d->cap * sizeof *d->items);
        if (!d->items)
            abort();
    }
    d->items[d->count++] =
        (assay_past_decision){i, copy(decision, decision_len), line};
}

/* ---- JSON Lines ----------------------------------------------------- */

static void json_line(reader *r, size_t line, const char *text, size_t len)
{
    cJSON *o = cJSON_ParseWithLength(text, len);
    if (!cJSON_IsObject(o)) {
        left_out(r, line, "not a JSON object; write {\"id\": ..., "
                          "\"decision\": ...}");
        cJSON_Delete(o);
        return;
    }
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "id");
    const cJSON *dec = cJSON_GetObjectItemCaseSensitive(o, "decision");
    if (!cJSON_IsString(id))
        left_out(r, line, "no \"id\" string");
    else if (!cJSON_IsString(dec))
        left_out(r, line, "\"%s\" has no \"decision\" string",
                 id->valuestring);
    else
        keep(r, line, id->valuestring, strlen(id->valuestring),
             dec->valuestring, strlen(dec->valuestring));
    cJSON_Delete(o);
}

/* ---- CSV -------------------------------------------------------------- */

typedef struct csv_state {
    reader *r;
    size_t line;     /* the line being parsed */
    size_t row_line; /* where the current row began; 0: none begun */
    int header_done;
    long id_column, decision_column;
    size_t column;
    char *id, *decision;
    size_t id_len, decision_len;
    size_t cells;
} csv_state;

static void on_field(void *s_, size_t len, void *data)
{
    csv_state *s = data;
    const char *text = s_;
    if (!s->header_done) {
        if (len == 2 && memcmp(text, "id", 2) == 0)
            s->id_column = (long)s->column;
        else if (len == 8 && memcmp(text, "decision", 8) == 0)
            s->decision_column = (long)s->column;
    } else if ((long)s->column == s->id_column) {
        free(s->id);
        s->id = copy(text, len);
        s->id_len = len;
    } else if ((long)s->column == s->decision_column) {
        free(s->decision);
        s->decision = copy(text, len);
        s->decision_len = len;
    }
    s->column++;
    s->cells++;
}

static void on_row(int c, void *data)
{
    (void)c;
    csv_state *s = data;
    size_t line = s->row_line ? s->row_line : s->line;
    if (!s->header_done)
        s->header_done = 1;
    else if (!s->id || !s->decision)
        left_out(s->r, line, "%zu cell%s, and no %s cell", s->cells,
                 s->cells == 1 ? "" : "s", s->id ? "decision" : "id");
    else
        keep(s->r, line, s->id, s->id_len, s->decision, s->decision_len);
    free(s->id);
    free(s->decision);
    s->id = s->decision = NULL;
    s->column = s->cells = 0;
    s->row_line = 0;
}

/* ---- the file ------------------------------------------------------- */

int assay_past_decisions_read(FILE *f, const char *name,
                              assay_past_decisions *out)
{
    memset(out, 0, sizeof *out);
    reader r = {name, out, {0}};
    assay_string_map_init(&r.seen);
    assay_line_reader lr;
    assay_line_reader_init(&lr, f, ASSAY_DEFAULT_MAX_LINE);
    struct csv_parser p;
    csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    csv_state cs = {.r = &r, .id_column = -1, .decision_column = -1};
    int rc = 0, format_known = 0;
    const char *text;
    size_t len;
    assay_line_status st;
    while ((st = assay_line_reader_next(&lr, &text, &len)) != ASSAY_LINE_END) {
        size_t line = lr.line;
        if (st == ASSAY_LINE_IO_ERROR) {
            fprintf(stderr, "assay: %s:%zu: read error: %s\n", name, line,
                    strerror(errno));
            rc = -1;
            break;
        }
        if (st == ASSAY_LINE_TOO_LONG) {
            left_out(&r, line, "longer than %u bytes",
                     (unsigned)ASSAY_DEFAULT_MAX_LINE);
            continue;
        }
        if (st == ASSAY_LINE_NUL) {
            left_out(&r, line, "holds a NUL byte");
            continue;
        }
        if (line == 1 && len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
            text += 3; /* a spreadsheet's byte order mark */
            len -= 3;
        }
        if (!format_known) {
            if (assay_line_is_blank(text, len))
                continue;
            size_t i = 0;
            while (i < len && (text[i] == ' ' || text[i] == '\t'))
                i++;
            out->csv = text[i] != '{';
            format_known = 1;
        }
        if (!out->csv) {
            if (!assay_line_is_blank(text, len))
                json_line(&r, line, text, len);
            continue;
        }
        cs.line = line;
        if (!cs.row_line && !assay_line_is_blank(text, len))
            cs.row_line = line;
        if (csv_parse(&p, text, len, on_field, on_row, &cs) != len ||
            csv_parse(&p, "\n", 1, on_field, on_row, &cs) != 1) {
            fprintf(stderr, "assay: %s:%zu: malformed CSV (%s); a quote "
                            "inside a cell must be doubled and the cell "
                            "quoted\n",
                    name, line, csv_strerror(csv_error(&p)));
            rc = -1;
            break;
        }
        if (!cs.header_done)
            continue;
        if (cs.id_column < 0 || cs.decision_column < 0) {
            fprintf(stderr, "assay: %s:%zu: the header row names no \"%s\" "
                            "column; the CSV needs columns id and decision\n",
                    name, line, cs.id_column < 0 ? "id" : "decision");
            rc = -1;
            break;
        }
    }
    if (!rc && out->csv && csv_fini(&p, on_field, on_row, &cs) != 0) {
        fprintf(stderr, "assay: %s: malformed CSV at the end of the file "
                        "(%s); close the last quoted cell\n",
                name, csv_strerror(csv_error(&p)));
        rc = -1;
    }
    free(cs.id);
    free(cs.decision);
    csv_free(&p);
    assay_line_reader_free(&lr);
    assay_string_map_free(&r.seen);
    return rc;
}

void assay_past_decisions_free(assay_past_decisions *d)
{
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].id);
        free(d->items[i].decision);
    }
    free(d->items);
    memset(d, 0, sizeof *d);
}
