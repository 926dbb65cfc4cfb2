/* The result of evaluating one record: findings, vetoes and flags as the
 * plugins reported them, then the domain scores computed from them (the
 * overall score and the decision are the policy's, made for the batch). A worker reuses one result for every record. */
#ifndef ASSAY_RESULT_H
#define ASSAY_RESULT_H

#include <stddef.h>

#include "util/arena.h"
#include "engine/domain.h"

typedef struct assay_finding {
    const char *rule;   /* owned by the plugin set */
    const char *plugin; /* owned by the plugin set */
    int domain;         /* index in the result's domains */
    double score;       /* in [0, 1]; meaningless when error is set */
    double weight;
    char *reason; /* in the result's arena; NULL for an error finding */
    char *error;  /* in the result's arena; non-NULL: an error finding */
} assay_finding;

/* A veto or a flag. */
typedef struct assay_mark {
    const char *rule;
    const char *plugin;
    char *reason; /* in the result's arena */
} assay_mark;

typedef struct assay_result {
    assay_finding *findings;
    size_t finding_count, finding_cap;
    assay_mark *vetoes;
    size_t veto_count, veto_cap;
    assay_mark *flags;
    size_t flag_count, flag_cap;

    /* The run's declared domains (the plugin set's): findings and the
     * arrays below are indexed by them. */
    const assay_domains *domains;
    size_t domain_count;
    /* Filled by assay_combine; domain_count entries each. */
    double *domain_score;
    unsigned char *domain_scored;
    unsigned char *claimed; /* 1: the record claims the domain */
    /* The record's list of requests, or NULL: its strings are written
     * into the scored record as given. Points into the record. */
    const struct cJSON *requests;
    assay_arena strings; /* every reason and error of this record */
} assay_result;

/* An empty result for records judged on `domains` (which must outlive it
 * and not grow; NULL: none). */
void assay_result_init(assay_result *r, const assay_domains *domains);
/* Empties the result for the next record, keeping its storage. */
void assay_result_clear(assay_result *r);
void assay_result_free(assay_result *r);

/* Append; the strings are copied. */
void assay_result_add_finding(assay_result *r, const char *rule,
                              const char *plugin, int domain, double score,
                              double weight, const char *reason);
void assay_result_add_error(assay_result *r, const char *rule,
                            const char *plugin, int domain,
                            const char *message);
void assay_result_add_veto(assay_result *r, const char *rule,
                           const char *plugin, const char *reason);
void assay_result_add_flag(assay_result *r, const char *rule,
                           const char *plugin, const char *reason);

size_t assay_result_error_count(const assay_result *r);

#endif
