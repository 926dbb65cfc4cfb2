/* Combining findings into domain scores. A domain score is the weighted
 * mean of the domain's findings that applied (error findings excluded).
 * How domain scores become an overall score is the policy's (strategy.h),
 * decided for the whole batch in `assay decide`. */
#ifndef ASSAY_COMBINE_H
#define ASSAY_COMBINE_H

#include <cjson/cJSON.h>

#include "engine/record_fields.h"
#include "engine/result.h"

/* Fills r->domain_score and r->domain_scored from the findings in r, and
 * r->claimed and r->requests from the record's fields->claims and
 * fields->requests (claims of domains no plugin declared are left out; a
 * rule may flag them; requests are kept as the record gives them, for the
 * policy to read). Only the
 * claimed domains some loaded rule judges (r->domains' judged) count as
 * claimed: a claim no loaded rule can judge says nothing about the
 * evidence, so a policy's `missing "zero"` must not punish it. */
void assay_combine(assay_result *r, const cJSON *record,
                   const assay_record_fields *fields);

#endif
