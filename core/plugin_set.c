#include "plugin_set.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"

char *assay_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (!p) {
        fputs("assay: out of memory\n", stderr);
        abort();
    }
    return memcpy(p, s, n);
}

void assay_plugin_set_init(assay_plugin_set *set)
{
    set->items = NULL;
    set->count = 0;
}

void assay_loaded_plugin_free(assay_loaded_plugin *p)
{
    if (!p)
        return;
    if (p->ops && p->ops->unload)
        p->ops->unload(p);
    for (size_t i = 0; i < p->rule_count; i++) {
        free(p->rules[i].id);
        free(p->rules[i].description);
    }
    free(p->rules);
    free(p->path);
    free(p->name);
    free(p->version);
    free(p->description);
    free(p->config_json);
    free(p);
}

void assay_plugin_set_free(assay_plugin_set *set)
{
    /* Unload in reverse order of loading, like destructors. */
    for (size_t i = set->count; i-- > 0;)
        assay_loaded_plugin_free(set->items[i]);
    free(set->items);
    assay_plugin_set_init(set);
}

const assay_rule_info *assay_plugin_rule(const assay_loaded_plugin *p,
                                         const char *id)
{
    for (size_t i = 0; i < p->rule_count; i++)
        if (strcmp(p->rules[i].id, id) == 0)
            return &p->rules[i];
    return NULL;
}

/* "file:line", or "file" for rules without a line (compiled plugins). */
static const char *where(char *buf, size_t size, const char *path, int line)
{
    if (line > 0)
        snprintf(buf, size, "%s:%d", path, line);
    else
        snprintf(buf, size, "%s", path);
    return buf;
}

static int check_rules(const assay_plugin_set *set,
                       const assay_loaded_plugin *p, char *err,
                       size_t err_size)
{
    for (size_t i = 0; i < set->count; i++)
        if (strcmp(set->items[i]->name, p->name) == 0) {
            snprintf(err, err_size,
                     "%s: a plugin named \"%s\" is already loaded from %s; "
                     "plugin names must be unique",
                     p->path, p->name, set->items[i]->path);
            return 1;
        }
    for (size_t r = 0; r < p->rule_count; r++) {
        const assay_rule_info *rule = &p->rules[r];
        for (size_t q = 0; q < r; q++)
            if (strcmp(p->rules[q].id, rule->id) == 0) {
                char at[512];
                snprintf(err, err_size,
                         "%s: rule id \"%s\" is declared twice in this "
                         "plugin; give each rule its own id",
                         where(at, sizeof at, p->path, rule->line), rule->id);
                return 1;
            }
        for (size_t i = 0; i < set->count; i++) {
            const assay_rule_info *other =
                assay_plugin_rule(set->items[i], rule->id);
            if (other) {
                char at[512], at_other[512];
                snprintf(err, err_size,
                         "%s: rule id \"%s\" is already declared by "
                         "plugin \"%s\" (%s); rule ids must be unique",
                         where(at, sizeof at, p->path, rule->line), rule->id,
                         set->items[i]->name,
                         where(at_other, sizeof at_other,
                               set->items[i]->path, other->line));
                return 1;
            }
        }
    }
    return 0;
}

int assay_plugin_set_add(assay_plugin_set *set, assay_loaded_plugin *p,
                         char *err, size_t err_size)
{
    if (check_rules(set, p, err, err_size)) {
        assay_loaded_plugin_free(p);
        return 1;
    }
    assay_loaded_plugin **items =
        realloc(set->items, (set->count + 1) * sizeof *items);
    if (!items) {
        snprintf(err, err_size, "out of memory");
        assay_loaded_plugin_free(p);
        return 1;
    }
    set->items = items;
    set->items[set->count++] = p;
    return 0;
}
