#include "json_lines.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

size_t fuzz_json_lines(const char *out, size_t len)
{
    size_t lines = 0;
    for (const char *p = out; p < out + len;) {
        const char *nl = memchr(p, '\n', (size_t)(out + len - p));
        if (!nl)
            abort(); /* a torn last line */
        cJSON *root = cJSON_ParseWithLength(p, (size_t)(nl - p));
        if (!cJSON_IsObject(root))
            abort(); /* not one JSON object a line */
        cJSON_Delete(root);
        lines++;
        p = nl + 1;
    }
    return lines;
}
