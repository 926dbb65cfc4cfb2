#define _GNU_SOURCE /* memmem */
#include "decide/scored_record_check.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assay/plugin.h"
#include "engine/fingerprint.h"
#include "util/buffer.h"

/* One step of the path to the value at hand: a key, or an index when key
 * is NULL. */
typedef struct path_step {
    const char *key;
    size_t index;
} path_step;

/* A check in progress: where the message goes, and the path of the value
 * at hand as steps. The path is written out ("findings"[2]."score",
 * escaped as JSON so a key from the input cannot break the message's line)
 * only for a message: a valid record, the common case, pays one store a
 * step. */
typedef struct checker {
    char *what;
    size_t size;
    path_step *steps;
    size_t depth, cap;
    assay_buffer path;
} checker;

static int refuse(checker *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int refuse(checker *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->what, c->size, fmt, ap);
    va_end(ap);
    return 1;
}

static const char *path_of(checker *c)
{
    assay_buffer_reset(&c->path);
    for (size_t i = 0; i < c->depth; i++) {
        const path_step *st = &c->steps[i];
        if (!st->key) {
            assay_buffer_printf(&c->path, "[%zu]", st->index);
            continue;
        }
        if (i)
            assay_buffer_putc(&c->path, '.');
        assay_json_string(&c->path, st->key);
    }
    return assay_buffer_cstr(&c->path);
}

/* Pushes a step; returns the old depth, to cut the path back to. */
static size_t enter(checker *c, const char *key, size_t index)
{
    if (c->depth == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 16;
        c->steps = realloc(c->steps, c->cap * sizeof *c->steps);
        if (!c->steps)
            abort();
    }
    c->steps[c->depth] = (path_step){key, index};
    return c->depth++;
}

static size_t enter_key(checker *c, const char *key)
{
    return enter(c, key, 0);
}

static size_t enter_index(checker *c, size_t i)
{
    return enter(c, NULL, i);
}

static void leave(checker *c, size_t at)
{
    c->depth = at;
}

static const char *type_name(const cJSON *v)
{
    if (cJSON_IsString(v))
        return "a string";
    if (cJSON_IsNumber(v))
        return "a number";
    if (cJSON_IsBool(v))
        return "a boolean";
    if (cJSON_IsArray(v))
        return "an array";
    if (cJSON_IsObject(v))
        return "an object";
    return "null";
}

/* ---- the text: NULs ---------------------------------------------------- */

/* The column (from 1) of the first NUL in a string of text: a NUL byte, or
 * the escape \u0000 a parser turns into one (and so cuts the string at
 * it); 0 when there is none. */
static size_t nul_column(const char *text, size_t len)
{
    /* The text parsed, so a backslash is in a string and starts an escape
     * when an odd number of backslashes ends at it. Both searches run at
     * memchr's speed: a NUL or a \u0000 is rare. */
    const char *nul = memchr(text, '\0', len);
    size_t end = nul ? (size_t)(nul - text) : len;
    const char *p = text;
    while ((p = memmem(p, end - (size_t)(p - text), "\\u0000", 6))) {
        size_t at = (size_t)(p - text), run = 1;
        while (run <= at && text[at - run] == '\\')
            run++;
        if (run % 2)
            return at + 1;
        p++;
    }
    return nul ? end + 1 : 0;
}

/* ---- the tree: duplicate keys ------------------------------------------ */

static int compare_keys(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The first key object v has twice, or NULL. */
static const char *repeated_key(const cJSON *v)
{
    size_t n = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, v)
        n++;
    if (n < 2)
        return NULL;
    if (n <= 16) {
        /* The first bytes differ for most pairs: compare them inline. */
        for (const cJSON *a = v->child; a; a = a->next)
            for (const cJSON *b = a->next; b; b = b->next)
                if (a->string[0] == b->string[0] &&
                    strcmp(a->string, b->string) == 0)
                    return a->string;
        return NULL;
    }
    const char **keys = malloc(n * sizeof *keys);
    if (!keys)
        abort();
    n = 0;
    cJSON_ArrayForEach(item, v)
        keys[n++] = item->string;
    qsort(keys, n, sizeof *keys, compare_keys);
    const char *twice = NULL;
    for (size_t i = 1; i < n && !twice; i++)
        if (strcmp(keys[i - 1], keys[i]) == 0)
            twice = keys[i];
    free(keys);
    return twice;
}

/* Refuses the first object under v (v included) with a key given twice:
 * parsers disagree on which one counts. */
static int check_unique_keys(checker *c, const cJSON *v)
{
    if (cJSON_IsObject(v)) {
        const char *twice = repeated_key(v);
        if (twice) {
            assay_buffer key;
            assay_buffer_init(&key);
            assay_json_string(&key, twice);
            if (c->depth)
                refuse(c, "the key %s is given twice in %s",
                       assay_buffer_cstr(&key), path_of(c));
            else
                refuse(c, "the key %s is given twice",
                       assay_buffer_cstr(&key));
            assay_buffer_free(&key);
            return 1;
        }
    }
    if (!cJSON_IsObject(v) && !cJSON_IsArray(v))
        return 0;
    size_t i = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, v)
    {
        size_t at = cJSON_IsObject(v) ? enter_key(c, item->string)
                                      : enter_index(c, i);
        int rc = check_unique_keys(c, item);
        leave(c, at);
        if (rc)
            return 1;
        i++;
    }
    return 0;
}

/* ---- fields ------------------------------------------------------------- */

/* The member key of object v, refused when missing or not of the wanted
 * type (cJSON's type bit). */
static const cJSON *member(checker *c, const cJSON *v, const char *key,
                           int type, const char *wanted)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(v, key);
    size_t at = enter_key(c, key);
    if (!m)
        refuse(c, "%s is missing", path_of(c));
    else if ((m->type & 0xFF) != type)
        refuse(c, "%s is %s, not %s", path_of(c), type_name(m), wanted);
    leave(c, at);
    return m && (m->type & 0xFF) == type ? m : NULL;
}

static int check_number(checker *c, const cJSON *v, double lo, double hi)
{
    if (!cJSON_IsNumber(v))
        return refuse(c, "%s is %s, not a number", path_of(c), type_name(v));
    double x = v->valuedouble;
    if (!isfinite(x))
        return refuse(c, "%s is not a finite number", path_of(c));
    if (x < lo || x > hi)
        return refuse(c, "%s is %g, outside [%g, %g]", path_of(c), x, lo,
                      hi);
    return 0;
}

/* A whole number in [lo, 2^53], compared before any conversion: casting
 * a double at or past 2^64 to an integer is undefined. */
static int whole(checker *c, const cJSON *v, const char *key, double lo,
                 uint64_t *out)
{
    const cJSON *m = member(c, v, key, cJSON_Number, "a number");
    if (!m)
        return 1;
    double x = m->valuedouble;
    if (!(x >= lo && x <= ASSAY_SCORED_MAX_WHOLE) || x != floor(x))
        return refuse(c, "\"%s\" is %.16g, not a whole number from %g to "
                         "2^53",
                      key, x, lo);
    *out = (uint64_t)x;
    return 0;
}

/* Sorts v's members into slot[k] by their name names[k] (NULL when
 * absent), in one pass over the members: keys are unique by now. A member
 * that is none of the names is refused: what assay score writes in a
 * finding, a veto or a flag is all copied into decisions. */
static int members_of(checker *c, const cJSON *v, const char *const *names,
                      size_t n, const cJSON **slot)
{
    for (size_t k = 0; k < n; k++)
        slot[k] = NULL;
    const cJSON *item;
    cJSON_ArrayForEach(item, v)
    {
        size_t k = 0;
        while (k < n && (item->string[0] != names[k][0] ||
                         strcmp(item->string, names[k]) != 0))
            k++;
        if (k == n) {
            size_t at = enter_key(c, item->string);
            refuse(c, "%s is not a member assay score writes there",
                   path_of(c));
            leave(c, at);
            return 1;
        }
        slot[k] = item;
    }
    return 0;
}

/* slot (v's member names[k]) must be there and a string. */
static int string_member(checker *c, const cJSON *slot, const char *name)
{
    if (cJSON_IsString(slot))
        return 0;
    size_t at = enter_key(c, name);
    if (!slot)
        refuse(c, "%s is missing", path_of(c));
    else
        refuse(c, "%s is %s, not a string", path_of(c), type_name(slot));
    leave(c, at);
    return 1;
}

static int score_member(checker *c, const cJSON *slot, const char *name,
                        double hi)
{
    size_t at = enter_key(c, name);
    int rc = slot ? check_number(c, slot, 0, hi)
                  : refuse(c, "%s is missing", path_of(c));
    leave(c, at);
    return rc;
}

static int check_finding(checker *c, const cJSON *f)
{
    enum { RULE, PLUGIN, DOMAIN, ERROR, SCORE, WEIGHT, REASON, N };
    static const char *const names[N] = {"rule",  "plugin", "domain", "error",
                                         "score", "weight", "reason"};
    const cJSON *slot[N];
    if (members_of(c, f, names, N, slot))
        return 1;
    for (size_t k = RULE; k <= DOMAIN; k++)
        if (string_member(c, slot[k], names[k]))
            return 1;
    if (slot[ERROR]) {
        if (string_member(c, slot[ERROR], names[ERROR]))
            return 1;
        for (size_t k = SCORE; k < N; k++)
            if (slot[k])
                return refuse(c, "%s has both \"error\" and \"%s\"",
                              path_of(c), names[k]);
        return 0;
    }
    return score_member(c, slot[SCORE], names[SCORE], 1) ||
           score_member(c, slot[WEIGHT], names[WEIGHT], ASSAY_MAX_WEIGHT) ||
           string_member(c, slot[REASON], names[REASON]);
}

static int check_mark(checker *c, const cJSON *m)
{
    static const char *const names[] = {"rule", "plugin", "reason"};
    const cJSON *slot[3];
    if (members_of(c, m, names, 3, slot))
        return 1;
    for (size_t k = 0; k < 3; k++)
        if (string_member(c, slot[k], names[k]))
            return 1;
    return 0;
}

/* The array at key, each item checked by item_check (NULL: a string). */
static int check_list(checker *c, const cJSON *root, const char *key,
                      int (*item_check)(checker *, const cJSON *))
{
    const cJSON *list = member(c, root, key, cJSON_Array, "an array");
    if (!list)
        return 1;
    size_t outer = enter_key(c, key), i = 0;
    const cJSON *item;
    int rc = 0;
    cJSON_ArrayForEach(item, list)
    {
        size_t at = enter_index(c, i++);
        int want = item_check ? cJSON_Object : cJSON_String;
        if ((item->type & 0xFF) != want)
            rc = refuse(c, "%s is %s, not %s", path_of(c), type_name(item),
                        item_check ? "an object" : "a string");
        else if (item_check)
            rc = item_check(c, item);
        leave(c, at);
        if (rc)
            break;
    }
    leave(c, outer);
    return rc;
}

static int check_domains(checker *c, const cJSON *root)
{
    const cJSON *domains = member(c, root, "domains", cJSON_Object,
                                  "an object");
    if (!domains)
        return 1;
    size_t outer = enter_key(c, "domains");
    const cJSON *item;
    int rc = 0;
    cJSON_ArrayForEach(item, domains)
    {
        size_t at = enter_key(c, item->string);
        rc = check_number(c, item, 0, 1);
        leave(c, at);
        if (rc)
            break;
    }
    leave(c, outer);
    return rc;
}

static int check_fingerprint(checker *c, const cJSON *root,
                             const char **out)
{
    *out = NULL;
    if (!cJSON_GetObjectItemCaseSensitive(root, "fingerprint"))
        return 0;
    const cJSON *f = member(c, root, "fingerprint", cJSON_String, "a string");
    if (!f)
        return 1;
    size_t n = strlen(f->valuestring);
    if (n != ASSAY_FINGERPRINT_DIGITS ||
        strspn(f->valuestring, "0123456789abcdef") != n)
        return refuse(c, "\"fingerprint\" is not %d lower-case hex digits",
                      ASSAY_FINGERPRINT_DIGITS);
    *out = f->valuestring;
    return 0;
}

static int check_fields(checker *c, const cJSON *root, assay_scored_head *h)
{
    if (whole(c, root, "line", 1, &h->line) ||
        whole(c, root, "part", 0, &h->part))
        return 1;
    const cJSON *status = member(c, root, "status", cJSON_String, "a string");
    if (!status)
        return 1;
    h->ok = strcmp(status->valuestring, "ok") == 0;
    if (!h->ok && strcmp(status->valuestring, "error") != 0)
        return refuse(c, "\"status\" is neither \"ok\" nor \"error\"");
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(root, "id");
    if (!h->ok) {
        static const char *const error[] = {"error"};
        if (id && !cJSON_IsString(id))
            return refuse(c, "\"id\" is %s, not a string", type_name(id));
        return !member(c, root, error[0], cJSON_String, "a string");
    }
    id = member(c, root, "id", cJSON_String, "a string");
    if (!id)
        return 1;
    if (!id->valuestring[0])
        return refuse(c, "\"id\" is empty");
    return check_domains(c, root) || check_list(c, root, "claimed", NULL) ||
           check_list(c, root, "requests", NULL) ||
           check_list(c, root, "findings", check_finding) ||
           check_list(c, root, "vetoes", check_mark) ||
           check_list(c, root, "flags", check_mark) ||
           check_fingerprint(c, root, &h->fingerprint);
}

int assay_scored_record_check(const cJSON *root, const char *text,
                              size_t len, assay_scored_head *head,
                              char *what, size_t what_size)
{
    memset(head, 0, sizeof *head);
    checker c = {what, what_size, NULL, 0, 0, {0}};
    assay_buffer_init(&c.path);
    size_t column = nul_column(text, len);
    int rc;
    if (column)
        rc = refuse(&c, "a string holds a NUL character at column %zu "
                        "(JSON readers cut the string there)",
                    column);
    else
        rc = check_unique_keys(&c, root) || check_fields(&c, root, head);
    assay_buffer_free(&c.path);
    free(c.steps);
    return rc;
}
