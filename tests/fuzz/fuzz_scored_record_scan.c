/* The one-pass scan of scored records (decide/scored_record_scan.h),
 * fuzzed against the check it stands in for: whatever the scan accepts,
 * cJSON and assay_scored_record_check must accept and read alike. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "scan_agreement.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static assay_scored_scan scan;
    char why[1024];
    if (scan_agreement((const char *)data, size, &scan, why, sizeof why) < 0) {
        fprintf(stderr, "scored_record_scan: %s\n", why);
        abort();
    }
    return 0;
}
