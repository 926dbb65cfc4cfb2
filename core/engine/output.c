#include "engine/output.h"

#include <string.h>


/* ---- scored records --------------------------------------------------- */

static void write_marks(assay_buffer *out, const char *key,
                        const assay_mark *marks, size_t count)
{
    assay_json_key(out, key, 0);
    assay_buffer_putc(out, '[');
    for (size_t i = 0; i < count; i++) {
        if (i)
            assay_buffer_putc(out, ',');
        assay_buffer_putc(out, '{');
        assay_json_key(out, "rule", 1);
        assay_json_string(out, marks[i].rule);
        ASSAY_JSON_KEY(out, "plugin");
        assay_json_string(out, marks[i].plugin);
        ASSAY_JSON_KEY(out, "reason");
        assay_json_string(out, marks[i].reason);
        assay_buffer_putc(out, '}');
    }
    assay_buffer_putc(out, ']');
}

static const char *domain_name(const assay_result *r, int d)
{
    return d >= 0 && (size_t)d < r->domain_count ? r->domains->items[d].name
                                                 : "?";
}

static void write_finding(assay_buffer *out, const assay_result *r,
                          const assay_finding *f)
{
    assay_buffer_putc(out, '{');
    assay_json_key(out, "rule", 1);
    assay_json_string(out, f->rule);
    ASSAY_JSON_KEY(out, "plugin");
    assay_json_string(out, f->plugin);
    ASSAY_JSON_KEY(out, "domain");
    assay_json_string(out, domain_name(r, f->domain));
    if (f->error) {
        ASSAY_JSON_KEY(out, "error");
        assay_json_string(out, f->error);
    } else {
        ASSAY_JSON_KEY(out, "score");
        assay_json_score(out, f->score);
        ASSAY_JSON_KEY(out, "weight");
        assay_json_score(out, f->weight);
        ASSAY_JSON_KEY(out, "reason");
        assay_json_string(out, f->reason);
    }
    assay_buffer_putc(out, '}');
}

void assay_output_head(assay_buffer *out, const char *id, size_t line)
{
    assay_buffer_putc(out, '{');
    int first = 1;
    if (id) {
        assay_json_key(out, "id", 1);
        assay_json_string(out, id);
        first = 0;
    }
    assay_json_key(out, "line", first);
    assay_json_uint(out, line);
}

void assay_output_scored(assay_buffer *out, const char *id, size_t line,
                         unsigned long long part, const char *fingerprint,
                         const assay_result *r)
{
    assay_output_head(out, id, line);
    ASSAY_JSON_KEY(out, "part");
    assay_json_uint(out, (size_t)part);
    ASSAY_JSON_KEY(out, "status");
    assay_json_string(out, "ok");
    ASSAY_JSON_KEY(out, "domains");
    assay_buffer_putc(out, '{');
    int first = 1;
    for (size_t d = 0; d < r->domain_count; d++) {
        if (!r->domain_scored[d])
            continue;
        assay_json_key(out, r->domains->items[d].name, first);
        assay_json_score(out, r->domain_score[d]);
        first = 0;
    }
    assay_buffer_putc(out, '}');
    ASSAY_JSON_KEY(out, "claimed");
    assay_buffer_putc(out, '[');
    first = 1;
    for (size_t d = 0; d < r->domain_count; d++)
        if (r->claimed[d]) {
            if (!first)
                assay_buffer_putc(out, ',');
            assay_json_string(out, r->domains->items[d].name);
            first = 0;
        }
    assay_buffer_putc(out, ']');
    ASSAY_JSON_KEY(out, "requests");
    assay_buffer_putc(out, '[');
    first = 1;
    const cJSON *request;
    cJSON_ArrayForEach(request, r->requests)
        if (cJSON_IsString(request)) {
            if (!first)
                assay_buffer_putc(out, ',');
            assay_json_string(out, request->valuestring);
            first = 0;
        }
    assay_buffer_putc(out, ']');
    ASSAY_JSON_KEY(out, "findings");
    assay_buffer_putc(out, '[');
    for (size_t i = 0; i < r->finding_count; i++) {
        if (i)
            assay_buffer_putc(out, ',');
        write_finding(out, r, &r->findings[i]);
    }
    assay_buffer_putc(out, ']');
    write_marks(out, "vetoes", r->vetoes, r->veto_count);
    write_marks(out, "flags", r->flags, r->flag_count);
    if (fingerprint) {
        ASSAY_JSON_KEY(out, "fingerprint");
        assay_json_string(out, fingerprint);
    }
    assay_buffer_putc(out, '}');
}

void assay_output_scored_error(assay_buffer *out, const char *id, size_t line,
                               unsigned long long part, const char *message)
{
    assay_output_head(out, id, line);
    ASSAY_JSON_KEY(out, "part");
    assay_json_uint(out, (size_t)part);
    ASSAY_JSON_KEY(out, "status");
    assay_json_string(out, "error");
    ASSAY_JSON_KEY(out, "error");
    assay_json_string(out, message);
    assay_buffer_putc(out, '}');
}
