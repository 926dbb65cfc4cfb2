#include "engine/combine.h"

#include <stdlib.h>

#include "decide/policy.h"
#include "engine/record.h"

/* The bits of the known names in the record's string array at key. */
static unsigned name_bits(const cJSON *record, const char *key,
                          int (*bit_of)(const char *))
{
    unsigned bits = 0;
    const cJSON *list = assay_record_find(record, key);
    if (!cJSON_IsArray(list))
        return 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, list)
    {
        int bit = cJSON_IsString(item) ? bit_of(item->valuestring) : -1;
        if (bit >= 0)
            bits |= 1u << bit;
    }
    return bits;
}

static int request_index(const char *name)
{
    unsigned bit = assay_request_bit(name);
    int i = 0;
    if (!bit)
        return -1;
    while (!(bit & 1))
        bit >>= 1, i++;
    return i;
}

void assay_combine(assay_result *r, const cJSON *record)
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
    const cJSON *list = assay_record_find(record, "domains");
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
    r->requests = (unsigned char)name_bits(record, "requests", request_index);
}
