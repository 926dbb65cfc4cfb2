#include "engine/result.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *grow(void *items, size_t *cap, size_t count, size_t size)
{
    if (count < *cap)
        return items;
    size_t n = *cap ? *cap * 2 : 16;
    void *p = realloc(items, n * size);
    if (!p) {
        fputs("assay: out of memory\n", stderr);
        abort();
    }
    *cap = n;
    return p;
}

void assay_result_init(assay_result *r, const assay_domains *domains)
{
    memset(r, 0, sizeof *r);
    r->domains = domains;
    r->domain_count = domains ? domains->count : 0;
    size_t n = r->domain_count ? r->domain_count : 1;
    r->domain_score = calloc(n, sizeof *r->domain_score);
    r->domain_scored = calloc(n, 1);
    r->claimed = calloc(n, 1);
    if (!r->domain_score || !r->domain_scored || !r->claimed) {
        fputs("assay: out of memory\n", stderr);
        abort();
    }
}

void assay_result_clear(assay_result *r)
{
    assay_arena_reset(&r->strings);
    r->finding_count = r->veto_count = r->flag_count = 0;
    if (r->domain_count) {
        memset(r->domain_score, 0, r->domain_count * sizeof *r->domain_score);
        memset(r->domain_scored, 0, r->domain_count);
        memset(r->claimed, 0, r->domain_count);
    }
    r->requests = NULL;
}

void assay_result_free(assay_result *r)
{
    free(r->findings);
    free(r->vetoes);
    free(r->flags);
    free(r->domain_score);
    free(r->domain_scored);
    free(r->claimed);
    assay_arena_free(&r->strings);
    memset(r, 0, sizeof *r);
}

static assay_finding *next_finding(assay_result *r)
{
    r->findings = grow(r->findings, &r->finding_cap, r->finding_count,
                       sizeof *r->findings);
    return &r->findings[r->finding_count++];
}

void assay_result_add_finding(assay_result *r, const char *rule,
                              const char *plugin, int domain, double score,
                              double weight, const char *reason)
{
    assay_finding *f = next_finding(r);
    char *why = assay_arena_strdup(&r->strings, reason);
    *f = (assay_finding){rule, plugin, domain, score, weight, why, NULL};
}

void assay_result_add_error(assay_result *r, const char *rule,
                            const char *plugin, int domain,
                            const char *message)
{
    assay_finding *f = next_finding(r);
    *f = (assay_finding){rule, plugin, domain, 0, 0, NULL,
                         assay_arena_strdup(&r->strings, message)};
}

static void add_mark(assay_result *r, assay_mark **items, size_t *count,
                     size_t *cap, const char *rule, const char *plugin,
                     const char *reason)
{
    *items = grow(*items, cap, *count, sizeof **items);
    (*items)[(*count)++] =
        (assay_mark){rule, plugin, assay_arena_strdup(&r->strings, reason)};
}

void assay_result_add_veto(assay_result *r, const char *rule,
                           const char *plugin, const char *reason)
{
    add_mark(r, &r->vetoes, &r->veto_count, &r->veto_cap, rule, plugin,
             reason);
}

void assay_result_add_flag(assay_result *r, const char *rule,
                           const char *plugin, const char *reason)
{
    add_mark(r, &r->flags, &r->flag_count, &r->flag_cap, rule, plugin, reason);
}

size_t assay_result_error_count(const assay_result *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->finding_count; i++)
        n += r->findings[i].error != NULL;
    return n;
}
