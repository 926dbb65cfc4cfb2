#include "engine/import_mapping.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "engine/plugin_set.h"
#include "util/file_text.h"
#include "util/string_copy.h"

/* A mapping is a page of settings, never data. */
#define MAX_MAPPING_BYTES (1 << 20)

static const char *const type_names[] = {"string", "number", "integer",
                                         "boolean", "list"};

const char *assay_field_type_name(assay_field_type t)
{
    return type_names[t];
}

static int fail(char *err, size_t err_size, const char *path,
                const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int fail(char *err, size_t err_size, const char *path,
                const char *fmt, ...)
{
    int n = snprintf(err, err_size, "%s: ", path);
    va_list ap;
    va_start(ap, fmt);
    if (n >= 0 && (size_t)n < err_size)
        vsnprintf(err + n, err_size - (size_t)n, fmt, ap);
    va_end(ap);
    return 1;
}

/* The type named by the string node t (NULL: the default), or -1. */
static int type_of(const cJSON *t)
{
    if (!t)
        return ASSAY_FIELD_STRING;
    if (!cJSON_IsString(t))
        return -1;
    for (size_t i = 0; i < sizeof type_names / sizeof type_names[0]; i++)
        if (strcmp(t->valuestring, type_names[i]) == 0)
            return (int)i;
    return -1;
}

/* A single-byte separator or delimiter from node s, or def when absent;
 * -1 when s is not a one-character string other than a quote or newline. */
static int one_char(const cJSON *s, int def)
{
    if (!s)
        return def;
    if (!cJSON_IsString(s) || strlen(s->valuestring) != 1 ||
        strchr("\"\r\n", s->valuestring[0]))
        return -1;
    return (unsigned char)s->valuestring[0];
}

/* 1 when field a is b or lies under it ("team" and "team.size"). */
static int overlaps(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t n = la < lb ? la : lb;
    return strncmp(a, b, n) == 0 &&
           (la == lb || (la > lb ? a[n] : b[n]) == '.');
}

static int valid_field(const char *f)
{
    if (!*f || *f == '.' || f[strlen(f) - 1] == '.' || strstr(f, ".."))
        return 0;
    return 1;
}

static int load_column(assay_mapping *m, const cJSON *c, size_t i,
                       char *err, size_t err_size)
{
    const cJSON *column = cJSON_GetObjectItemCaseSensitive(c, "column");
    const cJSON *field = cJSON_GetObjectItemCaseSensitive(c, "field");
    if (!cJSON_IsObject(c) || !cJSON_IsString(column) ||
        !cJSON_IsString(field) || !*column->valuestring)
        return fail(err, err_size, m->path,
                    "columns[%zu] must be an object with a \"column\" (the "
                    "header text) and a \"field\" (a dotted field name)",
                    i);
    if (!valid_field(field->valuestring))
        return fail(err, err_size, m->path,
                    "columns[%zu]: \"%s\" is not a field name; write a dotted "
                    "name such as \"team.size\"",
                    i, field->valuestring);
    int type = type_of(cJSON_GetObjectItemCaseSensitive(c, "type"));
    int items = type_of(cJSON_GetObjectItemCaseSensitive(c, "items"));
    int sep = one_char(cJSON_GetObjectItemCaseSensitive(c, "separator"), ';');
    if (type < 0 || items < 0 || items == ASSAY_FIELD_LIST)
        return fail(err, err_size, m->path,
                    "columns[%zu] (%s): \"type\" must be string, number, "
                    "integer, boolean or list, and a list's \"items\" one of "
                    "the first four",
                    i, column->valuestring);
    if (sep < 0)
        return fail(err, err_size, m->path,
                    "columns[%zu] (%s): \"separator\" must be one character",
                    i, column->valuestring);
    if (strcmp(field->valuestring, "id") == 0 && type != ASSAY_FIELD_STRING)
        return fail(err, err_size, m->path,
                    "columns[%zu] (%s): the id is a string; drop its \"type\"",
                    i, column->valuestring);
    for (size_t j = 0; j < m->column_count; j++) {
        const assay_mapped_column *o = &m->columns[j];
        if (strcmp(o->column, column->valuestring) == 0)
            return fail(err, err_size, m->path,
                        "column \"%s\" is mapped twice (columns[%zu] and "
                        "[%zu]); keep one",
                        o->column, j, i);
        if (overlaps(o->field, field->valuestring))
            return fail(err, err_size, m->path,
                        "columns \"%s\" and \"%s\" both write field \"%s\"; "
                        "give each column its own field",
                        o->column, column->valuestring,
                        strlen(o->field) < strlen(field->valuestring)
                            ? o->field
                            : field->valuestring);
    }
    assay_mapped_column *mc = &m->columns[m->column_count++];
    mc->column = assay_strdup(column->valuestring);
    mc->field = assay_strdup(field->valuestring);
    mc->type = (assay_field_type)type;
    mc->items = (assay_field_type)items;
    mc->separator = (char)sep;
    return 0;
}

static int load_tree(assay_mapping *m, const cJSON *root, char *err,
                     size_t err_size)
{
    if (!cJSON_IsObject(root))
        return fail(err, err_size, m->path,
                    "a mapping is a JSON object with \"columns\"; see "
                    "docs/office.md");
    for (const cJSON *k = root->child; k; k = k->next)
        if (strcmp(k->string, "columns") && strcmp(k->string, "ignore") &&
            strcmp(k->string, "delimiter"))
            return fail(err, err_size, m->path,
                        "unknown key \"%s\"; a mapping has \"columns\", "
                        "\"ignore\" and \"delimiter\"",
                        k->string);
    int delim = one_char(cJSON_GetObjectItemCaseSensitive(root, "delimiter"),
                         ',');
    if (delim < 0)
        return fail(err, err_size, m->path,
                    "\"delimiter\" must be one character, such as \",\" or "
                    "\";\"");
    m->delimiter = (char)delim;
    const cJSON *columns = cJSON_GetObjectItemCaseSensitive(root, "columns");
    if (!cJSON_IsArray(columns) || cJSON_GetArraySize(columns) == 0)
        return fail(err, err_size, m->path,
                    "\"columns\" must be a non-empty array of {\"column\", "
                    "\"field\"} objects");
    m->columns = calloc((size_t)cJSON_GetArraySize(columns), sizeof *m->columns);
    size_t i = 0;
    for (const cJSON *c = columns->child; c; c = c->next, i++)
        if (load_column(m, c, i, err, err_size))
            return 1;
    int has_id = 0;
    for (size_t j = 0; j < m->column_count; j++)
        has_id |= strcmp(m->columns[j].field, "id") == 0;
    if (!has_id)
        return fail(err, err_size, m->path,
                    "no column maps to the field \"id\"; every application "
                    "needs one, so name the column that holds it");
    const cJSON *ignore = cJSON_GetObjectItemCaseSensitive(root, "ignore");
    if (ignore && !cJSON_IsArray(ignore))
        return fail(err, err_size, m->path,
                    "\"ignore\" must be an array of column names");
    m->ignored = calloc((size_t)cJSON_GetArraySize(ignore) + 1,
                        sizeof *m->ignored);
    for (const cJSON *c = ignore ? ignore->child : NULL; c; c = c->next) {
        if (!cJSON_IsString(c))
            return fail(err, err_size, m->path,
                        "\"ignore\" must hold column names (strings)");
        if (assay_mapping_column(m, c->valuestring))
            return fail(err, err_size, m->path,
                        "column \"%s\" is both mapped and ignored; keep one",
                        c->valuestring);
        m->ignored[m->ignored_count++] = assay_strdup(c->valuestring);
    }
    return 0;
}

assay_mapping *assay_mapping_load(const char *path, char *err,
                                  size_t err_size)
{
    char *text = assay_file_text(path, MAX_MAPPING_BYTES, NULL, err, err_size);
    if (!text)
        return NULL;
    assay_mapping *m = calloc(1, sizeof *m);
    m->path = assay_strdup(path);
    cJSON *root = cJSON_Parse(text);
    int rc = !root ? fail(err, err_size, path,
                          "not JSON (near byte %zu); a mapping is a JSON "
                          "object, see docs/office.md",
                          (size_t)(cJSON_GetErrorPtr() - text))
                   : load_tree(m, root, err, err_size);
    cJSON_Delete(root);
    free(text);
    if (rc) {
        assay_mapping_free(m);
        return NULL;
    }
    return m;
}

void assay_mapping_free(assay_mapping *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->column_count; i++) {
        free(m->columns[i].column);
        free(m->columns[i].field);
    }
    for (size_t i = 0; i < m->ignored_count; i++)
        free(m->ignored[i]);
    free(m->columns);
    free(m->ignored);
    free(m->path);
    free(m);
}

const assay_mapped_column *assay_mapping_column(const assay_mapping *m,
                                                const char *column)
{
    for (size_t i = 0; i < m->column_count; i++)
        if (strcmp(m->columns[i].column, column) == 0)
            return &m->columns[i];
    return NULL;
}

int assay_mapping_ignores(const assay_mapping *m, const char *column)
{
    for (size_t i = 0; i < m->ignored_count; i++)
        if (strcmp(m->ignored[i], column) == 0)
            return 1;
    return 0;
}
