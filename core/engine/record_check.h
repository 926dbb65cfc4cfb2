/* Checking an application against what the loaded rules declare they read
 * (assay validate), before anything is scored:
 *   error    a field of another type than its rules declare (the rules
 *            that read it would fail on it);
 *   warning  a field no rule reads whose name is a near miss of one they
 *            do ("autonomus_driving"), a claimed domain that no loaded
 *            plugin declares and the policy does not name, a request no
 *            tier asks for;
 *   missing  a declared field absent (or null) that a rule of a domain
 *            counted for the record reads: what the applicant could add;
 *   unread   a field no rule reads and no near miss: extra data, normal.
 * Fields the core or the policy reads (id, name, the claims and requests
 * fields: core_fields) are known too. */
#ifndef ASSAY_RECORD_CHECK_H
#define ASSAY_RECORD_CHECK_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "engine/plugin_set.h"
#include "engine/record_schema.h"

typedef enum assay_check_kind {
    ASSAY_CHECK_ERROR,
    ASSAY_CHECK_WARNING,
    ASSAY_CHECK_MISSING,
    ASSAY_CHECK_UNREAD
} assay_check_kind;

/* When the rules of a declared domain count for a record. */
typedef enum assay_check_domain {
    ASSAY_CHECK_IF_CLAIMED, /* when the record claims it, or claims none */
    ASSAY_CHECK_ALWAYS,     /* for every record */
    ASSAY_CHECK_NEVER       /* weighed 0: never */
} assay_check_domain;

/* Receives one finding of a check: field is the dotted path; message is a
 * sentence for ERROR and WARNING, the comma-separated rule ids that read
 * the field for MISSING, NULL for UNREAD. */
typedef void (*assay_check_report)(void *ctx, assay_check_kind kind,
                                   const char *field, const char *message);

typedef struct assay_record_checker {
    const assay_plugin_set *set;
    assay_schema_field fields;
    const char *const *core_fields; /* read by the core and the policy */
    size_t core_field_count;
    const char *claims_field;   /* "domains": names of claimed domains */
    const char *requests_field; /* "requests": names of requests */
    const char *const *requests; /* the request names the policy knows */
    size_t request_count;
    const char *const *named_domains; /* the domains the policy names */
    size_t named_domain_count;
    const unsigned char *domain_counts; /* assay_check_domain for each of
                                           set->domains, NULL: all
                                           ASSAY_CHECK_IF_CLAIMED */
} assay_record_checker;

/* Builds c->fields from c->set (fill the other members first); 0 on
 * success, non-zero when out of memory. */
int assay_record_checker_init(assay_record_checker *c);
void assay_record_checker_free(assay_record_checker *c);

/* Checks one parsed record, calling report for each finding in the order
 * of the record's fields (missing ones last, in the rules' load order). */
void assay_record_check(const assay_record_checker *c, const cJSON *root,
                        assay_check_report report, void *ctx);

#endif
