/* Unnamed temporary files in $TMPDIR (else /tmp), for streams read twice.
 * tmpfile() would ignore TMPDIR, so a message that advises setting it
 * could not be followed. */
#ifndef ASSAY_TEMP_FILE_H
#define ASSAY_TEMP_FILE_H

#include <stdio.h>

/* The directory temporary files go to: $TMPDIR when set and not empty,
 * else /tmp. */
const char *assay_temp_dir(void);

/* A new file in assay_temp_dir(), open for reading and writing, already
 * unlinked (it goes when closed) and closed on exec; NULL with errno set
 * when it cannot be made. */
FILE *assay_temp_file(void);

#endif
