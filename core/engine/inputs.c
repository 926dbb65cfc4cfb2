#include "engine/inputs.h"

#include <stdlib.h>
#include <string.h>

static const char *const type_names[] = {"any", "number", "string",
                                         "boolean", "array", "object"};
#define TYPE_COUNT (sizeof type_names / sizeof type_names[0])

const char *assay_input_type_name(assay_input_type type)
{
    return (unsigned)type < TYPE_COUNT ? type_names[type] : NULL;
}

int assay_input_type_of(const char *name)
{
    for (size_t i = 0; i < TYPE_COUNT; i++)
        if (strcmp(name, type_names[i]) == 0)
            return (int)i;
    return -1;
}

const char *assay_input_type_list(void)
{
    return "number, string, boolean, array, object or any";
}

int assay_input_path_valid(const char *path, size_t len)
{
    if (len == 0 || path[0] == '.' || path[len - 1] == '.')
        return 0;
    for (size_t i = 0; i < len; i++)
        if (path[i] == '\0' || (path[i] == '.' && path[i + 1] == '.'))
            return 0;
    return 1;
}

int assay_field_path_init(assay_field_path *fp, const char *path)
{
    memset(fp, 0, sizeof *fp);
    size_t len = strlen(path), steps = 1;
    if (!assay_input_path_valid(path, len))
        return 1;
    for (size_t i = 0; i < len; i++)
        steps += path[i] == '.';
    fp->text = malloc(len + 1);
    fp->steps = calloc(steps, sizeof *fp->steps);
    if (!fp->text || !fp->steps) {
        assay_field_path_free(fp);
        return 1;
    }
    memcpy(fp->text, path, len + 1);
    const char *p = fp->text;
    for (size_t s = 0; s < steps; s++) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        assay_path_step *step = &fp->steps[s];
        step->name = p;
        step->len = n;
        long index = 0;
        size_t digits = 0;
        while (digits < n && p[digits] >= '0' && p[digits] <= '9' &&
               index < 100000000)
            index = index * 10 + (p[digits++] - '0');
        step->index = digits == n ? index : 0;
        p += n + 1;
    }
    fp->step_count = steps;
    return 0;
}

void assay_field_path_free(assay_field_path *fp)
{
    free(fp->text);
    free(fp->steps);
    memset(fp, 0, sizeof *fp);
}

static const cJSON *member(const cJSON *object, const assay_path_step *step)
{
    for (const cJSON *c = object->child; c; c = c->next) {
        const char *name = c->string;
        if (name && name[0] == step->name[0] &&
            strncmp(name, step->name, step->len) == 0 &&
            name[step->len] == '\0')
            return c;
    }
    return NULL;
}

const cJSON *assay_field_path_find(const assay_field_path *fp,
                                   const cJSON *root)
{
    const cJSON *node = root;
    for (size_t s = 0; node && s < fp->step_count; s++) {
        const assay_path_step *step = &fp->steps[s];
        if (cJSON_IsObject(node)) {
            node = member(node, step);
        } else if (cJSON_IsArray(node) && step->index > 0) {
            long i = step->index;
            node = node->child;
            while (node && --i > 0)
                node = node->next;
        } else {
            node = NULL;
        }
    }
    return node && !cJSON_IsNull(node) ? node : NULL;
}
