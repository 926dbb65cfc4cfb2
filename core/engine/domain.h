/* The evaluation domains. Rules belong to one; a record claims some in its
 * "domains" field; "business" (team, traction, funding) applies to all. */
#ifndef ASSAY_DOMAIN_H
#define ASSAY_DOMAIN_H

enum {
    ASSAY_DOMAIN_AI,
    ASSAY_DOMAIN_CONNECTIVITY,
    ASSAY_DOMAIN_AUTONOMOUS_DRIVING,
    ASSAY_DOMAIN_CLOUD,
    ASSAY_DOMAIN_DIGITALIZATION,
    ASSAY_DOMAIN_BUSINESS,
    ASSAY_DOMAIN_COUNT
};

/* Index of a domain name, or -1 when unknown. */
int assay_domain_index(const char *name);
/* Name of a domain index (0 .. ASSAY_DOMAIN_COUNT-1). */
const char *assay_domain_name(int index);
/* "ai, connectivity, ..." for messages that list the choices. */
const char *assay_domain_list(void);

#endif
