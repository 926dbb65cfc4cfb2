/* The scan's promise (decide/scored_record_scan.h), held to account: a
 * record it accepts must pass the check, read the same. Shared by the unit
 * test and the fuzz target scored_record_scan. */
#ifndef ASSAY_SCAN_AGREEMENT_H
#define ASSAY_SCAN_AGREEMENT_H

#include <stddef.h>

#include "decide/scored_record_scan.h"

/* Scans text[0..len) into scan. Returns 0 when the scan declines it, 1
 * when it accepts it and the check agrees; when the check disagrees (it
 * refuses, or reads a different value), returns -1 with what differs in
 * why. */
int scan_agreement(const char *text, size_t len, assay_scored_scan *scan,
                   char *why, size_t why_size);

#endif
