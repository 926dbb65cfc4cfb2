#include "engine/record_schema.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

/* A field may be reached by several declarations (team.size by two rules,
 * team as the parent of three fields), so the tree is built first. */
typedef assay_schema_field field;
enum {
    T_OBJECT = ASSAY_FIELD_OBJECT,
    T_ARRAY = ASSAY_FIELD_ARRAY,
    T_NUMBER = ASSAY_FIELD_NUMBER,
    T_STRING = ASSAY_FIELD_STRING,
    T_BOOLEAN = ASSAY_FIELD_BOOLEAN,
    T_ANY = ASSAY_FIELD_ANY
};

void assay_schema_fields_free(assay_schema_field *f)
{
    for (size_t i = 0; i < f->child_count; i++)
        assay_schema_fields_free(&f->children[i]);
    free(f->children);
    free(f->name);
    cJSON_Delete(f->readers);
    memset(f, 0, sizeof *f);
}

/* The child of f named name[0..len), or NULL: the one lookup that the
 * tree's building and its readers share. */
static const field *find_child(const field *f, const char *name, size_t len)
{
    for (size_t i = 0; i < f->child_count; i++) {
        const field *c = &f->children[i];
        if (strlen(c->name) == len && memcmp(c->name, name, len) == 0)
            return c;
    }
    return NULL;
}

const assay_schema_field *
assay_schema_field_child(const assay_schema_field *f, const char *name)
{
    return find_child(f, name, strlen(name));
}

const assay_schema_field *assay_schema_field_at(const assay_schema_field *root,
                                                const char *path)
{
    assay_field_path fp;
    if (assay_field_path_init(&fp, path))
        return NULL;
    const assay_schema_field *f = root;
    for (size_t i = 0; f && i < fp.step_count; i++)
        f = find_child(f, fp.steps[i].name, fp.steps[i].len);
    assay_field_path_free(&fp);
    return f;
}

/* The child of f for one path step (all digits: an array position too, so
 * both are allowed). NULL when out of memory. */
static field *child(field *f, const assay_path_step *step)
{
    const field *found = find_child(f, step->name, step->len);
    if (found)
        return &f->children[found - f->children];
    field *grown = realloc(f->children, (f->child_count + 1) * sizeof *grown);
    if (!grown)
        return NULL;
    f->children = grown;
    field *c = &f->children[f->child_count];
    memset(c, 0, sizeof *c);
    c->name = malloc(step->len + 1);
    if (!c->name)
        return NULL;
    memcpy(c->name, step->name, step->len);
    c->name[step->len] = '\0';
    c->index = step->index;
    f->child_count++;
    return c;
}

static unsigned type_bit(assay_input_type t)
{
    switch (t) {
    case ASSAY_INPUT_NUMBER:
        return T_NUMBER;
    case ASSAY_INPUT_STRING:
        return T_STRING;
    case ASSAY_INPUT_BOOLEAN:
        return T_BOOLEAN;
    case ASSAY_INPUT_ARRAY:
        return T_ARRAY;
    case ASSAY_INPUT_OBJECT:
        return T_OBJECT;
    default:
        return T_ANY;
    }
}

/* Adds one declaration; 0 on success. */
static int declare(field *root, const char *rule, const assay_input_info *in)
{
    assay_field_path fp;
    if (assay_field_path_init(&fp, in->path))
        return 1;
    field *f = root;
    for (size_t s = 0; f && s < fp.step_count; s++) {
        /* what f must be to have this step */
        f->types |= fp.steps[s].index > 0 ? T_OBJECT | T_ARRAY : T_OBJECT;
        f = child(f, &fp.steps[s]);
    }
    assay_field_path_free(&fp);
    if (!f)
        return 1;
    f->types |= type_bit(in->type);
    if (!f->title)
        f->title = in->description;
    if (!f->readers)
        f->readers = cJSON_CreateArray();
    cJSON *id;
    cJSON_ArrayForEach(id, f->readers)
    {
        if (strcmp(id->valuestring, rule) == 0)
            return 0;
    }
    cJSON_AddItemToArray(f->readers, cJSON_CreateString(rule));
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const field *)a)->name, ((const field *)b)->name);
}

static cJSON *field_schema(field *f)
{
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {{T_OBJECT, "object"}, {T_ARRAY, "array"},
                 {T_NUMBER, "number"}, {T_STRING, "string"},
                 {T_BOOLEAN, "boolean"}};
    cJSON *o = cJSON_CreateObject();
    if (!(f->types & T_ANY)) {
        cJSON *types = cJSON_AddArrayToObject(o, "type");
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
            if (f->types & names[i].bit)
                cJSON_AddItemToArray(types, cJSON_CreateString(names[i].name));
        cJSON_AddItemToArray(types, cJSON_CreateString("null"));
    }
    if (f->title)
        cJSON_AddStringToObject(o, "title", f->title);
    if (f->readers) {
        char *list = NULL;
        size_t len = 0;
        cJSON *id;
        cJSON_ArrayForEach(id, f->readers)
        {
            size_t n = strlen(id->valuestring);
            char *grown = realloc(list, len + n + 3);
            if (!grown)
                break;
            list = grown;
            if (len) {
                memcpy(list + len, ", ", 2);
                len += 2;
            }
            memcpy(list + len, id->valuestring, n + 1);
            len += n;
        }
        if (list) {
            char *text = malloc(len + 9);
            if (text) {
                memcpy(text, "read by ", 8);
                memcpy(text + 8, list, len + 1);
                cJSON_AddStringToObject(o, "description", text);
                free(text);
            }
            free(list);
        }
    }
    cJSON *props = NULL, *items = NULL;
    long positions = 0;
    for (size_t i = 0; i < f->child_count; i++)
        if (f->children[i].index > positions)
            positions = f->children[i].index;
    for (size_t i = 0; i < f->child_count; i++) {
        if (!props)
            props = cJSON_AddObjectToObject(o, "properties");
        cJSON_AddItemToObject(props, f->children[i].name,
                              field_schema(&f->children[i]));
    }
    if (positions > 0) {
        /* "1" also reads the first item of an array: prefixItems, with
         * positions no rule reads left open. */
        items = cJSON_AddArrayToObject(o, "prefixItems");
        for (long k = 1; k <= positions; k++) {
            cJSON *item = NULL;
            for (size_t i = 0; i < f->child_count; i++)
                if (f->children[i].index == k)
                    item = field_schema(&f->children[i]);
            cJSON_AddItemToArray(items, item ? item : cJSON_CreateObject());
        }
    }
    return o;
}

static void sort_fields(field *f)
{
    if (f->child_count) /* qsort must not see a NULL array */
        qsort(f->children, f->child_count, sizeof *f->children, by_name);
    for (size_t i = 0; i < f->child_count; i++)
        sort_fields(&f->children[i]);
}

int assay_schema_fields(const assay_plugin_set *set, assay_schema_field *root)
{
    memset(root, 0, sizeof *root);
    int failed = 0;
    for (size_t i = 0; i < set->count; i++) {
        const assay_loaded_plugin *p = set->items[i];
        for (size_t r = 0; r < p->rule_count; r++)
            for (size_t k = 0; k < p->rules[r].input_count; k++)
                failed |= declare(root, p->rules[r].id, &p->rules[r].inputs[k]);
    }
    sort_fields(root);
    if (failed)
        assay_schema_fields_free(root);
    return failed;
}

char *assay_record_schema(const assay_plugin_set *set)
{
    field root;
    if (assay_schema_fields(set, &root))
        return NULL;
    cJSON *schema = cJSON_CreateObject();
    cJSON_AddStringToObject(schema, "$schema",
                            "https://json-schema.org/draft/2020-12/schema");
    cJSON_AddStringToObject(schema, "title", "assay record");
    cJSON_AddStringToObject(
        schema, "description",
        "One line of assay's JSON Lines input: the fields the loaded rules "
        "declare they read, with their types. Any field may be missing or "
        "null; fields not listed are allowed.");
    cJSON_AddStringToObject(schema, "type", "object");
    cJSON *required = cJSON_AddArrayToObject(schema, "required");
    cJSON_AddItemToArray(required, cJSON_CreateString("id"));
    cJSON *id_schema = cJSON_CreateObject();
    cJSON_AddStringToObject(id_schema, "type", "string");
    cJSON_AddNumberToObject(id_schema, "minLength", 1);
    cJSON_AddStringToObject(id_schema, "description",
                            "the record's identifier, unique in the input");
    cJSON *rest = field_schema(&root);
    cJSON *props = cJSON_DetachItemFromObject(rest, "properties");
    cJSON_Delete(rest);
    if (!props)
        props = cJSON_CreateObject();
    cJSON_DeleteItemFromObject(props, "id");
    /* id first, as a reader expects it */
    cJSON *ordered = cJSON_CreateObject();
    cJSON_AddItemToObject(ordered, "id", id_schema);
    while (props->child) {
        cJSON *c = props->child;
        const char *name = c->string;
        cJSON_DetachItemViaPointer(props, c);
        cJSON_AddItemToObject(ordered, name, c);
    }
    cJSON_Delete(props);
    cJSON_AddItemToObject(schema, "properties", ordered);
    assay_schema_fields_free(&root);
    char *text = cJSON_Print(schema);
    cJSON_Delete(schema);
    if (!text)
        return NULL;
    size_t n = strlen(text);
    char *out = realloc(text, n + 2);
    if (!out) {
        free(text);
        return NULL;
    }
    out[n] = '\n';
    out[n + 1] = '\0';
    return out;
}
