#include "engine/record.h"


#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/json_plain.h"
#include "util/line_encoding.h"

int assay_json_depth(const char *text, size_t len)
{
    int depth = 0, max = 0, in_string = 0;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (in_string) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = 0;
        } else if (c == '"') {
            in_string = 1;
        } else if (c == '{' || c == '[') {
            if (++depth > max)
                max = depth;
        } else if (c == '}' || c == ']') {
            depth--;
        }
    }
    return max;
}

/* Best effort: an id of a record that is otherwise broken, so the error
 * record can still name it. Only a top-level "id" string counts. */
static void salvage_id(assay_record *rec, const cJSON *root)
{
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(root, "id");
    if (cJSON_IsString(id) && id->valuestring[0])
        rec->id = id->valuestring;
}

/* 1 if node nests containers more than limit levels deep. */
static int deeper_than(const cJSON *node, int limit)
{
    if (!cJSON_IsObject(node) && !cJSON_IsArray(node))
        return 0;
    if (limit == 0)
        return 1;
    for (const cJSON *c = node->child; c; c = c->next)
        if (deeper_than(c, limit - 1))
            return 1;
    return 0;
}

/* 1 after writing the message for a line that failed to parse because it
 * holds several records ended by CR only (old Mac line endings). */
static int cr_only(size_t line, const char *text, size_t len, char *err,
                   size_t err_size)
{
    size_t pieces = assay_line_cr_pieces(text, len);
    if (pieces < 2)
        return 0;
    snprintf(err, err_size,
             "line %zu: %zu records in one line, ended by CR only (old Mac "
             "line endings); " ASSAY_CR_ADVICE,
             line, pieces);
    return 1;
}

static int too_deep(size_t line, char *err, size_t err_size)
{
    snprintf(err, err_size,
             "line %zu: record nested deeper than %d levels; flatten it", line,
             ASSAY_RECORD_MAX_DEPTH);
    return 1;
}

/* Arena parsing. cJSON allocates through hooks that are process-wide, and
 * a library must leave them alone: a program that embeds libassay may use
 * cJSON too, with hooks of its own. So only a program that owns the
 * process (the assay command) installs the arena hooks, at startup
 * (assay_json_use_arena_hooks); with them, while a thread parses into an
 * arena every node comes from it and frees are no-ops (cJSON frees only
 * nodes of the same parse then, when it fails), and otherwise they are
 * malloc and free. Without them, a tree meant for an arena is parsed with
 * cJSON's own allocator, copied into the arena and freed. */
static int arena_hooks;
static _Thread_local assay_arena *parse_arena
    __attribute__((tls_model("initial-exec")));

static void *hook_malloc(size_t n)
{
    return parse_arena ? assay_arena_alloc(parse_arena, n) : malloc(n);
}

static void hook_free(void *p)
{
    if (!parse_arena)
        free(p);
}

void assay_json_use_arena_hooks(void)
{
    cJSON_Hooks hooks = {hook_malloc, hook_free};
    cJSON_InitHooks(&hooks);
    arena_hooks = 1;
}

/* A copy of node and everything under it, in arena. cJSON links siblings
 * both ways, and a first child's prev is the last child. */
static cJSON *copy_into(assay_arena *arena, const cJSON *node)
{
    cJSON *c = assay_arena_alloc(arena, sizeof *c);
    *c = *node;
    c->next = c->prev = c->child = NULL;
    if (node->string)
        c->string = assay_arena_strdup(arena, node->string);
    if (node->valuestring)
        c->valuestring = assay_arena_strdup(arena, node->valuestring);
    cJSON *last = NULL;
    for (const cJSON *k = node->child; k; k = k->next) {
        cJSON *copy = copy_into(arena, k);
        if (last) {
            last->next = copy;
            copy->prev = last;
        } else {
            c->child = copy;
        }
        last = copy;
    }
    if (c->child)
        c->child->prev = last;
    return c;
}

/* Parses text with every node in arena (NULL: malloc). */
static cJSON *parse_into(assay_arena *arena, const char *text, size_t len,
                         const char **end)
{
    if (arena) {
        cJSON *plain = assay_json_parse_plain(arena, text, len, end);
        if (plain)
            return plain;
    }
    if (!arena || arena_hooks) {
        parse_arena = arena;
        cJSON *root = cJSON_ParseWithLengthOpts(text, len, end, 0);
        parse_arena = NULL;
        return root;
    }
    cJSON *parsed = cJSON_ParseWithLengthOpts(text, len, end, 0);
    cJSON *root = parsed ? copy_into(arena, parsed) : NULL;
    cJSON_Delete(parsed);
    return root;
}

static int parse(assay_record *rec, const char *text, size_t len,
                 size_t line, char *err, size_t err_size);

int assay_record_parse(assay_record *rec, const char *text, size_t len,
                       size_t line, char *err, size_t err_size)
{
    rec->arena = NULL;
    return parse(rec, text, len, line, err, err_size);
}

int assay_record_parse_in(assay_record *rec, assay_arena *arena,
                          const char *text, size_t len, size_t line,
                          char *err, size_t err_size)
{
    rec->arena = arena;
    return parse(rec, text, len, line, err, err_size);
}

cJSON *assay_json_parse_in(assay_arena *arena, const char *text, size_t len)
{
    return parse_into(arena, text, len, NULL);
}

cJSON *assay_json_parse_end_in(assay_arena *arena, const char *text,
                               size_t len, const char **end)
{
    return parse_into(arena, text, len, end);
}

static int parse(assay_record *rec, const char *text, size_t len,
                 size_t line, char *err, size_t err_size)
{
    rec->root = NULL;
    rec->id = NULL;
    rec->line = line;
    /* cJSON stops at its own nesting limit (1000), so parsing first is
     * safe; the depth is measured on the tree, or on the text when it did
     * not parse, so that a too-deep record says so either way. */
    const char *end = NULL;
    rec->root = parse_into(rec->arena, text, len, &end);
    if (!rec->root) {
        if (assay_json_depth(text, len) > ASSAY_RECORD_MAX_DEPTH)
            return too_deep(line, err, err_size);
        if (cr_only(line, text, len, err, err_size))
            return 1;
        size_t col = end && end >= text ? (size_t)(end - text) + 1 : 1;
        snprintf(err, err_size,
                 "line %zu: malformed JSON near column %zu; each line must be "
                 "one complete JSON object",
                 line, col);
        return 1;
    }
    if (deeper_than(rec->root, ASSAY_RECORD_MAX_DEPTH))
        return too_deep(line, err, err_size);
    /* Only whitespace may follow the object. */
    for (const char *p = end; p < text + len; p++) {
        if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') {
            if (cr_only(line, text, len, err, err_size))
                return 1;
            salvage_id(rec, rec->root);
            snprintf(err, err_size,
                     "line %zu: unexpected text after the JSON object at "
                     "column %zu; put one record on each line",
                     line, (size_t)(p - text) + 1);
            return 1;
        }
    }
    if (!cJSON_IsObject(rec->root)) {
        snprintf(err, err_size,
                 "line %zu: a record must be a JSON object, found %s", line,
                 cJSON_IsArray(rec->root)    ? "an array"
                 : cJSON_IsString(rec->root) ? "a string"
                 : cJSON_IsNumber(rec->root) ? "a number"
                                             : "a literal");
        return 1;
    }
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(rec->root, "id");
    if (!id || cJSON_IsNull(id)) {
        snprintf(err, err_size,
                 "line %zu: record has no \"id\"; add a unique string id",
                 line);
        return 1;
    }
    if (!cJSON_IsString(id) || !id->valuestring[0]) {
        snprintf(err, err_size,
                 "line %zu: \"id\" must be a non-empty string", line);
        return 1;
    }
    rec->id = id->valuestring;
    return 0;
}

void assay_record_free(assay_record *rec)
{
    if (rec->arena)
        assay_arena_reset(rec->arena);
    else
        cJSON_Delete(rec->root);
    rec->root = NULL;
    rec->id = NULL;
}

/* Child of node named by path[0..n). */
static const cJSON *child(const cJSON *node, const char *name, size_t n)
{
    if (cJSON_IsObject(node)) {
        for (const cJSON *c = node->child; c; c = c->next)
            if (c->string && c->string[0] == name[0] &&
                strncmp(c->string, name, n) == 0 && c->string[n] == '\0')
                return c;
        return NULL;
    }
    if (cJSON_IsArray(node) && n > 0 && n < 10) {
        size_t index = 0;
        for (size_t i = 0; i < n; i++) {
            if (name[i] < '0' || name[i] > '9')
                return NULL;
            index = index * 10 + (size_t)(name[i] - '0');
        }
        const cJSON *c = node->child;
        while (c && index--)
            c = c->next;
        return c;
    }
    return NULL;
}

const cJSON *assay_record_find(const cJSON *root, const char *path)
{
    const cJSON *node = root;
    const char *p = path;
    while (node) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        node = child(node, p, n);
        if (!dot)
            break;
        p = dot + 1;
    }
    return node && !cJSON_IsNull(node) ? node : NULL;
}

assay_status assay_record_number(const cJSON *root, const char *path,
                                 double *out)
{
    const cJSON *v = assay_record_find(root, path);
    if (!v)
        return ASSAY_MISSING;
    if (!cJSON_IsNumber(v))
        return ASSAY_WRONG_TYPE;
    *out = v->valuedouble;
    return ASSAY_OK;
}

assay_status assay_record_string(const cJSON *root, const char *path,
                                 const char **out)
{
    const cJSON *v = assay_record_find(root, path);
    if (!v)
        return ASSAY_MISSING;
    if (!cJSON_IsString(v))
        return ASSAY_WRONG_TYPE;
    *out = v->valuestring;
    return ASSAY_OK;
}

assay_status assay_record_bool(const cJSON *root, const char *path, int *out)
{
    const cJSON *v = assay_record_find(root, path);
    if (!v)
        return ASSAY_MISSING;
    if (!cJSON_IsBool(v))
        return ASSAY_WRONG_TYPE;
    *out = cJSON_IsTrue(v);
    return ASSAY_OK;
}

assay_status assay_record_array_length(const cJSON *root, const char *path,
                                       size_t *out)
{
    const cJSON *v = assay_record_find(root, path);
    if (!v)
        return ASSAY_MISSING;
    if (!cJSON_IsArray(v))
        return ASSAY_WRONG_TYPE;
    *out = (size_t)cJSON_GetArraySize(v);
    return ASSAY_OK;
}
