#include "util/identifier.h"

#include <string.h>

int assay_identifier_valid(const char *name)
{
    if (!name || !(name[0] >= 'a' && name[0] <= 'z') ||
        strlen(name) > ASSAY_IDENTIFIER_MAX)
        return 0;
    for (const char *c = name; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
              *c == '_'))
            return 0;
    return 1;
}
