/* The SHA-256 of a file: the hash the run manifest lists for every
 * plugin, rule file, policy and input, and the one a plugin set's
 * fingerprint is made of (engine/fingerprint.h). */
#ifndef ASSAY_SHA256_H
#define ASSAY_SHA256_H

#include <stddef.h>

/* The SHA-256 of the file at path as 64 lower-case hex digits in hex.
 * Returns 0, or non-zero with the reason in err. */
int assay_sha256_file(const char *path, char hex[65], char *err,
                      size_t err_size);

#endif
