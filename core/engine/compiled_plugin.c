/* Loading compiled plugins: dlopen, the entry symbol, ABI checks, init.
 * Every refusal names the file and what to do, and closes the handle. */
#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/elf_check.h"
#include "engine/host.h"
#include "engine/isolation.h"
#include "engine/plugin_set.h"
#include "util/string_copy.h"

/* The descriptor size of ABI v1: everything up to and including fini. A
 * plugin's descriptor may be larger (built against a newer header of the
 * same major version: the host ignores fields it does not know) or smaller
 * than this host's (built before fields were appended: the host copies what
 * the plugin has into a zeroed descriptor, so appended fields read as 0,
 * which must mean "as before"), but never smaller than this. */
#define ABI_V1_SIZE (offsetof(assay_plugin, fini) + sizeof(void (*)(void *)))

/* The rule of ABI 1: no size, no inputs. Its array's stride is its size. */
typedef struct rule_v1 {
    const char *id;
    const char *domain;
    double weight;
    const char *description;
} rule_v1;

/* The smallest ABI 2 rule: everything up to and including description. */
#define RULE_V2_MIN_SIZE                                                     \
    (offsetof(assay_rule, description) + sizeof(const char *))

/* Calls the plugin's init; on failure err holds its own message. */
static int init_instance(assay_loaded_plugin *p, void **instance, char *err,
                         size_t err_size)
{
    char msg[512] = "";
    *instance = NULL;
    const assay_loaded_plugin *previous = assay_host_set_caller(p);
    int rc = p->descriptor->init(assay_host_table(), p->config_json, instance,
                                 msg, sizeof msg);
    assay_host_set_caller(previous);
    if (rc == 0)
        return 0;
    msg[sizeof msg - 1] = '\0';
    if (p->config_source)
        snprintf(err, err_size,
                 "%s: plugin \"%s\" refused its configuration from %s: %s",
                 p->path, p->name, p->config_source,
                 msg[0] ? msg : "(no message)");
    else
        snprintf(err, err_size, "%s: plugin \"%s\" failed to initialise: %s",
                 p->path, p->name, msg[0] ? msg : "(no message)");
    return 1;
}

/* Calls the plugin's fini, if it has one, on instance: in a worker
 * process of its own when the plugin is isolated (a crash there is
 * reported and costs nothing), else here. */
static void fini_instance(assay_loaded_plugin *p, void *instance)
{
    if (!p->descriptor->fini)
        return;
    const assay_loaded_plugin *previous = assay_host_set_caller(p);
    if (p->fini_apart)
        assay_isolated_fini(p->name, p->descriptor->fini, instance);
    else
        p->descriptor->fini(instance);
    assay_host_set_caller(previous);
}

/* What one worker holds for a compiled plugin: the plugin's instance, and
 * whether the worker made it (and so must fini it) or shares the one made
 * at load. The pointer alone cannot tell: stateless plugins give every
 * instance NULL. */
typedef struct compiled_instance {
    void *instance;
    int owned;
} compiled_instance;

static int compiled_instance_new(assay_loaded_plugin *p,
                                 struct assay_worker *w, void **instance,
                                 char *err, size_t err_size)
{
    (void)w;
    compiled_instance *ci = calloc(1, sizeof *ci);
    if (!ci) {
        snprintf(err, err_size, "%s: out of memory", p->path);
        return 1;
    }
    /* The instance made at load serves every worker when the plugin is
     * thread-safe, and the first worker otherwise. */
    if (p->thread_model == ASSAY_THREAD_SAFE || !p->shared_ready) {
        p->shared_ready = 1;
        ci->instance = p->shared_instance;
    } else if (init_instance(p, &ci->instance, err, err_size)) {
        free(ci);
        return 1;
    } else {
        ci->owned = 1;
    }
    *instance = ci;
    return 0;
}

static int compiled_evaluate(assay_loaded_plugin *p, void *instance,
                             assay_ctx *ctx)
{
    const compiled_instance *ci = instance;
    return p->descriptor->evaluate(ci->instance, ctx);
}

static void compiled_instance_free(assay_loaded_plugin *p, void *instance)
{
    compiled_instance *ci = instance;
    if (!ci)
        return;
    if (ci->owned)
        fini_instance(p, ci->instance);
    free(ci);
}

static void compiled_unload(assay_loaded_plugin *p)
{
    if (p->shared_initialised)
        fini_instance(p, p->shared_instance);
    p->shared_initialised = 0;
    p->shared_instance = NULL;
    if (p->impl)
        dlclose(p->impl);
    p->impl = NULL;
    free((void *)p->descriptor);
    p->descriptor = NULL;
}

static const assay_plugin_ops compiled_ops = {
    compiled_instance_new, compiled_evaluate, compiled_instance_free,
    compiled_unload};

/* Checks the two fields every ABI version opens with; the rest of the
 * descriptor may only be read once they pass. */
static int check_abi(const char *path, const assay_plugin *d, char *err,
                     size_t err_size)
{
    if (d->abi_version < 1 || d->abi_version > ASSAY_ABI_VERSION) {
        snprintf(err, err_size,
                 "%s: built for assay plugin ABI version %u, but this assay "
                 "supports ABI versions 1 to %u; rebuild the plugin against "
                 "this assay's <assay/plugin.h>",
                 path, (unsigned)d->abi_version, (unsigned)ASSAY_ABI_VERSION);
        return 1;
    }
    if (d->struct_size < ABI_V1_SIZE) {
        snprintf(err, err_size,
                 "%s: plugin descriptor is %u bytes, but ABI version %u "
                 "needs at least %zu; the plugin was built against a broken "
                 "or foreign header, rebuild it against <assay/plugin.h>",
                 path, (unsigned)d->struct_size, (unsigned)d->abi_version,
                 (size_t)ABI_V1_SIZE);
        return 1;
    }
    return 0;
}

/* The host's own copy of a checked descriptor: what the plugin has, and
 * zeros for fields appended after it was built (an ABI 1 descriptor ends at
 * fini, whatever its size). NULL when out of memory. */
static assay_plugin *copy_descriptor(const assay_plugin *d)
{
    assay_plugin *copy = calloc(1, sizeof *copy);
    size_t n = d->abi_version == 1 ? ABI_V1_SIZE : d->struct_size;
    if (copy)
        memcpy(copy, d, n < sizeof *copy ? n : sizeof *copy);
    return copy;
}

/* The stride of d's rules array, or 0 when an ABI 2 rule is too small. */
static size_t rule_stride(const assay_plugin *d)
{
    if (d->abi_version == 1)
        return sizeof(rule_v1);
    if (!d->rule_count)
        return sizeof(assay_rule);
    uint32_t size = d->rules[0].struct_size;
    return size >= RULE_V2_MIN_SIZE ? size : 0;
}

/* Rule i of d in this host's layout: zeros for what the plugin's layout
 * lacks. */
static assay_rule rule_at(const assay_plugin *d, size_t stride, size_t i)
{
    assay_rule r;
    memset(&r, 0, sizeof r);
    const unsigned char *at = (const unsigned char *)d->rules + i * stride;
    if (d->abi_version == 1) {
        rule_v1 v1;
        memcpy(&v1, at, sizeof v1);
        r.struct_size = sizeof r;
        r.id = v1.id;
        r.domain = v1.domain;
        r.weight = v1.weight;
        r.description = v1.description;
    } else {
        memcpy(&r, at, stride < sizeof r ? stride : sizeof r);
    }
    if (!r.inputs)
        r.input_count = 0;
    return r;
}

/* Checks the rest of the descriptor; non-zero with a message on refusal. */
static int check_descriptor(const char *path, const assay_plugin *d,
                            char *err, size_t err_size)
{
    const char *missing = !d->name         ? "name"
                          : !d->version    ? "version"
                          : !d->domain     ? "domain"
                          : !d->init       ? "init"
                          : !d->evaluate   ? "evaluate"
                          : !d->rules && d->rule_count ? "rules"
                                                       : NULL;
    if (missing) {
        snprintf(err, err_size,
                 "%s: plugin descriptor has no %s; fill it in", path,
                 missing);
        return 1;
    }
    if (d->domain_count && !d->domains) {
        snprintf(err, err_size,
                 "%s: plugin \"%s\" has domain_count %zu but no domains "
                 "array; fill in domains",
                 path, d->name, d->domain_count);
        return 1;
    }
    for (size_t i = 0; i < d->domain_count; i++)
        if (!d->domains[i].name || !d->domains[i].label) {
            snprintf(err, err_size,
                     "%s: plugin \"%s\": domain %zu has no %s; give every "
                     "declared domain a name, a label and a description",
                     path, d->name, i + 1,
                     d->domains[i].name ? "label" : "name");
            return 1;
        }
    if (d->thread_model != ASSAY_THREAD_SAFE &&
        d->thread_model != ASSAY_THREAD_PER_WORKER) {
        snprintf(err, err_size,
                 "%s: plugin \"%s\" has unknown thread model %d; use "
                 "ASSAY_THREAD_SAFE or ASSAY_THREAD_PER_WORKER",
                 path, d->name, (int)d->thread_model);
        return 1;
    }
    size_t stride = rule_stride(d);
    if (!stride) {
        snprintf(err, err_size,
                 "%s: rule struct_size is %u bytes, but ABI version 2 needs "
                 "at least %zu; fill it with ASSAY_RULE_HEADER",
                 path, (unsigned)d->rules[0].struct_size,
                 (size_t)RULE_V2_MIN_SIZE);
        return 1;
    }
    for (size_t i = 0; i < d->rule_count; i++) {
        assay_rule rule = rule_at(d, stride, i);
        const assay_rule *r = &rule;
        if (!r->id || !r->id[0]) {
            snprintf(err, err_size, "%s: rule %zu has no id", path, i + 1);
            return 1;
        }
        if (d->abi_version > 1 && r->struct_size != stride) {
            snprintf(err, err_size,
                     "%s: rule \"%s\" has struct_size %u, rule 1 has %zu; "
                     "fill every rule with ASSAY_RULE_HEADER",
                     path, r->id, (unsigned)r->struct_size, stride);
            return 1;
        }
        for (size_t k = 0; k < r->input_count; k++)
            if (!r->inputs[k].path || !r->inputs[k].path[0] ||
                (unsigned)r->inputs[k].type > ASSAY_INPUT_OBJECT) {
                snprintf(err, err_size,
                         "%s: rule \"%s\": input %zu has %s; give each input "
                         "a dotted path and an ASSAY_INPUT_* type",
                         path, r->id, k + 1,
                         r->inputs[k].path && r->inputs[k].path[0]
                             ? "an unknown type"
                             : "no path");
                return 1;
            }
        if (!(r->weight > 0) || r->weight > ASSAY_MAX_WEIGHT) {
            snprintf(err, err_size,
                     "%s: rule \"%s\" has weight %g; a weight must be a "
                     "positive number",
                     path, r->id, r->weight);
            return 1;
        }
    }
    return 0;
}

static assay_loaded_plugin *describe(const char *path, void *dl,
                                     const assay_plugin *d,
                                     const char *config_json,
                                     const char *config_source)
{
    assay_loaded_plugin *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->kind = ASSAY_KIND_COMPILED;
    p->path = assay_strdup(path);
    p->name = assay_strdup(d->name);
    p->version = assay_strdup(d->version);
    p->domain_name = assay_strdup(d->domain);
    p->domain = -1;
    for (size_t i = 0; i < d->domain_count; i++)
        assay_loaded_plugin_declare(p, d->domains[i].name, d->domains[i].label,
                                    d->domains[i].description, path);
    /* The descriptor's domain declares itself when the plugin does not
     * (ABI 1 has no domains array): label = name, no description. */
    int own = 0;
    for (size_t i = 0; i < d->domain_count; i++)
        own |= strcmp(d->domains[i].name, d->domain) == 0;
    if (!own)
        assay_loaded_plugin_declare(p, d->domain, NULL, NULL, path);
    p->description = assay_strdup(d->description ? d->description : "");
    p->thread_model = d->thread_model;
    p->abi_version = d->abi_version;
    p->struct_size = d->struct_size;
    p->config_json = assay_strdup(config_json ? config_json : "{}");
    p->config_source = config_source ? assay_strdup(config_source) : NULL;
    p->descriptor = d;
    p->rules = calloc(d->rule_count ? d->rule_count : 1, sizeof *p->rules);
    p->rule_count = d->rule_count;
    size_t stride = rule_stride(d);
    for (size_t i = 0; i < d->rule_count; i++) {
        assay_rule rule = rule_at(d, stride, i);
        const assay_rule *r = &rule;
        p->rules[i].id = assay_strdup(r->id);
        p->rules[i].domain_name = r->domain ? assay_strdup(r->domain) : NULL;
        p->rules[i].domain = -1;
        p->rules[i].weight = r->weight;
        if (r->input_count) {
            p->rules[i].inputs =
                calloc(r->input_count, sizeof *p->rules[i].inputs);
            if (!p->rules[i].inputs) {
                fputs("assay: out of memory\n", stderr);
                abort();
            }
            p->rules[i].input_count = r->input_count;
            for (size_t k = 0; k < r->input_count; k++) {
                p->rules[i].inputs[k].path = assay_strdup(r->inputs[k].path);
                p->rules[i].inputs[k].type = r->inputs[k].type;
                const char *description = r->input_descriptions
                                              ? r->input_descriptions[k]
                                              : NULL;
                p->rules[i].inputs[k].description =
                    description && description[0] ? assay_strdup(description)
                                                  : NULL;
            }
        }
        p->rules[i].description =
            assay_strdup(r->description ? r->description : "");
    }
    p->impl = dl; /* ops set last: until then, freeing does not dlclose */
    return p;
}

int assay_plugin_set_load_compiled(assay_plugin_set *set, const char *path,
                                   const char *config_json, char *err,
                                   size_t err_size)
{
    /* A name without a slash is dlopen's to search for. */
    char why_not[300];
    if (strchr(path, '/') && assay_elf_check(path, why_not, sizeof why_not)) {
        snprintf(err, err_size, "%s: cannot load plugin: %s", path, why_not);
        return 1;
    }
    void *dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!dl) {
        const char *why = dlerror();
        snprintf(err, err_size,
                 "%s: cannot load plugin: %s; check the path and that it is "
                 "a shared object built for this machine",
                 path, why ? why : "unknown error");
        return 1;
    }
    assay_plugin_entry_fn entry;
    void *sym = dlsym(dl, ASSAY_PLUGIN_ENTRY_SYMBOL);
    memcpy(&entry, &sym, sizeof entry); /* object to function pointer */
    if (!sym) {
        snprintf(err, err_size,
                 "%s: not an assay plugin: it does not export \"%s\"; define "
                 "it with ASSAY_PLUGIN_DEFINE from <assay/plugin.h>",
                 path, ASSAY_PLUGIN_ENTRY_SYMBOL);
        dlclose(dl);
        return 1;
    }
    const assay_plugin *found = entry();
    if (!found) {
        snprintf(err, err_size,
                 "%s: the entry symbol returned no descriptor", path);
        dlclose(dl);
        return 1;
    }
    if (check_abi(path, found, err, err_size)) {
        dlclose(dl);
        return 1;
    }
    assay_plugin *d = copy_descriptor(found);
    if (!d || check_descriptor(path, d, err, err_size)) {
        if (!d)
            snprintf(err, err_size, "%s: out of memory", path);
        free(d);
        dlclose(dl);
        return 1;
    }
    const char *config_source = NULL;
    if (!config_json) {
        const assay_plugin_config *c =
            assay_plugin_set_config_for(set, d->name);
        if (c) {
            config_json = c->json;
            config_source = c->source;
        }
    }
    assay_loaded_plugin *p =
        describe(path, dl, d, config_json, config_source);
    if (!p) {
        snprintf(err, err_size, "%s: out of memory", path);
        free(d);
        dlclose(dl);
        return 1;
    }
    p->ops = &compiled_ops;
    p->log = &set->log;
    /* Initialise once now, so a bad configuration stops the run before
     * any record is read. */
    if (init_instance(p, &p->shared_instance, err, err_size)) {
        assay_loaded_plugin_free(p);
        return 1;
    }
    p->shared_initialised = 1;
    return assay_plugin_set_add(set, p, err, err_size);
}
