#include "cli/policy_checker.h"

#include <stdlib.h>
#include <string.h>

/* How the policy counts each declared domain's rules. */
static unsigned char *domain_counts(const assay_policy *p,
                                    const assay_plugin_set *set)
{
    unsigned char *how = calloc(set->domains.count ? set->domains.count : 1,
                                1);
    if (!how)
        abort();
    for (size_t d = 0; d < set->domains.count; d++) {
        int i = assay_policy_find_domain(p, set->domains.items[d].name);
        if (i >= 0 && !(p->domains[i].weight > 0))
            how[d] = ASSAY_CHECK_NEVER;
        else if ((i >= 0 && p->domains[i].always) || p->include_unclaimed)
            how[d] = ASSAY_CHECK_ALWAYS;
    }
    return how;
}

int assay_policy_checker_init(assay_policy_checker *pc,
                              const assay_policy *policy,
                              const assay_plugin_set *set)
{
    memset(pc, 0, sizeof *pc);
    assay_record_checker *c = &pc->checker;
    pc->domain_counts = domain_counts(policy, set);
    pc->core_fields[0] = "id";
    pc->core_fields[1] = policy->fields.name;
    pc->core_fields[2] = policy->fields.claims;
    pc->core_fields[3] = policy->fields.requests;
    c->set = set;
    c->core_fields = pc->core_fields;
    c->core_field_count = 4;
    c->claims_field = policy->fields.claims;
    c->requests_field = policy->fields.requests;
    c->requests = (const char *const *)policy->requests;
    c->request_count = policy->request_count;
    c->domain_counts = pc->domain_counts;
    pc->named_domains = calloc(policy->domain_count ? policy->domain_count : 1,
                               sizeof *pc->named_domains);
    if (!pc->named_domains)
        abort();
    for (size_t i = 0; i < policy->domain_count; i++)
        pc->named_domains[i] = policy->domains[i].name;
    c->named_domains = pc->named_domains;
    c->named_domain_count = policy->domain_count;
    return assay_record_checker_init(c);
}

void assay_policy_checker_free(assay_policy_checker *pc)
{
    assay_record_checker_free(&pc->checker);
    free(pc->named_domains);
    free(pc->domain_counts);
    memset(pc, 0, sizeof *pc);
}
