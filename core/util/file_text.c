#include "util/file_text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *assay_file_text(const char *path, size_t max, size_t *len, char *err,
                      size_t err_size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, err_size, "cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    char *text = malloc(max + 1);
    size_t n = text ? fread(text, 1, max + 1, f) : 0;
    int failed = !text || ferror(f);
    fclose(f);
    const char *why = failed       ? "read error"
                      : n > max    ? "the file is too large"
                      : memchr(text, '\0', n) ? "it holds a NUL byte, not text"
                                              : NULL;
    if (why) {
        snprintf(err, err_size, "cannot read %s: %s", path, why);
        free(text);
        return NULL;
    }
    text[n] = '\0';
    if (len)
        *len = n;
    return text;
}
