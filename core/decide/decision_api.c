/* The decision API of <assay/assay.h>: assay_decide over one input, its
 * decision records kept in memory and read back into assay_decision. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "assay/assay.h"
#include "decide/decide.h"
#include "util/arena.h"

struct assay_decisions {
    assay_decision *items;
    size_t count;
    char *text; /* the decision records, each line's newline now a NUL */
    assay_arena strings; /* ids and decision names */
};

size_t assay_decisions_count(const assay_decisions *d)
{
    return d->count;
}

const assay_decision *assay_decisions_at(const assay_decisions *d, size_t i)
{
    return i < d->count ? &d->items[i] : NULL;
}

void assay_decisions_free(assay_decisions *d)
{
    if (!d)
        return;
    free(d->items);
    free(d->text);
    assay_arena_free(&d->strings);
    free(d);
}

/* Fills one decision from its record (json, NUL-terminated), as
 * decide/decision_output.c writes it. */
static int read_decision(assay_decisions *d, assay_decision *out, char *json,
                         size_t len)
{
    cJSON *root = cJSON_ParseWithLength(json, len);
    if (!root)
        return 1;
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(root, "id");
    const cJSON *line = cJSON_GetObjectItemCaseSensitive(root, "line");
    const cJSON *decision = cJSON_GetObjectItemCaseSensitive(root, "decision");
    const cJSON *rank = cJSON_GetObjectItemCaseSensitive(root, "rank");
    const cJSON *score = cJSON_GetObjectItemCaseSensitive(root, "score");
    const cJSON *why = cJSON_GetObjectItemCaseSensitive(root, "why");
    if (!cJSON_IsString(why))
        why = cJSON_GetObjectItemCaseSensitive(root, "error");
    out->id = cJSON_IsString(id) ? assay_arena_strdup(&d->strings,
                                                      id->valuestring)
                                 : NULL;
    out->line = cJSON_IsNumber(line) ? (size_t)line->valuedouble : 0;
    out->decision = cJSON_IsString(decision)
                        ? assay_arena_strdup(&d->strings,
                                             decision->valuestring)
                        : "error";
    out->rank = cJSON_IsNumber(rank) ? (size_t)rank->valuedouble : 0;
    out->score = cJSON_IsNumber(score) ? score->valuedouble : NAN;
    out->why = cJSON_IsString(why) ? assay_arena_strdup(&d->strings,
                                                        why->valuestring)
                                   : "";
    out->json = json;
    out->json_len = len;
    cJSON_Delete(root);
    return 0;
}

/* Splits the records in d->text (len bytes, one a line) into d->items. */
static int read_decisions(assay_decisions *d, size_t len)
{
    size_t lines = 0;
    for (size_t i = 0; i < len; i++)
        lines += d->text[i] == '\n';
    d->items = calloc(lines ? lines : 1, sizeof *d->items);
    if (!d->items)
        return 1;
    char *at = d->text, *end = d->text + len;
    while (at < end) {
        char *nl = memchr(at, '\n', (size_t)(end - at));
        if (!nl)
            return 1;
        *nl = '\0';
        if (read_decision(d, &d->items[d->count], at, (size_t)(nl - at)))
            return 1;
        d->count++;
        at = nl + 1;
    }
    return 0;
}

assay_decisions *assay_decide_file(assay_policy *policy, FILE *in,
                                   const char *name, char *err,
                                   size_t err_size)
{
    assay_decisions *d = calloc(1, sizeof *d);
    if (!d) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    assay_arena_init(&d->strings);
    size_t len = 0;
    FILE *out = open_memstream(&d->text, &len);
    if (!out) {
        snprintf(err, err_size, "out of memory");
        assay_decisions_free(d);
        return NULL;
    }
    assay_decide_input input = {name, in};
    assay_decide_report report;
    int failed = assay_decide_quietly(policy, &input, 1, out, &report, err,
                                      err_size);
    assay_decide_report_free(&report);
    if (fclose(out) != 0 && !failed) {
        snprintf(err, err_size, "out of memory");
        failed = 1;
    }
    if (!failed && read_decisions(d, len)) {
        snprintf(err, err_size, "out of memory");
        failed = 1;
    }
    if (failed) {
        assay_decisions_free(d);
        return NULL;
    }
    return d;
}

assay_decisions *assay_decide_text(assay_policy *policy, const char *text,
                                   size_t len, const char *name, char *err,
                                   size_t err_size)
{
    /* fmemopen refuses a buffer of size 0. */
    static const char nothing[1] = "";
    FILE *in = fmemopen((void *)(len ? text : nothing), len ? len : 1, "r");
    if (!in) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    if (!len)
        fgetc(in); /* at the end: no records */
    assay_decisions *d = assay_decide_file(policy, in, name, err, err_size);
    fclose(in);
    return d;
}
