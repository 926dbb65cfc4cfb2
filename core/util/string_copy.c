#include "util/string_copy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *assay_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (!p) {
        fputs("assay: out of memory\n", stderr);
        abort();
    }
    return memcpy(p, s, n);
}
