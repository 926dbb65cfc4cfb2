/* The set of loaded plugins, compiled and Lua alike. Each loaded plugin
 * carries what the host knows of it (identity, rules) and an operations
 * table that makes one instance per worker and evaluates records with it.
 * Loading checks every rule: a declared domain, a positive weight, an id no
 * other loaded rule has. The set keeps the registry of declared domains:
 * what each plugin declares joins it when the plugin is added. */
#ifndef ASSAY_PLUGIN_SET_H
#define ASSAY_PLUGIN_SET_H

#include <stddef.h>

#include "assay/assay.h"
#include "assay/plugin.h"
#include "engine/domain.h"
#include "engine/inputs.h"
#include "util/problems.h"

typedef enum assay_plugin_kind {
    ASSAY_KIND_COMPILED,
    ASSAY_KIND_LUA
} assay_plugin_kind;

/* A record field a rule declares it reads. */
typedef struct assay_input_info {
    char *path; /* dotted, from the record root */
    assay_input_type type;
    /* In plain words for an applicant ("the number of people in the
     * team"); NULL when the rule gives none. */
    char *description;
} assay_input_info;

/* A rule as the host records it; every string owned by the plugin set. */
typedef struct assay_rule_info {
    char *id;
    char *domain_name; /* as the loader found it; NULL: the plugin's */
    int domain; /* index in the set's domains, resolved when added */
    double weight;
    char *description;
    int line; /* where a Lua rule is declared; 0 for compiled rules */
    assay_input_info *inputs; /* input_count entries; none: not declared */
    size_t input_count;
} assay_rule_info;

typedef struct assay_loaded_plugin assay_loaded_plugin;
struct assay_worker;

/* Where the log lines of a set's plugins go (assay_engine_set_log); fn
 * NULL: stderr. */
typedef struct assay_log_sink {
    assay_log_fn fn;
    void *user;
} assay_log_sink;

typedef struct assay_plugin_ops {
    /* Makes the instance one worker uses; 0 on success, else a message. */
    int (*instance_new)(assay_loaded_plugin *p, struct assay_worker *w,
                        void **instance, char *err, size_t err_size);
    /* Evaluates the record in ctx; non-zero when the plugin itself failed. */
    int (*evaluate)(assay_loaded_plugin *p, void *instance, assay_ctx *ctx);
    void (*instance_free)(assay_loaded_plugin *p, void *instance);
    /* Releases what loading acquired (dlclose, Lua chunk). */
    void (*unload)(assay_loaded_plugin *p);
} assay_plugin_ops;

struct assay_loaded_plugin {
    assay_plugin_kind kind;
    const assay_plugin_ops *ops;
    char *path;
    char *name;
    char *version;
    char *domain_name; /* the plugin's default domain for its rules */
    int domain;        /* its index in the set's domains, once added */
    char *description;
    assay_domain *domains; /* the domains it declares (source: where) */
    size_t domain_count;
    assay_thread_model thread_model;
    uint32_t abi_version;
    uint32_t struct_size;
    assay_rule_info *rules;
    size_t rule_count;
    char *config_json;   /* "{}" unless configured */
    char *config_source; /* the file config_json came from, or NULL */
    void *impl;        /* kind-specific: dlopen handle, Lua program */
    const assay_plugin *descriptor; /* compiled plugins only */
    void *shared_instance; /* made at load: every worker's if thread-safe,
                              else the first worker's */
    int shared_initialised;
    int shared_ready; /* the first worker has taken shared_instance */
    int fini_apart; /* 1: fini runs in a process of its own (isolated runs:
                       a crash in fini must not end a good run) */
    const assay_log_sink *log; /* its set's, from before init runs */
    int shipped; /* 1: loaded as one of the command's default plugins */
};

/* The configuration set for a plugin name before that plugin loads. */
typedef struct assay_plugin_config {
    char *name;
    char *json;
    char *source; /* where it came from, for messages */
    int used;     /* a loaded plugin took it */
} assay_plugin_config;

typedef struct assay_plugin_set {
    assay_loaded_plugin **items;
    size_t count;
    assay_plugin_config *configs;
    size_t config_count;
    /* Plugins refused for their problems, never evaluated: kept so that a
     * later file declaring one of their rule ids is still reported. */
    assay_loaded_plugin **refused;
    size_t refused_count;
    assay_domains domains; /* declared by the loaded plugins */
    assay_log_sink log;
} assay_plugin_set;

void assay_plugin_set_init(assay_plugin_set *set);
void assay_plugin_set_free(assay_plugin_set *set);

/* Sets the configuration the plugin named `name` gets when it loads later:
 * json must be one JSON object (else non-zero, with source, line and column
 * in err). A later call for the same name replaces the earlier one. */
int assay_plugin_set_configure(assay_plugin_set *set, const char *name,
                               const char *json, const char *source,
                               char *err, size_t err_size);

/* The configuration set for plugin `name`, marked used; NULL when none.
 * Every loader calls it for the plugin it is loading. */
const assay_plugin_config *assay_plugin_set_config_for(assay_plugin_set *set,
                                                       const char *name);

/* The first configuration no loaded plugin took (a misspelt name), or
 * NULL. */
const assay_plugin_config *
assay_plugin_set_unused_config(const assay_plugin_set *set);

/* Loads a compiled plugin (.so). On failure returns non-zero, writes the
 * reason (path, what was expected, what was found) to err and leaves the
 * set unchanged. config_json may be NULL: the configuration set for the
 * plugin's name, else "{}". */
int assay_plugin_set_load_compiled(assay_plugin_set *set, const char *path,
                                   const char *config_json, char *err,
                                   size_t err_size);

/* Adds a plugin built by another loader (the Lua host), taking ownership.
 * Checks its domain declarations and rules against the set, then adds p's
 * declarations to set->domains and resolves the domain indices (a rule's
 * domain may be declared by a plugin added later: see
 * assay_plugin_set_check_domains); on failure frees p and returns non-zero with the
 * reason in err. */
/* What to do about a second plugin named as `loaded` is: OTHERWISE, or,
 * when `loaded` is one of the shipped plugins, to leave those out. */
const char *assay_plugin_name_taken_hint(const assay_loaded_plugin *loaded,
                                         const char *otherwise);

int assay_plugin_set_add(assay_plugin_set *set, assay_loaded_plugin *p,
                         char *err, size_t err_size);

/* Frees a plugin that was never added (unload, then the host's fields). */
void assay_loaded_plugin_free(assay_loaded_plugin *p);

/* Appends a domain declaration to p's (strings copied; label NULL for an
 * implicit one, label = name). */
void assay_loaded_plugin_declare(assay_loaded_plugin *p, const char *name,
                                 const char *label, const char *description,
                                 const char *source);

/* Adds a problem for each domain a rule names that no loaded plugin
 * declares ("file:line: rule \"id\" names undeclared domain ... did you
 * mean"); returns how many. Call once everything is loaded. */
size_t assay_plugin_set_check_domains(const assay_plugin_set *set,
                                      assay_problems *problems);

/* The name of domain index d of the set, or "?". */
const char *assay_plugin_set_domain_name(const assay_plugin_set *set, int d);

/* The rule of plugin p with this id, or NULL. */
const assay_rule_info *assay_plugin_rule(const assay_loaded_plugin *p,
                                         const char *id);

#endif
