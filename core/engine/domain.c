#include "engine/domain.h"

#include <string.h>

static const char *const names[ASSAY_DOMAIN_COUNT] = {
    "ai", "connectivity", "autonomous_driving",
    "cloud", "digitalization", "business"};

int assay_domain_index(const char *name)
{
    if (!name)
        return -1;
    for (int i = 0; i < ASSAY_DOMAIN_COUNT; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    return -1;
}

const char *assay_domain_name(int index)
{
    return index >= 0 && index < ASSAY_DOMAIN_COUNT ? names[index] : "?";
}

const char *assay_domain_list(void)
{
    return "ai, connectivity, autonomous_driving, cloud, digitalization, "
           "business";
}
