#include "engine/combine.h"

#include <stdlib.h>

#include "engine/record.h"

void assay_combine(assay_result *r, const cJSON *record,
                   const assay_record_fields *fields)
{
    /* domain_score holds the weighted sums until the division. */
    double weight_small[16] = {0};
    double *weight = r->domain_count <= 16
                         ? weight_small
                         : calloc(r->domain_count, sizeof *weight);
    if (!weight)
        abort();
    for (size_t d = 0; d < r->domain_count; d++)
        r->domain_score[d] = 0;
    for (size_t i = 0; i < r->finding_count; i++) {
        const assay_finding *f = &r->findings[i];
        if (f->error || f->domain < 0 || (size_t)f->domain >= r->domain_count)
            continue;
        r->domain_score[f->domain] += f->score * f->weight;
        weight[f->domain] += f->weight;
    }
    for (size_t d = 0; d < r->domain_count; d++) {
        r->domain_scored[d] = weight[d] > 0;
        r->domain_score[d] =
            weight[d] > 0 ? r->domain_score[d] / weight[d] : 0;
        r->claimed[d] = 0;
    }
    if (weight != weight_small)
        free(weight);
    const cJSON *list = assay_record_find(record, fields->claims);
    const cJSON *item;
    if (cJSON_IsArray(list))
        cJSON_ArrayForEach(item, list)
        {
            int d = cJSON_IsString(item)
                        ? assay_domains_find(r->domains, item->valuestring)
                        : -1;
            if (d >= 0 && r->domains->items[d].judged)
                r->claimed[d] = 1;
        }
    const cJSON *requests = assay_record_find(record, fields->requests);
    r->requests = cJSON_IsArray(requests) ? requests : NULL;
}
