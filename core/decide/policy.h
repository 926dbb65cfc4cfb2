/* A decision policy: how domain scores combine into an overall score, and
 * the tiers, capacities and actions that turn overall scores into
 * decisions. A policy is a Lua file of declarations (docs/policy.md) run
 * once in the sandbox; each declaration is checked as it runs, so a
 * mistake is reported at its file:line. */
#ifndef ASSAY_POLICY_H
#define ASSAY_POLICY_H

#include <stddef.h>
#include <stdint.h>

#include "assay/assay.h"
#include "engine/record_fields.h"
#include "util/buffer.h"


typedef enum assay_strategy {
    ASSAY_STRATEGY_WEIGHTED_MEAN,
    ASSAY_STRATEGY_MIN,
    ASSAY_STRATEGY_MAX,
    ASSAY_STRATEGY_TOPSIS, /* relative to the whole batch */
    ASSAY_STRATEGY_LUA     /* a Lua function of the domain scores */
} assay_strategy;

/* What a veto, a flag or a missing score does to a record. */
typedef enum assay_action {
    ASSAY_ACTION_NONE,   /* nothing */
    ASSAY_ACTION_LOWER,  /* competes only for tiers below its best */
    ASSAY_ACTION_REVIEW, /* held for human review: keeps rank, no seat */
    ASSAY_ACTION_REJECT
} assay_action;

typedef struct assay_tier {
    char *name;
    double min_score;
    size_t capacity;
    /* What an applicant must request to compete for it, any one of them:
     * indexes into the policy's requests, ascending, at least one. */
    uint32_t *requires;
    size_t require_count;
    char **benefits;
    size_t benefit_count;
    int line; /* where it is declared */
} assay_tier;

/* A domain as the policy treats it. The policy names domains; which ones
 * exist is the plugins' (engine/domain.h). */
typedef struct assay_policy_domain {
    char *name;
    double weight;        /* 0 leaves the domain out */
    unsigned char cost;   /* a TOPSIS cost criterion */
    unsigned char always; /* counts for every record, claimed or not */
    unsigned char weighed; /* named in weights {...} */
    int line;             /* where the policy first names it; 0: added by
                             default_weight when a record had it */
} assay_policy_domain;

/* The review panel (docs/office.md): its reviewers' scores enter as the
 * findings of one domain, which counts for every record it scores. */
typedef struct assay_panel_policy {
    char *domain; /* "panel" unless declared */
    double low, high; /* the scale a reviewer scores on */
    size_t min_reviewers; /* reviewers an application needs (default 2) */
    int level; /* assay_level of the scores, for the agreement measure */
    int line;  /* where panel {...} is declared; 0: not declared */
} assay_panel_policy;

typedef struct assay_policy {
    char *path;
    assay_strategy strategy;
    /* The domains the policy names, sorted by name, then those added by
     * default_weight as they were met. */
    assay_policy_domain *domains;
    size_t domain_count, domain_cap;
    int has_default_weight; /* default_weight(W), or no weights {...} */
    double default_weight;
    int weights_line, default_weight_line; /* 0: not declared */
    int include_unclaimed; /* count scored domains the record does not claim */
    int missing_as_zero;   /* a claimed domain without a score counts 0 */
    assay_action on_veto, on_flag, on_unscored;
    size_t waitlist;
    assay_panel_policy panel;
    assay_tier *tiers; /* highest first */
    size_t tier_count;
    /* What applicants can request: every name some tier requires, in the
     * order the tiers first name them. The core knows none by name. */
    char **requests;
    size_t request_count;
    /* Where records keep their claims, requests and name: fields {...}
     * (the strings are the policy's), else the defaults. */
    assay_record_fields fields;
    int fields_line; /* 0: not declared */
    char *claims_field, *requests_field, *name_field; /* owned, or NULL */
    struct assay_sandbox *sandbox; /* holds the Lua strategy function */
    int combine_ref;               /* its registry reference */
    struct assay_frozen_upvalues *upvalues; /* the file-level locals the
                                               strategy function reaches */
} assay_policy;

/* Loads and checks the policy file at path. On failure returns NULL and
 * writes "path:line: what is wrong and what to do" to err. Free with
 * assay_policy_free. */
assay_policy *assay_policy_load(const char *path, char *err, size_t err_size);
/* The same for a policy given as text; name stands for the file in
 * messages ("name:line: ..."). */
assay_policy *assay_policy_load_text(const char *text, size_t len,
                                     const char *name, char *err,
                                     size_t err_size);
void assay_policy_free(assay_policy *p);

/* The shipped default policy (build/policy/default.lua in a build tree,
 * share/assay/policy/default.lua in an install), or NULL when missing. */
const char *assay_default_policy_path(void);

/* The index of request name in p->requests, or -1 when no tier requires
 * it. */
int assay_policy_request_index(const assay_policy *p, const char *name);

/* 1 when one of the n requests (indexes into p->requests, ascending) is
 * one tier t requires. */
int assay_tier_accepts(const assay_tier *t, const uint32_t *requests,
                       size_t n);

/* Appends the n requests (indexes, ascending) for people: "a", "a or b",
 * "a, b or c". */
void assay_policy_request_text(const assay_policy *p,
                               const uint32_t *requests, size_t n,
                               assay_buffer *out);

/* The index of domain name in p->domains, or -1 when the policy does not
 * weigh it and has no default weight. A domain met for the first time
 * under default_weight(W) is added with weight W. */
int assay_policy_domain_index(assay_policy *p, const char *name);
/* The same without adding: -1 when p->domains does not hold it. */
int assay_policy_find_domain(const assay_policy *p, const char *name);

/* Checks that p weighs domain name (declared at `declared_at`, for the
 * message); 0 when it does (or default_weight covers it), else non-zero
 * with "policy:line: ... and what to do" in err. */
int assay_policy_check_domain(assay_policy *p, const char *name,
                              const char *declared_at, char *err,
                              size_t err_size);

const char *assay_strategy_name(assay_strategy s);
const char *assay_action_name(assay_action a);

/* Calls the policy's Lua strategy function with {domain = score} (scores
 * and counted have p->domain_count entries); on
 * success stores the result (nil: no score) and returns 0, else writes
 * "path:line: message" to err and returns non-zero. */
int assay_policy_call_combine(assay_policy *p, const double *scores,
                              const unsigned char *counted, double *out,
                              int *has_score, char *err, size_t err_size);

#endif
