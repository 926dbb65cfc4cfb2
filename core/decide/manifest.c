#include "decide/manifest.h"

#include "decide/overrides.h"
#include "decide/panel.h"

#include <string.h>

#include "util/buffer.h"
#include "util/sha256.h"
#include "engine/engine.h"
#include "engine/fingerprint.h"
#include "engine/plugin_set.h"
#include "version.h"

static double since(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) +
           (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void assay_run_clock_start(assay_run_clock *c)
{
    memset(c, 0, sizeof *c);
    clock_gettime(CLOCK_MONOTONIC, &c->start);
    c->last = c->start;
}

void assay_run_clock_lap(assay_run_clock *c, const char *name)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (c->count < 4) {
        c->names[c->count] = name;
        c->seconds[c->count++] = since(&c->last, &now);
    }
    c->last = now;
}

static void path_field(assay_buffer *b, const char *path)
{
    assay_json_key(b, "path", 1);
    assay_json_string(b, path);
}

/* ,"sha256":"..." of the file at path (null for stdin). */
static int hashed(assay_buffer *b, const char *path, char *err,
                  size_t err_size)
{
    char hex[65];
    assay_json_key(b, "sha256", 0);
    if (strcmp(path, "-") == 0) {
        assay_buffer_puts(b, "null");
        return 0;
    }
    if (assay_sha256_file(path, hex, err, err_size))
        return 1;
    assay_json_string(b, hex);
    return 0;
}

/* ,"rules":[{"id":...,"domain":...,"inputs":[{"path","type",
 * "description"}] or null}]: what each rule declares it reads, so that a
 * report made from the run's files alone shows an applicant the facts its
 * rules used. */
static void rules_field(assay_buffer *b, const assay_plugin_set *set,
                        const assay_loaded_plugin *pl)
{
    assay_json_key(b, "rules", 0);
    assay_buffer_putc(b, '[');
    for (size_t r = 0; r < pl->rule_count; r++) {
        const assay_rule_info *rule = &pl->rules[r];
        if (r)
            assay_buffer_putc(b, ',');
        assay_buffer_putc(b, '{');
        assay_json_key(b, "id", 1);
        assay_json_string(b, rule->id);
        assay_json_key(b, "domain", 0);
        assay_json_string(b, assay_plugin_set_domain_name(set, rule->domain));
        assay_json_key(b, "inputs", 0);
        if (!rule->input_count)
            assay_buffer_puts(b, "null");
        for (size_t k = 0; k < rule->input_count; k++) {
            const assay_input_info *in = &rule->inputs[k];
            assay_buffer_putc(b, k ? ',' : '[');
            assay_buffer_putc(b, '{');
            path_field(b, in->path);
            assay_json_key(b, "type", 0);
            assay_json_string(b, assay_input_type_name(in->type));
            assay_json_key(b, "description", 0);
            if (in->description)
                assay_json_string(b, in->description);
            else
                assay_buffer_puts(b, "null");
            assay_buffer_putc(b, '}');
            if (k + 1 == rule->input_count)
                assay_buffer_putc(b, ']');
        }
        assay_buffer_putc(b, '}');
    }
    assay_buffer_putc(b, ']');
}

void assay_manifest_file(assay_buffer *b, const char *path)
{
    char hex[65], err[256];
    assay_buffer_putc(b, '{');
    path_field(b, path);
    assay_json_key(b, "sha256", 0);
    if (strcmp(path, "-") == 0 || assay_sha256_file(path, hex, err, sizeof err))
        assay_buffer_puts(b, "null");
    else
        assay_json_string(b, hex);
    assay_buffer_putc(b, '}');
}

int assay_manifest_write(FILE *out, const assay_engine *engine,
                         const assay_policy *p, const char *const *inputs,
                         size_t input_count, const assay_decide_report *r,
                         const assay_run_clock *clock, char *err,
                         size_t err_size)
{
    assay_buffer b;
    assay_buffer_init(&b);
    int rc = 0;
    assay_buffer_putc(&b, '{');
    assay_json_key(&b, "assay_version", 1);
    assay_json_string(&b, ASSAY_VERSION);
    assay_json_key(&b, "abi_version", 0);
    assay_buffer_printf(&b, "%u", (unsigned)ASSAY_ABI_VERSION);
    assay_json_key(&b, "policy", 0);
    assay_buffer_putc(&b, '{');
    path_field(&b, p->path);
    rc |= hashed(&b, p->path, err, err_size);
    assay_buffer_putc(&b, '}');
    assay_json_key(&b, "plugins", 0);
    assay_buffer_putc(&b, '[');
    for (size_t i = 0; engine && i < engine->plugins.count && !rc; i++) {
        const assay_loaded_plugin *pl = engine->plugins.items[i];
        if (i)
            assay_buffer_putc(&b, ',');
        assay_buffer_putc(&b, '{');
        path_field(&b, pl->path);
        assay_json_key(&b, "kind", 0);
        assay_json_string(&b, pl->kind == ASSAY_KIND_LUA ? "lua"
                                                         : "compiled");
        assay_json_key(&b, "name", 0);
        assay_json_string(&b, pl->name);
        assay_json_key(&b, "version", 0);
        assay_json_string(&b, pl->version);
        rc |= hashed(&b, pl->path, err, err_size);
        rules_field(&b, &engine->plugins, pl);
        assay_buffer_putc(&b, '}');
    }
    assay_buffer_putc(&b, ']');
    /* The plugins' fingerprint, as the scored records carry it; decide
     * has no plugins and names the one its records carried. */
    char fingerprint[ASSAY_FINGERPRINT_DIGITS + 1] = "";
    assay_json_key(&b, "fingerprint", 0);
    if (!engine)
        snprintf(fingerprint, sizeof fingerprint, "%s", r->fingerprint);
    else if (!rc)
        rc = assay_plugin_set_fingerprint(&engine->plugins, fingerprint, err,
                                          err_size);
    if (*fingerprint)
        assay_json_string(&b, fingerprint);
    else
        assay_buffer_puts(&b, "null");
    /* The declared domains, so that a report made from the run's files
     * alone shows the plugins' labels. */
    assay_json_key(&b, "domains", 0);
    assay_buffer_putc(&b, '[');
    for (size_t i = 0; engine && i < engine->plugins.domains.count; i++) {
        const assay_domain *d = &engine->plugins.domains.items[i];
        if (i)
            assay_buffer_putc(&b, ',');
        assay_buffer_putc(&b, '{');
        assay_json_key(&b, "name", 1);
        assay_json_string(&b, d->name);
        assay_json_key(&b, "label", 0);
        assay_json_string(&b, d->label);
        assay_json_key(&b, "description", 0);
        assay_json_string(&b, d->description);
        assay_buffer_putc(&b, '}');
    }
    assay_buffer_putc(&b, ']');
    assay_json_key(&b, "inputs", 0);
    assay_buffer_putc(&b, '[');
    for (size_t i = 0; i < input_count && !rc; i++) {
        if (i)
            assay_buffer_putc(&b, ',');
        assay_buffer_putc(&b, '{');
        path_field(&b, inputs[i]);
        rc |= hashed(&b, inputs[i], err, err_size);
        assay_buffer_putc(&b, '}');
    }
    assay_buffer_putc(&b, ']');
    /* What the committee gave: the panel's reviews, the overrides. */
    if (r->committee && r->committee->panel && !rc) {
        assay_json_key(&b, "reviews", 0);
        assay_buffer_putc(&b, '{');
        path_field(&b, assay_panel_path(r->committee->panel));
        rc |= hashed(&b, assay_panel_path(r->committee->panel), err,
                     err_size);
        assay_buffer_putc(&b, '}');
    }
    if (r->committee && r->committee->overrides && !rc) {
        assay_json_key(&b, "overrides", 0);
        assay_buffer_putc(&b, '{');
        path_field(&b, r->committee->overrides->file.path);
        rc |= hashed(&b, r->committee->overrides->file.path, err, err_size);
        assay_buffer_putc(&b, '}');
    }
    assay_json_key(&b, "counts", 0);
    assay_buffer_putc(&b, '{');
    assay_json_key(&b, "records", 1);
    assay_buffer_printf(&b, "%zu", r->records);
    assay_json_key(&b, "error_records", 0);
    assay_buffer_printf(&b, "%zu", r->error_records);
    assay_json_key(&b, "decisions", 0);
    assay_buffer_putc(&b, '{');
    for (size_t k = 0; k < p->tier_count + 3; k++) {
        static const char *const other[] = {"waitlist", "review", "reject"};
        assay_json_key(&b, k < p->tier_count ? p->tiers[k].name
                                             : other[k - p->tier_count],
                       k == 0);
        assay_buffer_printf(&b, "%zu", r->counts[k]);
    }
    assay_buffer_puts(&b, "}}");
    assay_json_key(&b, "timings", 0);
    assay_buffer_putc(&b, '{');
    double total = 0;
    for (int i = 0; i < clock->count; i++) {
        assay_buffer_printf(&b, "%s\"%s_seconds\":%.6f", i ? "," : "",
                            clock->names[i], clock->seconds[i]);
        total += clock->seconds[i];
    }
    assay_buffer_printf(&b, "%s\"total_seconds\":%.6f}}\n",
                        clock->count ? "," : "", total);
    if (!rc && assay_buffer_write(&b, out) != b.len) {
        snprintf(err, err_size, "cannot write the manifest: %m");
        rc = 1;
    }
    assay_buffer_free(&b);
    return rc;
}
