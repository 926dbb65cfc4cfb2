/*
 * assay plugin ABI.
 *
 * This is the only header a compiled plugin includes. A plugin is a shared
 * object that exports one symbol, ASSAY_PLUGIN_ENTRY_SYMBOL, returning a
 * pointer to a static assay_plugin descriptor. The host calls the plugin
 * through that descriptor and the plugin calls the host only through the
 * assay_host table handed to init(), so a plugin links against nothing of
 * the host. A plugin declares the domains it scores (assay_domain_info):
 * the host knows no domain by name.
 *
 * Versioning rules (see docs/plugins.md, "Versioning"):
 *   - assay_plugin and assay_host open with their own size in bytes and the
 *     ABI version; assay_rule opens with its size, which is also the stride
 *     of a plugin's rules array. Fields are only ever appended; never
 *     reordered, removed, resized or given a new meaning.
 *   - Appending a field raises the struct size but not ASSAY_ABI_VERSION.
 *     An appended field is one whose zero value means "as before".
 *   - Any change that is not an append (a new meaning for a field, a
 *     changed signature, a removed entry, a struct that gains a size field)
 *     raises ASSAY_ABI_VERSION. ABI 2 gave assay_rule its struct_size and
 *     inputs, and appended domains/domain_count to assay_plugin.
 *
 * What the host does with a plugin built against another header:
 *   - ABI 1 (abi_version 1): loaded. Its rules array has the ABI 1 layout
 *     (id, domain, weight, description: no struct_size, no inputs, so no
 *     rule declares inputs) and its descriptor ends at fini: the
 *     descriptor's domain is declared implicitly, with the name as label
 *     and no description (a plugin declaring it fully replaces that);
 *   - ABI 2, older header (struct_size smaller than the host's, but at
 *     least through fini): loaded; the host copies the plugin's struct_size
 *     bytes into a zeroed descriptor, so fields appended since read as 0
 *     and nothing past struct_size is read; likewise each rule, by its
 *     struct_size (at least through description);
 *   - ABI 2, newer header (larger struct sizes): loaded; the fields the
 *     host does not know are ignored;
 *   - a descriptor below the ABI 1 size, or another major version (0, or
 *     newer than the host's): refused at load, before init, with a message
 *     naming the plugin's version or size and the host's.
 * A plugin built against a newer header may meet an older host whose table
 * lacks an entry: it tests ASSAY_HOST_HAS(host, entry) before calling any
 * entry appended after ABI v1's.
 */
#ifndef ASSAY_PLUGIN_H
#define ASSAY_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The ABI major version this header describes. */
#define ASSAY_ABI_VERSION 2u

/* The name of the one symbol a plugin exports (see ASSAY_PLUGIN_DEFINE). */
#define ASSAY_PLUGIN_ENTRY_SYMBOL "assay_plugin_entry"

/* ---------------------------------------------------------------------- */
/* Results of record access                                               */
/* ---------------------------------------------------------------------- */

/* Every record accessor returns one of these. On anything but ASSAY_OK the
 * output argument is left untouched. */
typedef enum assay_status {
    ASSAY_OK = 0,         /* the value exists and has the requested type */
    ASSAY_MISSING = 1,    /* absent, or JSON null: normal, not an error */
    ASSAY_WRONG_TYPE = 2  /* present with another type: the record's fault */
} assay_status;

/* ---------------------------------------------------------------------- */
/* Thread model                                                           */
/* ---------------------------------------------------------------------- */

typedef enum assay_thread_model {
    /* evaluate() may run concurrently on one instance: one instance serves
     * every worker thread. */
    ASSAY_THREAD_SAFE = 0,
    /* evaluate() must not run concurrently on one instance: the host calls
     * init() once per worker thread and gives each worker its own instance. */
    ASSAY_THREAD_PER_WORKER = 1
} assay_thread_model;

/* Log levels for assay_host.log. */
typedef enum assay_log_level {
    ASSAY_LOG_DEBUG = 0,
    ASSAY_LOG_INFO = 1,
    ASSAY_LOG_WARN = 2,
    ASSAY_LOG_ERROR = 3
} assay_log_level;

/* The evaluation of one record by one plugin. Opaque; valid only during the
 * evaluate() call that received it. */
typedef struct assay_ctx assay_ctx;

/* ---------------------------------------------------------------------- */
/* The host function table                                                */
/* ---------------------------------------------------------------------- */

/* The largest weight a rule may declare or report: weights are relative,
 * and a bound keeps every weighted sum finite. */
#define ASSAY_MAX_WEIGHT 1e6
/* The longest reason or message the host keeps, in bytes. */
#define ASSAY_MAX_REASON 1000

/* Handed to init(); valid until fini() returns. A NULL ctx, path or output
 * pointer is never dereferenced: the call does nothing (an accessor
 * returns ASSAY_MISSING) and the record gets an error finding naming the
 * call, so a plugin's slip costs a finding, not the run. Paths are dotted field
 * names from the record root, e.g. "soil.ph". Strings
 * returned by the host belong to the host and stay valid until evaluate()
 * returns; strings passed to the host are copied before the call returns. */
typedef struct assay_host {
    uint32_t size;        /* sizeof(assay_host) of the host: test before use */
    uint32_t abi_version; /* ASSAY_ABI_VERSION of the host */

    /* 1 if the field exists and is not JSON null, else 0. */
    int (*has)(const assay_ctx *ctx, const char *path);
    /* A JSON number. */
    assay_status (*get_number)(const assay_ctx *ctx, const char *path,
                               double *out);
    /* A JSON string, NUL-terminated, owned by the host. */
    assay_status (*get_string)(const assay_ctx *ctx, const char *path,
                               const char **out);
    /* A JSON boolean, as 0 or 1. */
    assay_status (*get_bool)(const assay_ctx *ctx, const char *path, int *out);
    /* The number of elements of a JSON array. */
    assay_status (*array_length)(const assay_ctx *ctx, const char *path,
                                 size_t *out);
    /* Element `index` (from 0) of an array, as a number. An index past the
     * end is ASSAY_MISSING. */
    assay_status (*array_number)(const assay_ctx *ctx, const char *path,
                                 size_t index, double *out);
    /* Element `index` (from 0) of an array, as a string owned by the host. */
    assay_status (*array_string)(const assay_ctx *ctx, const char *path,
                                 size_t index, const char **out);

    /* Report rule `rule_id` (declared in the plugin's rule list) applied:
     * score is clamped to [0, 1]; weight in (0, ASSAY_MAX_WEIGHT] (usually
     * the declared weight); reason says why, quoting the data, and is cut
     * to ASSAY_MAX_REASON bytes with a "... (truncated)" marker. A rule
     * that does not apply emits nothing. An undeclared rule id, a
     * non-finite score, a weight out of range or a NULL reason becomes an
     * error finding instead. */
    void (*finding)(assay_ctx *ctx, const char *rule_id, double score,
                    double weight, const char *reason);
    /* Report that rule `rule_id` could not be evaluated for this record
     * (typically a field of the wrong type): an error finding naming it. */
    void (*fail)(assay_ctx *ctx, const char *rule_id, const char *message);
    /* Hard gate: the record cannot pass, for this reason. Under an
     * undeclared rule id, a veto or flag is not dropped: the record is
     * flagged under the plugin's name (held for review) and gets an error
     * finding that names the id. */
    void (*veto)(assay_ctx *ctx, const char *rule_id, const char *reason);
    /* Needs a human look, for this reason. */
    void (*flag)(assay_ctx *ctx, const char *rule_id, const char *reason);
    /* A diagnostic line on the host's log (stderr), prefixed with the plugin
     * name. ctx may be NULL outside evaluate(). */
    void (*log)(const assay_ctx *ctx, assay_log_level level,
                const char *message);
    /* Appended entries go here. */
} assay_host;

/* True if `host` provides `member` (a host built before that entry was
 * appended has a smaller size). */
#define ASSAY_HOST_HAS(host, member)                                         \
    ((host)->size >= offsetof(assay_host, member) + sizeof((host)->member))

/* ---------------------------------------------------------------------- */
/* The plugin descriptor                                                  */
/* ---------------------------------------------------------------------- */

/* A domain a plugin scores. Several plugins may declare one domain, with
 * the same label and description; a rule names one declared domain. */
typedef struct assay_domain_info {
    const char *name;        /* [a-z][a-z0-9_]*: "water_quality" */
    const char *label;       /* for people: "Water quality" */
    const char *description; /* one line: what the domain judges */
} assay_domain_info;

/* The type of a record field a rule reads. */
typedef enum assay_input_type {
    ASSAY_INPUT_ANY = 0,
    ASSAY_INPUT_NUMBER,
    ASSAY_INPUT_STRING,
    ASSAY_INPUT_BOOLEAN,
    ASSAY_INPUT_ARRAY,
    ASSAY_INPUT_OBJECT
} assay_input_type;

/* A record field a rule reads. */
typedef struct assay_input {
    const char *path; /* dotted, from the record root: "team.size" */
    assay_input_type type;
} assay_input;

/* One rule a plugin may report. Every finding names a declared rule, so the
 * host can check ids for duplicates and list rules before any record. Fill
 * struct_size with ASSAY_RULE_HEADER: it is the stride of the rules array,
 * so the struct can grow by append. */
typedef struct assay_rule {
    uint32_t struct_size;    /* sizeof(assay_rule) the plugin was built with */
    const char *id;          /* unique across every loaded plugin */
    const char *domain;      /* a declared domain; NULL: the plugin's */
    double weight;           /* default weight, > 0 */
    const char *description; /* one sentence for the rule list */
    /* The record fields the rule reads: input_count entries, static
     * storage; NULL and 0 when not declared (the rule always runs). */
    const assay_input *inputs;
    size_t input_count;
    /* Appended: each input in plain words for an applicant, the letters'
     * list of what to add ("the number of people in the
     * team"): input_count entries, static storage, an entry NULL
     * when there is none; NULL when the rule gives none. A separate array
     * because assay_input has no size of its own to grow by. */
    const char *const *input_descriptions;
} assay_rule;

#define ASSAY_RULE_HEADER .struct_size = sizeof(assay_rule)

typedef struct assay_plugin {
    uint32_t struct_size;   /* sizeof(assay_plugin) the plugin was built with */
    uint32_t abi_version;   /* ASSAY_ABI_VERSION the plugin was built with */
    const char *name;       /* short, unique: "soil_lab" */
    const char *version;    /* the plugin's own version: "1.2.0" */
    const char *domain;     /* the default domain of its rules: one it
                               declares in domains (or another loaded
                               plugin declares) */
    const char *description;
    assay_thread_model thread_model;
    const assay_rule *rules; /* rule_count entries, static storage */
    size_t rule_count;

    /* Called once per instance before any evaluate(). config_json is the
     * plugin's configuration as a JSON text ("{}" when none is given), owned
     * by the host and valid only during the call. Store per-instance state
     * in *instance. Return 0 on success; on failure write a NUL-terminated
     * message of at most err_size bytes to err and return non-zero: the host
     * reports it and stops before reading any record. */
    int (*init)(const assay_host *host, const char *config_json,
                void **instance, char *err, size_t err_size);
    /* Evaluate one record: read fields and report through the host table.
     * Return 0; non-zero means the plugin itself failed on this record and
     * becomes an error finding for it (the run goes on). */
    int (*evaluate)(void *instance, assay_ctx *ctx);
    /* Release the instance. Called once for each successful init(). */
    void (*fini)(void *instance);
    /* ABI 2: the domains the plugin declares, domain_count entries, static
     * storage. */
    const assay_domain_info *domains;
    size_t domain_count;
    /* Appended fields go here. */
} assay_plugin;

/* The signature of the entry symbol. */
typedef const assay_plugin *(*assay_plugin_entry_fn)(void);

#if defined(_WIN32)
#define ASSAY_EXPORT __declspec(dllexport)
#else
#define ASSAY_EXPORT __attribute__((visibility("default")))
#endif

/* Defines the entry symbol of a plugin from a static assay_plugin whose
 * struct_size and abi_version are filled in with ASSAY_PLUGIN_HEADER:
 *
 *   static const assay_domain_info my_domains[] = {
 *       {"soil", "Soil", "Soil health and fertility"}};
 *   static const assay_rule my_rules[] = {
 *       {ASSAY_RULE_HEADER, .id = "soil.ph", .weight = 1, ...}};
 *   static const assay_plugin my_plugin = {
 *       ASSAY_PLUGIN_HEADER, .name = "soil", .domain = "soil",
 *       .rules = my_rules, .rule_count = 1,
 *       .domains = my_domains, .domain_count = 1, ...};
 *   ASSAY_PLUGIN_DEFINE(my_plugin)
 */
#define ASSAY_PLUGIN_HEADER                                                  \
    .struct_size = sizeof(assay_plugin), .abi_version = ASSAY_ABI_VERSION
#define ASSAY_PLUGIN_DEFINE(descriptor)                                      \
    ASSAY_EXPORT const assay_plugin *assay_plugin_entry(void);               \
    ASSAY_EXPORT const assay_plugin *assay_plugin_entry(void)                \
    {                                                                        \
        return &(descriptor);                                                \
    }

#ifdef __cplusplus
}
#endif

#endif /* ASSAY_PLUGIN_H */
