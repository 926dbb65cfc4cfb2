/* The fuzz targets' check of what a run wrote. */
#ifndef ASSAY_FUZZ_JSON_LINES_H
#define ASSAY_FUZZ_JSON_LINES_H

#include <stddef.h>

/* The number of lines in OUT[0..LEN); aborts unless each is one JSON
 * object ended by a newline. */
size_t fuzz_json_lines(const char *out, size_t len);

#endif
