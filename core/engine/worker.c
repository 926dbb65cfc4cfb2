/* A worker follows one record from input line to scored record: parse,
 * run every plugin, combine into domain scores, write. */
#include <stdio.h>
#include <stdlib.h>

#include "engine/combine.h"
#include "engine/engine.h"
#include "engine/host.h"
#include "engine/output.h"
#include "engine/record.h"
#include "util/progress.h"

assay_worker *assay_worker_new(assay_engine *engine, char *err,
                               size_t err_size)
{
    /* With nothing to run every record would score "ok" with no findings,
     * which reads as a verdict; an embedder whose plugin directory was
     * not found must hear of it. */
    if (engine->plugins.count == 0) {
        snprintf(err, err_size,
                 "the engine has no plugins, so every record would score "
                 "\"ok\" with no findings; load some first "
                 "(assay_engine_load_plugin, assay_engine_load_plugin_dir, "
                 "assay_engine_load_rules)");
        return NULL;
    }
    const assay_domain *undeclared =
        assay_domains_undeclared(&engine->plugins.domains);
    if (undeclared) {
        snprintf(err, err_size,
                 "%s names undeclared domain \"%s\"; declare it with "
                 "domain { name = ..., label = ..., description = ... } in a "
                 "rule file, or in a compiled plugin's domains array",
                 undeclared->source, undeclared->name);
        return NULL;
    }
    assay_worker *w = calloc(1, sizeof *w);
    if (!w) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    if (assay_plugin_set_fingerprint(&engine->plugins, w->fingerprint, err,
                                     err_size)) {
        free(w);
        return NULL;
    }
    w->engine = engine;
    assay_result_init(&w->result, &engine->plugins.domains);
    assay_buffer_init(&w->out);
    assay_arena_init(&w->record_arena);
    size_t n = engine->plugins.count;
    w->instances = calloc(n ? n : 1, sizeof *w->instances);
    if (!w->instances) {
        snprintf(err, err_size, "out of memory");
        free(w);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        assay_loaded_plugin *p = engine->plugins.items[i];
        if (p->ops->instance_new(p, w, &w->instances[i], err, err_size)) {
            while (i-- > 0)
                engine->plugins.items[i]->ops->instance_free(
                    engine->plugins.items[i], w->instances[i]);
            free(w->instances);
            free(w);
            return NULL;
        }
    }
    return w;
}

void assay_worker_free(assay_worker *w)
{
    if (!w)
        return;
    for (size_t i = w->engine->plugins.count; i-- > 0;) {
        assay_loaded_plugin *p = w->engine->plugins.items[i];
        p->ops->instance_free(p, w->instances[i]);
    }
    free(w->instances);
    free(w->plugin_ns);
    free(w->rule_ns);
    assay_result_free(&w->result);
    assay_buffer_free(&w->out);
    assay_arena_free(&w->record_arena);
    free(w);
}

int assay_worker_evaluate(assay_worker *w, const char *text, size_t len,
                          size_t line, assay_record *rec, assay_buffer *out)
{
    assay_result_clear(&w->result);
    char err[512];
    if (assay_record_parse_in(rec, &w->record_arena, text, len, line, err,
                              sizeof err)) {
        assay_output_scored_error(out, rec->id, line, w->part, err);
        return 1;
    }
    assay_ctx ctx = {rec->root, line, NULL, &w->result, NULL};
    size_t rule_base = 0;
    for (size_t i = 0; i < w->engine->plugins.count; i++) {
        ctx.plugin = w->engine->plugins.items[i];
        if (w->plugin_at)
            *w->plugin_at = (int)i;
        if (w->plugin_ns) {
            ctx.rule_ns = w->rule_ns + rule_base;
            unsigned long long t0 = assay_now_ns();
            assay_host_evaluate(&ctx, w->instances[i]);
            w->plugin_ns[i] += assay_now_ns() - t0;
        } else {
            assay_host_evaluate(&ctx, w->instances[i]);
        }
        rule_base += ctx.plugin->rule_count;
    }
    assay_combine(&w->result, rec->root, &w->engine->fields);
    assay_output_scored(out, rec->id, line, w->part, w->fingerprint,
                        &w->result);
    return 0;
}

const char *assay_worker_evaluate_line(assay_worker *w, const char *text,
                                       size_t len, size_t line,
                                       size_t *out_len, int *is_error)
{
    assay_buffer_reset(&w->out);
    assay_record rec;
    *is_error = assay_worker_evaluate(w, text, len, line, &rec, &w->out);
    assay_record_free(&rec);
    *out_len = w->out.len;
    return assay_buffer_cstr(&w->out);
}
