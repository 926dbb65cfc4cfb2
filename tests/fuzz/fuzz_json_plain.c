/* The plain JSON reader (util/json_plain.h), fuzzed against cJSON: each
 * line of the input, and the whole input, either declined or read into
 * the tree cJSON reads. The seeds are the record target's. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plain_agreement.h"

static void check(const char *text, size_t len)
{
    char why[1024];
    if (plain_agreement(text, len, why, sizeof why) < 0) {
        fprintf(stderr, "json_plain: %s\n", why);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    check(text, size);
    size_t start = 0;
    for (size_t i = 0; i <= size; i++)
        if (i == size || text[i] == '\n') {
            check(text + start, i - start);
            start = i + 1;
        }
    return 0;
}
