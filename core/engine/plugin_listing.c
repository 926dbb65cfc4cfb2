/* The listing of a loaded plugin set, as `assay plugins` prints it. It
 * walks the set, so every kind of plugin (compiled .so, Lua rule file)
 * appears once its loader has added it. */
#include "engine/plugin_listing.h"

#include <cjson/cJSON.h>
#include <stdlib.h>

#include "assay/assay.h"
#include "engine/domain.h"

static const char *kind_name(assay_plugin_kind kind)
{
    return kind == ASSAY_KIND_COMPILED ? "compiled" : "lua";
}

static const char *thread_name(assay_thread_model model)
{
    return model == ASSAY_THREAD_SAFE ? "thread-safe" : "per-worker";
}

/* ---- text ------------------------------------------------------------- */

void assay_plugin_listing_text(const assay_plugin_set *set, FILE *out)
{
    for (size_t i = 0; i < set->count; i++) {
        const assay_loaded_plugin *p = set->items[i];
        fprintf(out, "%s%s %s\n", i ? "\n" : "", p->name, p->version);
        if (p->description[0])
            fprintf(out, "  %s\n", p->description);
        fprintf(out, "  path     %s\n", p->path);
        if (p->kind == ASSAY_KIND_COMPILED)
            fprintf(out, "  kind     compiled, plugin ABI %u (%u-byte "
                         "descriptor)\n",
                    (unsigned)p->abi_version, (unsigned)p->struct_size);
        else
            fprintf(out, "  kind     %s\n", kind_name(p->kind));
        fprintf(out, "  domain   %s\n", assay_plugin_set_domain_name(set, p->domain));
        fprintf(out, "  threads  %s\n", thread_name(p->thread_model));
        if (p->config_source)
            fprintf(out, "  config   %s\n", p->config_source);
        fprintf(out, "  rules    %zu\n", p->rule_count);
        for (size_t r = 0; r < p->rule_count; r++) {
            const assay_rule_info *rule = &p->rules[r];
            fprintf(out, "    %-28s %-18s weight %-4g %s\n", rule->id,
                    assay_plugin_set_domain_name(set, rule->domain),
                    rule->weight, rule->description);
            for (size_t k = 0; k < rule->input_count; k++)
                fprintf(out, "%s%s (%s)%s", k ? ", " : "      reads ",
                        rule->inputs[k].path,
                        assay_input_type_name(rule->inputs[k].type),
                        k + 1 == rule->input_count ? "\n" : "");
        }
    }
    if (set->domains.count)
        fprintf(out, "%sdomains  %zu declared\n", set->count ? "\n" : "",
                set->domains.count);
    for (size_t d = 0; d < set->domains.count; d++) {
        const assay_domain *x = &set->domains.items[d];
        fprintf(out, "  %-20s %s%s%s (%s)\n", x->name, x->label,
                x->description[0] ? ": " : "", x->description, x->source);
    }
}

/* ---- JSON ------------------------------------------------------------- */

static cJSON *plugin_json(const assay_plugin_set *set,
                          const assay_loaded_plugin *p)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "name", p->name);
    cJSON_AddStringToObject(o, "version", p->version);
    cJSON_AddStringToObject(o, "kind", kind_name(p->kind));
    cJSON_AddStringToObject(o, "path", p->path);
    if (p->kind == ASSAY_KIND_COMPILED) {
        cJSON_AddNumberToObject(o, "abi_version", p->abi_version);
        cJSON_AddNumberToObject(o, "struct_size", p->struct_size);
    } else {
        cJSON_AddNullToObject(o, "abi_version");
        cJSON_AddNullToObject(o, "struct_size");
    }
    cJSON_AddStringToObject(o, "domain", assay_plugin_set_domain_name(set, p->domain));
    cJSON_AddStringToObject(o, "thread_model", thread_name(p->thread_model));
    cJSON_AddStringToObject(o, "description", p->description);
    if (p->config_source)
        cJSON_AddStringToObject(o, "config", p->config_source);
    else
        cJSON_AddNullToObject(o, "config");
    cJSON *rules = cJSON_AddArrayToObject(o, "rules");
    for (size_t r = 0; r < p->rule_count; r++) {
        const assay_rule_info *rule = &p->rules[r];
        cJSON *j = cJSON_CreateObject();
        cJSON_AddStringToObject(j, "id", rule->id);
        cJSON_AddStringToObject(j, "domain", assay_plugin_set_domain_name(set, rule->domain));
        cJSON_AddNumberToObject(j, "weight", rule->weight);
        cJSON_AddStringToObject(j, "description", rule->description);
        if (rule->line > 0)
            cJSON_AddNumberToObject(j, "line", rule->line);
        else
            cJSON_AddNullToObject(j, "line");
        /* null: the rule declares no inputs (it always runs) */
        cJSON *inputs = rule->input_count
                            ? cJSON_AddArrayToObject(j, "inputs")
                            : cJSON_AddNullToObject(j, "inputs");
        for (size_t k = 0; k < rule->input_count; k++) {
            cJSON *in = cJSON_CreateObject();
            cJSON_AddStringToObject(in, "path", rule->inputs[k].path);
            cJSON_AddStringToObject(
                in, "type", assay_input_type_name(rule->inputs[k].type));
            if (rule->inputs[k].description)
                cJSON_AddStringToObject(in, "description",
                                        rule->inputs[k].description);
            else
                cJSON_AddNullToObject(in, "description");
            cJSON_AddItemToArray(inputs, in);
        }
        cJSON_AddItemToArray(rules, j);
    }
    return o;
}

char *assay_plugin_listing_json(const assay_plugin_set *set)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "assay_version", assay_version());
    cJSON_AddNumberToObject(root, "abi_version", ASSAY_ABI_VERSION);
    cJSON *list = cJSON_AddArrayToObject(root, "plugins");
    for (size_t i = 0; i < set->count; i++)
        cJSON_AddItemToArray(list, plugin_json(set, set->items[i]));
    cJSON *domains = cJSON_AddArrayToObject(root, "domains");
    for (size_t d = 0; d < set->domains.count; d++) {
        const assay_domain *x = &set->domains.items[d];
        cJSON *j = cJSON_CreateObject();
        cJSON_AddStringToObject(j, "name", x->name);
        cJSON_AddStringToObject(j, "label", x->label);
        cJSON_AddStringToObject(j, "description", x->description);
        cJSON_AddStringToObject(j, "declared_by", x->source);
        cJSON_AddItemToArray(domains, j);
    }
    char *text = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    return text;
}
