#include "engine/plugin_set.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "util/string_copy.h"

void assay_plugin_set_init(assay_plugin_set *set)
{
    set->items = NULL;
    set->count = 0;
    set->configs = NULL;
    set->config_count = 0;
    set->refused = NULL;
    set->refused_count = 0;
    assay_domains_init(&set->domains);
    set->log.fn = NULL;
    set->log.user = NULL;
}

void assay_loaded_plugin_free(assay_loaded_plugin *p)
{
    if (!p)
        return;
    if (p->ops && p->ops->unload)
        p->ops->unload(p);
    for (size_t i = 0; i < p->rule_count; i++) {
        free(p->rules[i].id);
        free(p->rules[i].domain_name);
        free(p->rules[i].description);
        for (size_t k = 0; k < p->rules[i].input_count; k++) {
            free(p->rules[i].inputs[k].path);
            free(p->rules[i].inputs[k].description);
        }
        free(p->rules[i].inputs);
    }
    free(p->rules);
    for (size_t i = 0; i < p->domain_count; i++) {
        free(p->domains[i].name);
        free(p->domains[i].label);
        free(p->domains[i].description);
        free(p->domains[i].source);
    }
    free(p->domains);
    free(p->domain_name);
    free(p->path);
    free(p->name);
    free(p->version);
    free(p->description);
    free(p->config_json);
    free(p->config_source);
    free(p);
}

void assay_plugin_set_free(assay_plugin_set *set)
{
    /* Unload in reverse order of loading, like destructors. */
    for (size_t i = set->count; i-- > 0;)
        assay_loaded_plugin_free(set->items[i]);
    free(set->items);
    for (size_t i = 0; i < set->refused_count; i++)
        assay_loaded_plugin_free(set->refused[i]);
    free(set->refused);
    for (size_t i = 0; i < set->config_count; i++) {
        free(set->configs[i].name);
        free(set->configs[i].json);
        free(set->configs[i].source);
    }
    free(set->configs);
    assay_domains_free(&set->domains);
    assay_plugin_set_init(set);
}

/* ---- configuration ---------------------------------------------------- */

/* Line and column (from 1) of byte offset `at` in text. */
static void position(const char *text, size_t at, size_t *line, size_t *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < at && text[i]; i++) {
        if (text[i] == '\n') {
            (*line)++;
            *col = 1;
        } else {
            (*col)++;
        }
    }
}

int assay_plugin_set_configure(assay_plugin_set *set, const char *name,
                               const char *json, const char *source,
                               char *err, size_t err_size)
{
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithOpts(json, &end, 1);
    if (!root || !cJSON_IsObject(root)) {
        size_t line, col;
        position(json, root || !end ? 0 : (size_t)(end - json), &line, &col);
        if (root)
            snprintf(err, err_size,
                     "%s: the configuration of plugin \"%s\" must be one "
                     "JSON object ({...})",
                     source, name);
        else
            snprintf(err, err_size,
                     "%s:%zu: invalid JSON near column %zu in the "
                     "configuration of plugin \"%s\"; fix the file",
                     source, line, col, name);
        cJSON_Delete(root);
        return 1;
    }
    cJSON_Delete(root);
    assay_plugin_config *c = NULL;
    for (size_t i = 0; i < set->config_count; i++)
        if (strcmp(set->configs[i].name, name) == 0)
            c = &set->configs[i];
    if (c) {
        free(c->json);
        free(c->source);
    } else {
        assay_plugin_config *grown = realloc(
            set->configs, (set->config_count + 1) * sizeof *grown);
        if (!grown) {
            snprintf(err, err_size, "out of memory");
            return 1;
        }
        set->configs = grown;
        c = &set->configs[set->config_count++];
        c->name = assay_strdup(name);
    }
    c->json = assay_strdup(json);
    c->source = assay_strdup(source);
    c->used = 0;
    return 0;
}

const assay_plugin_config *assay_plugin_set_config_for(assay_plugin_set *set,
                                                       const char *name)
{
    for (size_t i = 0; i < set->config_count; i++)
        if (strcmp(set->configs[i].name, name) == 0) {
            set->configs[i].used = 1;
            return &set->configs[i];
        }
    return NULL;
}

const assay_plugin_config *
assay_plugin_set_unused_config(const assay_plugin_set *set)
{
    for (size_t i = 0; i < set->config_count; i++)
        if (!set->configs[i].used)
            return &set->configs[i];
    return NULL;
}

const assay_rule_info *assay_plugin_rule(const assay_loaded_plugin *p,
                                         const char *id)
{
    for (size_t i = 0; i < p->rule_count; i++)
        if (strcmp(p->rules[i].id, id) == 0)
            return &p->rules[i];
    return NULL;
}

void assay_loaded_plugin_declare(assay_loaded_plugin *p, const char *name,
                                 const char *label, const char *description,
                                 const char *source)
{
    assay_domain *grown =
        realloc(p->domains, (p->domain_count + 1) * sizeof *grown);
    if (!grown) {
        fputs("assay: out of memory\n", stderr);
        abort();
    }
    p->domains = grown;
    assay_domain *d = &p->domains[p->domain_count++];
    d->name = assay_strdup(name);
    d->implicit = label == NULL;
    d->label = assay_strdup(label ? label : name);
    d->description = assay_strdup(description ? description : "");
    d->source = assay_strdup(source);
    d->declared = 1;
    d->judged = 0;
}

const char *assay_plugin_set_domain_name(const assay_plugin_set *set, int d)
{
    return d >= 0 && (size_t)d < set->domains.count
               ? set->domains.items[d].name
               : "?";
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

const char *assay_plugin_name_taken_hint(const assay_loaded_plugin *loaded,
                                         const char *otherwise)
{
    return loaded->shipped ? "it is one of the shipped plugins: give "
                             "--no-default-plugins to load only the ones "
                             "you name"
                           : otherwise;
}

static int check_rules(const assay_plugin_set *set,
                       const assay_loaded_plugin *p, char *err,
                       size_t err_size)
{
    for (size_t i = 0; i < set->count; i++)
        if (strcmp(set->items[i]->name, p->name) == 0) {
            snprintf(err, err_size,
                     "%s: a plugin named \"%s\" is already loaded from %s; "
                     "%s",
                     p->path, p->name, set->items[i]->path,
                     assay_plugin_name_taken_hint(
                         set->items[i], "plugin names must be unique"));
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
        for (size_t i = 0; i < set->count + set->refused_count; i++) {
            const assay_loaded_plugin *q =
                i < set->count ? set->items[i]
                               : set->refused[i - set->count];
            const assay_rule_info *other = assay_plugin_rule(q, rule->id);
            if (other) {
                char at[512], at_other[512];
                snprintf(err, err_size,
                         "%s: rule id \"%s\" is already declared by "
                         "plugin \"%s\" (%s); rule ids must be unique",
                         where(at, sizeof at, p->path, rule->line), rule->id,
                         q->name,
                         where(at_other, sizeof at_other, q->path,
                               other->line));
                return 1;
            }
        }
    }
    return 0;
}

/* The declarations of p checked against each other and the set. */
static int check_domains(const assay_plugin_set *set,
                         const assay_loaded_plugin *p, char *err,
                         size_t err_size)
{
    assay_domains own = {p->domains, p->domain_count, p->domain_count};
    for (size_t i = 0; i < p->domain_count; i++) {
        assay_domains before = {p->domains, i, i};
        if (assay_domains_check(&set->domains, &p->domains[i], err,
                                err_size) ||
            assay_domains_check(&before, &p->domains[i], err, err_size))
            return 1;
    }
    if (!p->domain_name || assay_domains_find(&own, p->domain_name) < 0) {
        snprintf(err, err_size, "%s: plugin \"%s\" declares no domain of "
                                "its own",
                 p->path, p->name);
        return 1;
    }
    return 0;
}

/* Adds p's declarations to the set's registry and resolves its domains.
 * A rule may name a domain a plugin loaded later declares: it is noted as
 * referenced, and assay_plugin_set_check_domains reports it if no plugin
 * ever declares it. */
static void commit_domains(assay_plugin_set *set, assay_loaded_plugin *p)
{
    char err[256];
    for (size_t i = 0; i < p->domain_count; i++) {
        const assay_domain *d = &p->domains[i];
        assay_domains_declare(&set->domains, d->name,
                              d->implicit ? NULL : d->label, d->description,
                              d->source, err, sizeof err);
    }
    p->domain = assay_domains_find(&set->domains, p->domain_name);
    for (size_t r = 0; r < p->rule_count; r++) {
        assay_rule_info *rule = &p->rules[r];
        const char *name =
            rule->domain_name ? rule->domain_name : p->domain_name;
        char at[600], ref[800];
        snprintf(ref, sizeof ref, "%s: rule \"%s\"",
                 where(at, sizeof at, p->path, rule->line), rule->id);
        rule->domain = assay_domains_reference(&set->domains, name, ref);
        set->domains.items[rule->domain].judged = 1;
    }
}

size_t assay_plugin_set_check_domains(const assay_plugin_set *set,
                                      assay_problems *problems)
{
    size_t n = 0;
    for (size_t i = 0; i < set->domains.count; i++) {
        const assay_domain *d = &set->domains.items[i];
        if (d->declared)
            continue;
        char hint[1024];
        assay_domains_hint(&set->domains, NULL, d->name, hint, sizeof hint);
        assay_problems_add(problems,
                           "%s names undeclared domain \"%s\"%s; declare "
                           "it with domain { name = ..., label = ..., "
                           "description = ... } in a rule file, or in a "
                           "compiled plugin's domains array",
                           d->source, d->name, hint);
        n++;
    }
    /* The rules of refused files too, so one check reports everything. */
    for (size_t i = 0; i < set->refused_count; i++) {
        const assay_loaded_plugin *p = set->refused[i];
        assay_domains own = {p->domains, p->domain_count, p->domain_count};
        for (size_t r = 0; r < p->rule_count; r++) {
            const char *name = p->rules[r].domain_name;
            if (!name || assay_domains_find(&own, name) >= 0 ||
                assay_domains_find(&set->domains, name) >= 0)
                continue;
            char hint[1024], at[512];
            assay_domains_hint(&own, &set->domains, name, hint, sizeof hint);
            assay_problems_add(problems,
                               "%s: rule \"%s\" names undeclared domain "
                               "\"%s\"%s; declare it with domain { name = "
                               "..., label = ..., description = ... } in a "
                               "rule file, or in a compiled plugin's domains "
                               "array",
                               where(at, sizeof at, p->path,
                                     p->rules[r].line),
                               p->rules[r].id, name, hint);
            n++;
        }
    }
    return n;
}

int assay_plugin_set_add(assay_plugin_set *set, assay_loaded_plugin *p,
                         char *err, size_t err_size)
{
    if (check_domains(set, p, err, err_size) ||
        check_rules(set, p, err, err_size)) {
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
    p->log = &set->log;
    set->items[set->count++] = p;
    commit_domains(set, p);
    return 0;
}
