#include "engine/combine.h"

#include "engine/domain.h"
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

void assay_combine(assay_result *r, const cJSON *record, unsigned judged)
{
    double sum[ASSAY_DOMAIN_COUNT] = {0}, weight[ASSAY_DOMAIN_COUNT] = {0};
    for (size_t i = 0; i < r->finding_count; i++) {
        const assay_finding *f = &r->findings[i];
        if (f->error)
            continue;
        sum[f->domain] += f->score * f->weight;
        weight[f->domain] += f->weight;
    }
    for (int d = 0; d < ASSAY_DOMAIN_COUNT; d++) {
        r->domain_scored[d] = weight[d] > 0;
        r->domain_score[d] = weight[d] > 0 ? sum[d] / weight[d] : 0;
    }
    r->claimed = (unsigned char)(name_bits(record, "domains",
                                           assay_domain_index) &
                                 judged);
    r->requests = (unsigned char)name_bits(record, "requests", request_index);
}
