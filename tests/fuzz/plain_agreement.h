/* The plain reader's promise (util/json_plain.h), held to account: a text
 * it accepts must parse with cJSON to the same tree, field for field and
 * link for link, ending at the same place. Shared by the unit test and the
 * fuzz target json_plain. */
#ifndef ASSAY_PLAIN_AGREEMENT_H
#define ASSAY_PLAIN_AGREEMENT_H

#include <stddef.h>

/* 0 when the plain reader declines text[0..len), 1 when it accepts it and
 * cJSON agrees; -1 with what differs in why when cJSON does not. */
int plain_agreement(const char *text, size_t len, char *why,
                    size_t why_size);

#endif
