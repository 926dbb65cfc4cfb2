/* Loading compiled plugins: dlopen, the entry symbol, ABI checks, init.
 * Every refusal names the file and what to do, and closes the handle. */
#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/domain.h"
#include "engine/elf_check.h"
#include "engine/host.h"
#include "engine/isolation.h"
#include "engine/plugin_set.h"

/* The descriptor size of ABI v1: everything up to and including fini. A
 * plugin's descriptor may be larger (built against a newer header of the
 * same major version: the host ignores fields it does not know) or smaller
 * than this host's (built before fields were appended: the host copies what
 * the plugin has into a zeroed descriptor, so appended fields read as 0,
 * which must mean "as before"), but never smaller than this. */
#define ABI_V1_SIZE (offsetof(assay_plugin, fini) + sizeof(void (*)(void *)))

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
    if (d->abi_version != ASSAY_ABI_VERSION) {
        snprintf(err, err_size,
                 "%s: built for assay plugin ABI version %u, but this assay "
                 "supports ABI version %u; rebuild the plugin against this "
                 "assay's <assay/plugin.h>",
                 path, (unsigned)d->abi_version, (unsigned)ASSAY_ABI_VERSION);
        return 1;
    }
    if (d->struct_size < ABI_V1_SIZE) {
        snprintf(err, err_size,
                 "%s: plugin descriptor is %u bytes, but ABI version %u "
                 "needs at least %zu; the plugin was built against a broken "
                 "or foreign header, rebuild it against <assay/plugin.h>",
                 path, (unsigned)d->struct_size, (unsigned)ASSAY_ABI_VERSION,
                 (size_t)ABI_V1_SIZE);
        return 1;
    }
    return 0;
}

/* The host's own copy of a checked descriptor: what the plugin has, and
 * zeros for fields appended after it was built. NULL when out of memory. */
static assay_plugin *copy_descriptor(const assay_plugin *d)
{
    assay_plugin *copy = calloc(1, sizeof *copy);
    if (copy)
        memcpy(copy, d,
               d->struct_size < sizeof *copy ? d->struct_size : sizeof *copy);
    return copy;
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
    if (assay_domain_index(d->domain) < 0) {
        snprintf(err, err_size,
                 "%s: plugin \"%s\" names unknown domain \"%s\"; use one of "
                 "%s",
                 path, d->name, d->domain, assay_domain_list());
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
    for (size_t i = 0; i < d->rule_count; i++) {
        const assay_rule *r = &d->rules[i];
        const char *domain = r->domain ? r->domain : d->domain;
        if (!r->id || !r->id[0]) {
            snprintf(err, err_size, "%s: rule %zu has no id", path, i + 1);
            return 1;
        }
        if (assay_domain_index(domain) < 0) {
            snprintf(err, err_size,
                     "%s: rule \"%s\" names unknown domain \"%s\"; use one "
                     "of %s",
                     path, r->id, domain, assay_domain_list());
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
    p->domain = assay_domain_index(d->domain);
    p->description = assay_strdup(d->description ? d->description : "");
    p->thread_model = d->thread_model;
    p->abi_version = d->abi_version;
    p->struct_size = d->struct_size;
    p->config_json = assay_strdup(config_json ? config_json : "{}");
    p->config_source = config_source ? assay_strdup(config_source) : NULL;
    p->descriptor = d;
    p->rules = calloc(d->rule_count ? d->rule_count : 1, sizeof *p->rules);
    p->rule_count = d->rule_count;
    for (size_t i = 0; i < d->rule_count; i++) {
        const assay_rule *r = &d->rules[i];
        p->rules[i].id = assay_strdup(r->id);
        p->rules[i].domain =
            assay_domain_index(r->domain ? r->domain : d->domain);
        p->rules[i].weight = r->weight;
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
    /* Initialise once now, so a bad configuration stops the run before
     * any record is read. */
    if (init_instance(p, &p->shared_instance, err, err_size)) {
        assay_loaded_plugin_free(p);
        return 1;
    }
    p->shared_initialised = 1;
    return assay_plugin_set_add(set, p, err, err_size);
}
