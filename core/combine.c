#include "combine.h"

#include "domain.h"
#include "record.h"

/* Which domains the record claims; unknown names are ignored here (a rule
 * may flag them). Returns the number claimed. */
static int claimed_domains(const cJSON *record,
                           unsigned char claimed[ASSAY_DOMAIN_COUNT])
{
    int n = 0;
    const cJSON *list = assay_record_find(record, "domains");
    if (!cJSON_IsArray(list))
        return 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, list)
    {
        int d = cJSON_IsString(item) ? assay_domain_index(item->valuestring)
                                     : -1;
        if (d >= 0 && !claimed[d]) {
            claimed[d] = 1;
            n++;
        }
    }
    return n;
}

void assay_combine(assay_result *r, const cJSON *record)
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

    unsigned char claimed[ASSAY_DOMAIN_COUNT] = {0};
    int any_claimed = claimed_domains(record, claimed) > 0;
    claimed[ASSAY_DOMAIN_BUSINESS] = 1;
    double total = 0;
    int counted = 0;
    for (int d = 0; d < ASSAY_DOMAIN_COUNT; d++) {
        if (!r->domain_scored[d] || (any_claimed && !claimed[d]))
            continue;
        total += r->domain_score[d];
        counted++;
    }
    r->scored = counted > 0;
    r->score = counted ? total / counted : 0;
}
