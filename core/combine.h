/* Combining findings into scores. A domain score is the weighted mean of
 * the domain's findings that applied (error findings excluded). The overall
 * score is the mean of the domain scores of the domains the record claims
 * in "domains", plus "business", which every record is judged on; a record
 * that claims no domain is judged on every domain that scored. */
#ifndef ASSAY_COMBINE_H
#define ASSAY_COMBINE_H

#include <cjson/cJSON.h>

#include "result.h"

/* Fills r->domain_score, r->domain_scored, r->score and r->scored from the
 * findings in r and the record's claimed domains. */
void assay_combine(assay_result *r, const cJSON *record);

#endif
