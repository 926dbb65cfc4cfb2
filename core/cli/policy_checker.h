/* The record checker (engine/record_check.h) for the loaded plugins under
 * a policy: which fields the core and the policy read, which requests and
 * domains the policy knows, and how it counts each declared domain's
 * rules. assay validate checks applications with it; assay letters asks
 * it what a held application could add. */
#ifndef ASSAY_POLICY_CHECKER_H
#define ASSAY_POLICY_CHECKER_H

#include "decide/policy.h"
#include "engine/record_check.h"

typedef struct assay_policy_checker {
    assay_record_checker checker;
    const char *core_fields[4];
    const char **named_domains;
    unsigned char *domain_counts;
} assay_policy_checker;

/* Builds pc for set under policy (both outlive pc); 0 on success,
 * non-zero when out of memory. */
int assay_policy_checker_init(assay_policy_checker *pc,
                              const assay_policy *policy,
                              const assay_plugin_set *set);
void assay_policy_checker_free(assay_policy_checker *pc);

#endif
