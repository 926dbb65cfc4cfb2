/* Which fields of an application record the core itself reads: the
 * domains it claims, what it requests and its display name. They are
 * policy data (fields {...}, docs/policy.md); the defaults below are the
 * names the shipped sample data uses. Values are dotted paths, as rules
 * use them ("application.claims"). */
#ifndef ASSAY_RECORD_FIELDS_H
#define ASSAY_RECORD_FIELDS_H

typedef struct assay_record_fields {
    const char *claims;   /* a list of domain names */
    const char *requests; /* a list of request names */
    const char *name;     /* a string, for people: reports, letters */
} assay_record_fields;

#define ASSAY_DEFAULT_CLAIMS_FIELD "domains"
#define ASSAY_DEFAULT_REQUESTS_FIELD "requests"
#define ASSAY_DEFAULT_NAME_FIELD "name"

/* 1 when path can name a field: a name or a dotted path, no empty
 * segment, no control character, at most 256 bytes. */
int assay_field_path_valid(const char *path);

/* The defaults, in static storage. */
assay_record_fields assay_record_fields_default(void);

#endif
