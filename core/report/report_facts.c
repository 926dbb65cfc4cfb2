#include "report/report_facts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/string_copy.h"

/* p resized to n items of size bytes; aborts when memory runs out, as
 * assay_buffer does. */
static void *resized(void *p, size_t n, size_t size)
{
    void *q = realloc(p, (n ? n : 1) * size);
    if (!q) {
        fputs("assay: out of memory\n", stderr);
        abort();
    }
    return q;
}

void assay_report_facts_init(assay_report_facts *f)
{
    memset(f, 0, sizeof *f);
}

void assay_report_facts_free(assay_report_facts *f)
{
    for (size_t i = 0; i < f->field_count; i++) {
        assay_field_path_free(&f->fields[i].path);
        free(f->fields[i].type);
        free(f->fields[i].description);
    }
    free(f->fields);
    for (size_t i = 0; i < f->rule_count; i++) {
        free(f->rules[i].rule);
        free(f->rules[i].fields);
    }
    free(f->rules);
    assay_report_facts_init(f);
}

/* ---- Reading the manifest ------------------------------------------- */

static const cJSON *member(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

static const char *string_member(const cJSON *obj, const char *key)
{
    const cJSON *v = member(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static size_t field_named(const assay_report_facts *f, const char *path)
{
    size_t lo = 0, hi = f->field_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(f->fields[mid].path.text, path);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return f->field_count;
}

/* Adds each declared input of rule j that is not among the fields yet,
 * in path order; the first declaration that describes a field gives its
 * words. */
static void add_fields(assay_report_facts *f, const cJSON *j)
{
    const cJSON *inputs = member(j, "inputs"), *in;
    if (!cJSON_IsArray(inputs))
        return;
    cJSON_ArrayForEach(in, inputs)
    {
        const char *path = string_member(in, "path");
        const char *type = string_member(in, "type");
        const char *words = string_member(in, "description");
        if (!path || !type || !assay_input_path_valid(path, strlen(path)))
            continue;
        size_t known = field_named(f, path);
        if (known < f->field_count) {
            if (!f->fields[known].description && words)
                f->fields[known].description = assay_strdup(words);
            continue;
        }
        size_t at = 0;
        while (at < f->field_count && strcmp(f->fields[at].path.text, path) < 0)
            at++;
        f->fields = resized(f->fields, f->field_count + 1, sizeof *f->fields);
        memmove(&f->fields[at + 1], &f->fields[at],
                (f->field_count - at) * sizeof *f->fields);
        assay_report_field *x = &f->fields[at];
        assay_field_path_init(&x->path, path);
        x->type = assay_strdup(type);
        x->description = words ? assay_strdup(words) : NULL;
        f->field_count++;
    }
}

static void add_rule(assay_report_facts *f, const cJSON *j)
{
    const char *id = string_member(j, "id");
    if (!id || assay_report_facts_rule(f, id))
        return;
    size_t at = 0;
    while (at < f->rule_count && strcmp(f->rules[at].rule, id) < 0)
        at++;
    f->rules = resized(f->rules, f->rule_count + 1, sizeof *f->rules);
    memmove(&f->rules[at + 1], &f->rules[at],
            (f->rule_count - at) * sizeof *f->rules);
    assay_report_rule_inputs *ri = &f->rules[at];
    f->rule_count++;
    ri->rule = assay_strdup(id);
    const cJSON *inputs = member(j, "inputs"), *in;
    ri->fields = resized(NULL, (size_t)cJSON_GetArraySize(inputs),
                         sizeof *ri->fields);
    ri->field_count = 0;
    if (!cJSON_IsArray(inputs))
        return;
    cJSON_ArrayForEach(in, inputs)
    {
        const char *path = string_member(in, "path");
        size_t k = path ? field_named(f, path) : f->field_count;
        int again = 0;
        for (size_t i = 0; i < ri->field_count; i++)
            again |= ri->fields[i] == k;
        if (k < f->field_count && !again)
            ri->fields[ri->field_count++] = k;
    }
}

void assay_report_facts_read(assay_report_facts *f, const cJSON *manifest)
{
    const cJSON *plugins = member(manifest, "plugins"), *p, *j;
    if (!cJSON_IsArray(plugins))
        return;
    /* Every field first, so that the rules' indices are final. */
    cJSON_ArrayForEach(p, plugins)
    {
        const cJSON *rules = member(p, "rules");
        if (!cJSON_IsArray(rules))
            continue;
        f->declared = 1;
        cJSON_ArrayForEach(j, rules)
            add_fields(f, j);
    }
    cJSON_ArrayForEach(p, plugins)
    {
        const cJSON *rules = member(p, "rules");
        if (cJSON_IsArray(rules))
            cJSON_ArrayForEach(j, rules)
                add_rule(f, j);
    }
}

const assay_report_rule_inputs *
assay_report_facts_rule(const assay_report_facts *f, const char *rule)
{
    size_t lo = 0, hi = f->rule_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(f->rules[mid].rule, rule);
        if (c == 0)
            return &f->rules[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* ---- An application's values ---------------------------------------- */

static size_t characters(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static void put_value(assay_buffer *out, const char *text)
{
    size_t n = strlen(text);
    if (n <= ASSAY_REPORT_FACT_BYTES) {
        assay_json_string(out, text);
        return;
    }
    size_t cut = ASSAY_REPORT_FACT_BYTES;
    while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
        cut--;
    assay_buffer_putc(out, '[');
    assay_json_string_n(out, text, cut);
    assay_buffer_printf(out, ",%zu]", characters(text, n));
}

void assay_report_facts_extract(const assay_report_facts *f,
                                const cJSON *rec, assay_buffer *out)
{
    assay_buffer_putc(out, '[');
    for (size_t i = 0; i < f->field_count; i++) {
        if (i)
            assay_buffer_putc(out, ',');
        const cJSON *v = assay_field_path_find(&f->fields[i].path, rec);
        if (!v) {
            assay_buffer_puts(out, "null");
        } else if (cJSON_IsString(v)) {
            put_value(out, v->valuestring);
        } else if (cJSON_IsBool(v)) {
            put_value(out, cJSON_IsTrue(v) ? "true" : "false");
        } else {
            char *json = cJSON_PrintUnformatted(v);
            put_value(out, json ? json : "");
            free(json);
        }
    }
    assay_buffer_putc(out, ']');
}

int assay_report_facts_values(const assay_report_facts *f,
                              const cJSON *values, assay_report_fact *facts)
{
    if (!cJSON_IsArray(values) ||
        (size_t)cJSON_GetArraySize(values) != f->field_count)
        return 1;
    size_t i = 0;
    const cJSON *v;
    cJSON_ArrayForEach(v, values)
    {
        assay_report_fact *x = &facts[i++];
        x->text = NULL;
        x->chars = 0;
        if (cJSON_IsString(v)) {
            x->text = v->valuestring;
        } else if (cJSON_IsArray(v) && cJSON_IsString(cJSON_GetArrayItem(v, 0)) &&
                   cJSON_IsNumber(cJSON_GetArrayItem(v, 1))) {
            x->text = cJSON_GetArrayItem(v, 0)->valuestring;
            x->chars = (size_t)cJSON_GetArrayItem(v, 1)->valuedouble;
        } else if (!cJSON_IsNull(v)) {
            return 1;
        }
    }
    return 0;
}
