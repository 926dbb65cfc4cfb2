#include "engine/record_fields.h"

#include <string.h>

int assay_field_path_valid(const char *path)
{
    size_t n = path ? strlen(path) : 0;
    if (n == 0 || n > 256 || path[0] == '.' || path[n - 1] == '.' ||
        strstr(path, ".."))
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)path[i] < 0x20 || path[i] == 0x7f)
            return 0;
    return 1;
}

assay_record_fields assay_record_fields_default(void)
{
    return (assay_record_fields){ASSAY_DEFAULT_CLAIMS_FIELD,
                                 ASSAY_DEFAULT_REQUESTS_FIELD,
                                 ASSAY_DEFAULT_NAME_FIELD};
}
