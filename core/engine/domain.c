#include "engine/domain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/plugin_set.h"
#include "util/identifier.h"
#include "util/near_miss.h"
#include "util/string_copy.h"

void assay_domains_init(assay_domains *d)
{
    d->items = NULL;
    d->count = d->cap = 0;
}

static void free_domain(assay_domain *x)
{
    free(x->name);
    free(x->label);
    free(x->description);
    free(x->source);
}

void assay_domains_free(assay_domains *d)
{
    for (size_t i = 0; i < d->count; i++)
        free_domain(&d->items[i]);
    free(d->items);
    assay_domains_init(d);
}

int assay_domains_find(const assay_domains *d, const char *name)
{
    if (!d || !name)
        return -1;
    for (size_t i = 0; i < d->count; i++)
        if (strcmp(d->items[i].name, name) == 0)
            return (int)i;
    return -1;
}

int assay_domain_name_valid(const char *name)
{
    return assay_identifier_valid(name);
}

int assay_domains_check(const assay_domains *d, const assay_domain *decl,
                        char *err, size_t err_size)
{
    if (!assay_domain_name_valid(decl->name)) {
        snprintf(err, err_size,
                 "%s: domain name \"%s\" is not valid; use lower-case "
                 "letters, digits and _ , starting with a letter "
                 "(e.g. \"water_quality\")",
                 decl->source, decl->name ? decl->name : "");
        return 1;
    }
    int i = assay_domains_find(d, decl->name);
    if (i < 0 || decl->implicit || d->items[i].implicit ||
        !d->items[i].declared)
        return 0;
    const assay_domain *old = &d->items[i];
    if (strcmp(old->label, decl->label) != 0 ||
        strcmp(old->description, decl->description) != 0) {
        snprintf(err, err_size,
                 "%s: domain \"%s\" is declared with label \"%s\" and "
                 "description \"%s\", but %s declares it with label \"%s\" "
                 "and description \"%s\"; a domain has one label and one "
                 "description: make the declarations agree",
                 decl->source, decl->name, decl->label, decl->description,
                 old->source, old->label, old->description);
        return 1;
    }
    return 0;
}

int assay_domains_declare(assay_domains *d, const char *name,
                          const char *label, const char *description,
                          const char *where, char *err, size_t err_size)
{
    int implicit = label == NULL;
    assay_domain decl = {(char *)name,
                         (char *)(implicit ? name : label),
                         (char *)(description ? description : ""),
                         (char *)where, implicit, 1, 0};
    if (assay_domains_check(d, &decl, err, err_size))
        return -1;
    int i = assay_domains_find(d, name);
    if (i >= 0) {
        assay_domain *old = &d->items[i];
        if (!old->declared || (old->implicit && !implicit)) {
            free(old->label);
            free(old->description);
            free(old->source);
            old->label = assay_strdup(decl.label);
            old->description = assay_strdup(decl.description);
            old->source = assay_strdup(where);
            old->implicit = implicit;
            old->declared = 1;
        }
        return i;
    }
    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 8;
        assay_domain *grown = realloc(d->items, cap * sizeof *grown);
        if (!grown) {
            fputs("assay: out of memory\n", stderr);
            abort();
        }
        d->items = grown;
        d->cap = cap;
    }
    assay_domain *x = &d->items[d->count];
    x->name = assay_strdup(name);
    x->label = assay_strdup(decl.label);
    x->description = assay_strdup(decl.description);
    x->source = assay_strdup(where);
    x->implicit = implicit;
    x->declared = 1;
    x->judged = 0;
    return (int)d->count++;
}

int assay_domains_reference(assay_domains *d, const char *name,
                            const char *where)
{
    int i = assay_domains_find(d, name);
    if (i >= 0)
        return i;
    char err[64];
    i = assay_domains_declare(d, name, NULL, NULL, where, err, sizeof err);
    if (i >= 0)
        d->items[i].declared = 0;
    return i;
}

const assay_domain *assay_domains_undeclared(const assay_domains *d)
{
    for (size_t i = 0; i < d->count; i++)
        if (!d->items[i].declared)
            return &d->items[i];
    return NULL;
}

void assay_domains_hint(const assay_domains *a, const assay_domains *b,
                        const char *name, char *out, size_t out_size)
{
    size_t n = (a ? a->count : 0) + (b ? b->count : 0);
    if (n == 0) {
        snprintf(out, out_size, " (no domain is declared)");
        return;
    }
    const char **names = malloc(n * sizeof *names);
    if (!names) {
        out[0] = '\0';
        return;
    }
    size_t k = 0;
    for (size_t i = 0; a && i < a->count; i++)
        if (a->items[i].declared)
            names[k++] = a->items[i].name;
    for (size_t i = 0; b && i < b->count; i++)
        if (b->items[i].declared &&
            assay_domains_find(a, b->items[i].name) < 0)
            names[k++] = b->items[i].name;
    if (k == 0) {
        snprintf(out, out_size, " (no domain is declared)");
        free(names);
        return;
    }
    const char *near = name ? assay_near_miss(name, names, k) : NULL;
    size_t used = 0;
    if (near)
        used = (size_t)snprintf(out, out_size, "; did you mean \"%s\"?", near);
    if (used < out_size)
        used += (size_t)snprintf(out + used, out_size - used,
                                 " (declared: ");
    for (size_t i = 0; i < k && used < out_size; i++)
        used += (size_t)snprintf(out + used, out_size - used, "%s%s",
                                 i ? ", " : "", names[i]);
    if (used < out_size)
        snprintf(out + used, out_size - used, ")");
    free(names);
}
