#include "engine/record_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/inputs.h"
#include "engine/record.h"
#include "util/buffer.h"
#include "util/near_miss.h"

int assay_record_checker_init(assay_record_checker *c)
{
    return assay_schema_fields(c->set, &c->fields);
}

void assay_record_checker_free(assay_record_checker *c)
{
    assay_schema_fields_free(&c->fields);
}

/* ---- wording ---------------------------------------------------------- */

static unsigned type_of(const cJSON *v)
{
    if (cJSON_IsObject(v))
        return ASSAY_FIELD_OBJECT;
    if (cJSON_IsArray(v))
        return ASSAY_FIELD_ARRAY;
    if (cJSON_IsNumber(v))
        return ASSAY_FIELD_NUMBER;
    if (cJSON_IsString(v))
        return ASSAY_FIELD_STRING;
    return ASSAY_FIELD_BOOLEAN;
}

static const char *type_words(unsigned bit)
{
    switch (bit) {
    case ASSAY_FIELD_OBJECT:
        return "an object";
    case ASSAY_FIELD_ARRAY:
        return "an array";
    case ASSAY_FIELD_NUMBER:
        return "a number";
    case ASSAY_FIELD_STRING:
        return "a string";
    default:
        return "true or false";
    }
}

/* "a string (\"big\")", "a number (3)", "an object". */
static void describe_value(assay_buffer *b, const cJSON *v)
{
    assay_buffer_puts(b, type_words(type_of(v)));
    if (cJSON_IsString(v)) {
        size_t n = strlen(v->valuestring);
        assay_buffer_puts(b, " (\"");
        /* cut on a character boundary */
        size_t cut = 0;
        while (cut < n && cut < 40) {
            size_t k = assay_utf8_sequence_length(
                (const unsigned char *)v->valuestring + cut, n - cut);
            cut += k ? k : 1;
        }
        assay_buffer_append(b, v->valuestring, cut);
        assay_buffer_puts(b, cut < n ? "...\")" : "\")");
    } else if (cJSON_IsNumber(v)) {
        assay_buffer_printf(b, " (%.15g)", v->valuedouble);
    } else if (cJSON_IsBool(v)) {
        assay_buffer_puts(b, cJSON_IsTrue(v) ? " (true)" : " (false)");
    }
}

/* Adds to ids the rules that read f or a field under it, each once. */
static void collect_readers(cJSON *ids, const assay_schema_field *f)
{
    const cJSON *id;
    cJSON_ArrayForEach(id, f->readers)
    {
        int seen = 0;
        const cJSON *k;
        cJSON_ArrayForEach(k, ids)
        {
            seen |= strcmp(k->valuestring, id->valuestring) == 0;
        }
        if (!seen)
            cJSON_AddItemToArray(ids, cJSON_CreateString(id->valuestring));
    }
    for (size_t i = 0; i < f->child_count; i++)
        collect_readers(ids, &f->children[i]);
}

/* Those rules' ids, ", "-separated: at most five, then "..."; returns how
 * many there are. */
static int readers(assay_buffer *b, const assay_schema_field *f)
{
    cJSON *ids = cJSON_CreateArray();
    collect_readers(ids, f);
    int n = 0;
    const cJSON *id;
    cJSON_ArrayForEach(id, ids)
    {
        if (n < 5)
            assay_buffer_printf(b, "%s%s", n ? ", " : "", id->valuestring);
        else if (n == 5)
            assay_buffer_puts(b, ", ...");
        n++;
    }
    cJSON_Delete(ids);
    return n;
}

/* ---- walking the record ----------------------------------------------- */

typedef struct walk {
    const assay_record_checker *c;
    assay_check_report report;
    void *ctx;
    assay_buffer path, msg;
} walk;

static void check_field(walk *w, const assay_schema_field *f, const cJSON *v);

/* "team.size is a string (\"big\"); rule x reads it as a number; ..." */
static void wrong_type(walk *w, const assay_schema_field *f, const cJSON *v)
{
    assay_buffer ids;
    assay_buffer_init(&ids);
    int n = readers(&ids, f);
    assay_buffer_reset(&w->msg);
    assay_buffer_printf(&w->msg, "%s is ", assay_buffer_cstr(&w->path));
    describe_value(&w->msg, v);
    assay_buffer_printf(&w->msg, "; %s %s %s it as", n == 1 ? "rule" : "rules",
                        assay_buffer_cstr(&ids), n == 1 ? "reads" : "read");
    assay_buffer_free(&ids);
    int first = 1;
    for (unsigned bit = ASSAY_FIELD_OBJECT; bit <= ASSAY_FIELD_BOOLEAN;
         bit <<= 1)
        if (f->types & bit) {
            assay_buffer_printf(&w->msg, "%s%s", first ? " " : " or ",
                                type_words(bit));
            first = 0;
        }
    assay_buffer_puts(&w->msg, "; correct the field or leave it out");
    w->report(w->ctx, ASSAY_CHECK_ERROR, assay_buffer_cstr(&w->path),
              assay_buffer_cstr(&w->msg));
}

/* path += "." name (or name at the root); returns the old length. */
static size_t push(walk *w, const char *name)
{
    size_t old = w->path.len;
    if (old)
        assay_buffer_putc(&w->path, '.');
    assay_buffer_puts(&w->path, name);
    return old;
}

static void pop(walk *w, size_t old)
{
    w->path.len = old;
    assay_buffer_cstr(&w->path);
}

/* A member `name` of an object whose known fields are f's children (and,
 * at the root, the core's own): a near miss of one is a warning, else the
 * field is unread. w->path ends with name. */
static void unknown_member(walk *w, const assay_schema_field *f,
                           const char *name, const char *const *extra,
                           size_t extra_count)
{
    size_t n = f->child_count + extra_count;
    const char **names = malloc((n ? n : 1) * sizeof *names);
    if (!names)
        abort();
    for (size_t i = 0; i < f->child_count; i++)
        names[i] = f->children[i].name;
    for (size_t i = 0; i < extra_count; i++)
        names[f->child_count + i] = extra[i];
    const char *near = assay_near_miss(name, names, n);
    const char *path = assay_buffer_cstr(&w->path);
    if (near) {
        assay_buffer_reset(&w->msg);
        assay_buffer_printf(&w->msg, "no rule reads %s; did you mean %.*s%s?",
                            path, (int)(w->path.len - strlen(name)), path,
                            near);
        w->report(w->ctx, ASSAY_CHECK_WARNING, path,
                  assay_buffer_cstr(&w->msg));
    } else {
        w->report(w->ctx, ASSAY_CHECK_UNREAD, path, NULL);
    }
    free(names);
}

static void check_object(walk *w, const assay_schema_field *f, const cJSON *v,
                         const char *const *extra, size_t extra_count)
{
    const cJSON *m;
    cJSON_ArrayForEach(m, v)
    {
        size_t old = push(w, m->string);
        const assay_schema_field *c = assay_schema_field_child(f, m->string);
        int core = 0;
        for (size_t i = 0; i < extra_count; i++)
            core |= strcmp(extra[i], m->string) == 0;
        if (c)
            check_field(w, c, m);
        else if (!core)
            unknown_member(w, f, m->string, extra, extra_count);
        pop(w, old);
    }
}

static void check_field(walk *w, const assay_schema_field *f, const cJSON *v)
{
    if (cJSON_IsNull(v) || (f->types & ASSAY_FIELD_ANY))
        return;
    if (!(f->types & type_of(v))) {
        wrong_type(w, f, v);
        return;
    }
    if (cJSON_IsObject(v) && f->child_count) {
        check_object(w, f, v, NULL, 0);
    } else if (cJSON_IsArray(v)) {
        for (size_t i = 0; i < f->child_count; i++) {
            const assay_schema_field *c = &f->children[i];
            const cJSON *item =
                c->index > 0 ? cJSON_GetArrayItem(v, (int)(c->index - 1))
                             : NULL;
            if (!item)
                continue;
            size_t old = push(w, c->name);
            check_field(w, c, item);
            pop(w, old);
        }
    }
}

/* ---- claims, requests and missing fields ------------------------------ */

static int claims(const cJSON *list, const char *name)
{
    const cJSON *item;
    cJSON_ArrayForEach(item, list)
    {
        if (cJSON_IsString(item) && strcmp(item->valuestring, name) == 0)
            return 1;
    }
    return 0;
}

static void check_claims(walk *w, const cJSON *list)
{
    const assay_record_checker *c = w->c;
    const assay_domains *declared = &c->set->domains;
    size_t n = declared->count + c->named_domain_count;
    const char **names = malloc((n ? n : 1) * sizeof *names);
    if (!names)
        abort();
    for (size_t i = 0; i < declared->count; i++)
        names[i] = declared->items[i].name;
    for (size_t i = 0; i < c->named_domain_count; i++)
        names[declared->count + i] = c->named_domains[i];
    const cJSON *item;
    cJSON_ArrayForEach(item, list)
    {
        if (!cJSON_IsString(item))
            continue;
        int known = 0;
        for (size_t i = 0; i < n && !known; i++)
            known = strcmp(names[i], item->valuestring) == 0;
        if (known)
            continue;
        const char *near = assay_near_miss(item->valuestring, names, n);
        assay_buffer_reset(&w->msg);
        assay_buffer_printf(&w->msg,
                            "%s claims \"%s\", a domain no loaded plugin "
                            "declares and the policy does not name, so the "
                            "claim counts for nothing",
                            c->claims_field, item->valuestring);
        if (near)
            assay_buffer_printf(&w->msg, "; did you mean \"%s\"?", near);
        w->report(w->ctx, ASSAY_CHECK_WARNING, c->claims_field,
                  assay_buffer_cstr(&w->msg));
    }
    free(names);
}

static void check_requests(walk *w, const cJSON *list)
{
    const assay_record_checker *c = w->c;
    const cJSON *item;
    cJSON_ArrayForEach(item, list)
    {
        if (!cJSON_IsString(item))
            continue;
        int known = 0;
        for (size_t i = 0; i < c->request_count; i++)
            known |= strcmp(c->requests[i], item->valuestring) == 0;
        if (known)
            continue;
        const char *near = assay_near_miss(item->valuestring, c->requests,
                                           c->request_count);
        assay_buffer_reset(&w->msg);
        assay_buffer_printf(&w->msg,
                            "%s holds \"%s\", which no tier of the policy "
                            "asks for",
                            c->requests_field, item->valuestring);
        if (near)
            assay_buffer_printf(&w->msg, "; did you mean \"%s\"?", near);
        w->report(w->ctx, ASSAY_CHECK_WARNING, c->requests_field,
                  assay_buffer_cstr(&w->msg));
    }
}

/* Does the record's claim (or the policy) make rules of domain d count? */
static int domain_counts(const assay_record_checker *c, const cJSON *claimed,
                         int d)
{
    int how = c->domain_counts && d >= 0 ? c->domain_counts[d]
                                         : ASSAY_CHECK_IF_CLAIMED;
    if (how != ASSAY_CHECK_IF_CLAIMED)
        return how == ASSAY_CHECK_ALWAYS;
    return cJSON_GetArraySize(claimed) == 0 ||
           claims(claimed, assay_plugin_set_domain_name(c->set, d));
}

/* One MISSING report a field, naming every counted rule that reads it. */
static void check_missing(walk *w, const cJSON *root)
{
    const assay_plugin_set *set = w->c->set;
    const cJSON *claimed =
        assay_record_find(root, w->c->claims_field);
    if (!cJSON_IsArray(claimed))
        claimed = NULL;
    cJSON *fields = cJSON_CreateObject(); /* path -> [rule ids], in order */
    for (size_t i = 0; i < set->count; i++) {
        const assay_loaded_plugin *p = set->items[i];
        for (size_t r = 0; r < p->rule_count; r++) {
            const assay_rule_info *rule = &p->rules[r];
            if (!rule->input_count ||
                !domain_counts(w->c, claimed, rule->domain))
                continue;
            for (size_t k = 0; k < rule->input_count; k++) {
                assay_field_path fp;
                if (assay_field_path_init(&fp, rule->inputs[k].path))
                    abort();
                int absent = assay_field_path_find(&fp, root) == NULL;
                assay_field_path_free(&fp);
                if (!absent)
                    continue;
                const char *path = rule->inputs[k].path;
                cJSON *ids = cJSON_GetObjectItemCaseSensitive(fields, path);
                if (!ids)
                    ids = cJSON_AddArrayToObject(fields, path);
                cJSON_AddItemToArray(ids, cJSON_CreateString(rule->id));
            }
        }
    }
    const cJSON *f;
    cJSON_ArrayForEach(f, fields)
    {
        assay_buffer_reset(&w->msg);
        const cJSON *id;
        cJSON_ArrayForEach(id, f)
        {
            if (w->msg.len)
                assay_buffer_puts(&w->msg, ", ");
            assay_buffer_puts(&w->msg, id->valuestring);
        }
        w->report(w->ctx, ASSAY_CHECK_MISSING, f->string,
                  assay_buffer_cstr(&w->msg));
    }
    cJSON_Delete(fields);
}

void assay_record_check(const assay_record_checker *c, const cJSON *root,
                        assay_check_report report, void *ctx)
{
    walk w = {c, report, ctx, {0}, {0}};
    assay_buffer_init(&w.path);
    assay_buffer_init(&w.msg);
    check_object(&w, &c->fields, root, c->core_fields, c->core_field_count);
    const cJSON *claimed =
        assay_record_find(root, c->claims_field);
    if (cJSON_IsArray(claimed))
        check_claims(&w, claimed);
    const cJSON *requests =
        assay_record_find(root, c->requests_field);
    if (cJSON_IsArray(requests))
        check_requests(&w, requests);
    check_missing(&w, root);
    assay_buffer_free(&w.path);
    assay_buffer_free(&w.msg);
}
