/* Whole small files (mappings, committee decisions) read into memory. */
#ifndef ASSAY_FILE_TEXT_H
#define ASSAY_FILE_TEXT_H

#include <stddef.h>

/* Reads the file at path, at most max bytes, into a NUL-terminated string
 * the caller frees, its length in *len (may be NULL). NULL, with "cannot
 * read PATH: why" in err, when it cannot be opened or read, is larger than
 * max or holds a NUL byte. */
char *assay_file_text(const char *path, size_t max, size_t *len, char *err,
                      size_t err_size);

#endif
