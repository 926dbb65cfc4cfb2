#include "plain_agreement.h"

#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "util/arena.h"
#include "util/json_plain.h"

static int same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* 1 when the trees a (plain) and b (cJSON) are alike; else 0 with the
 * path of the first difference in why. */
static int same_tree(const cJSON *a, const cJSON *b, const char *path,
                     char *why, size_t why_size)
{
    if (a->type != b->type || a->valueint != b->valueint ||
        memcmp(&a->valuedouble, &b->valuedouble, sizeof a->valuedouble) ||
        !same_text(a->string, b->string) ||
        !same_text(a->valuestring, b->valuestring)) {
        snprintf(why, why_size,
                 "%s: type %d/%d, valueint %d/%d, valuedouble %.17g/%.17g, "
                 "string %s/%s, valuestring %s/%s",
                 path, a->type, b->type, a->valueint, b->valueint,
                 a->valuedouble, b->valuedouble,
                 a->string ? a->string : "NULL",
                 b->string ? b->string : "NULL",
                 a->valuestring ? a->valuestring : "NULL",
                 b->valuestring ? b->valuestring : "NULL");
        return 0;
    }
    const cJSON *x = a->child, *y = b->child, *px = NULL, *py = NULL;
    int i = 0;
    for (; x && y; x = x->next, y = y->next, i++) {
        char at[256];
        snprintf(at, sizeof at, "%.200s/%d", path, i);
        if (x != a->child && x->prev != px) {
            snprintf(why, why_size, "%s: prev is not the item before", at);
            return 0;
        }
        if (!same_tree(x, y, at, why, why_size))
            return 0;
        px = x;
        py = y;
    }
    if (x || y) {
        snprintf(why, why_size, "%s: %s has more items", path,
                 x ? "the plain tree" : "cJSON's tree");
        return 0;
    }
    /* A list's first item's prev is its last (cJSON appends through it). */
    if (a->child && (a->child->prev != px) != (b->child->prev != py)) {
        snprintf(why, why_size, "%s: the first item's prev is not the last",
                 path);
        return 0;
    }
    return 1;
}

int plain_agreement(const char *text, size_t len, char *why,
                    size_t why_size)
{
    assay_arena arena;
    assay_arena_init(&arena);
    const char *plain_end = NULL, *cjson_end = NULL;
    cJSON *plain = assay_json_parse_plain(&arena, text, len, &plain_end);
    int result = 0;
    if (plain) {
        cJSON *parsed = cJSON_ParseWithLengthOpts(text, len, &cjson_end, 0);
        if (!parsed) {
            snprintf(why, why_size, "cJSON refuses what the plain reader "
                                    "accepts");
            result = -1;
        } else if (plain_end != cjson_end) {
            snprintf(why, why_size, "the plain reader ends at %td, cJSON at "
                                    "%td",
                     plain_end - text, cjson_end - text);
            result = -1;
        } else {
            result = same_tree(plain, parsed, "", why, why_size) ? 1 : -1;
        }
        cJSON_Delete(parsed);
    }
    assay_arena_free(&arena);
    return result;
}
