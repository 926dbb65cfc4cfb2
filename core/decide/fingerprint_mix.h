/* One set of plugins and rules for every scored record decide ranks: the
 * fingerprints (engine/fingerprint.h) of the ok records read, compared
 * with the first one met. Scores that different rules made do not rank
 * fairly together, so a mix is refused, naming both fingerprints and where
 * each first appeared. A record without one (written by an assay score
 * older than fingerprints) counts as a fingerprint of its own, "none":
 * such files decide as before, alone, but not mixed with newer ones.
 * Error records carry no score and are not compared. */
#ifndef ASSAY_FINGERPRINT_MIX_H
#define ASSAY_FINGERPRINT_MIX_H

#include <stddef.h>

#include "engine/fingerprint.h"

typedef struct assay_fingerprint_mix {
    int seen;                                  /* a record was compared */
    char first[ASSAY_FINGERPRINT_DIGITS + 1];  /* "" for none */
    const char *file;                          /* where it first appeared */
    size_t line;
} assay_fingerprint_mix;

/* Compares the fingerprint (NULL: none) of the record at file:line, file
 * kept as a pointer, with the first. Returns 0, or non-zero with the whole
 * message in err. */
int assay_fingerprint_mix_add(assay_fingerprint_mix *m,
                              const char *fingerprint, const char *file,
                              size_t line, char *err, size_t err_size);

#endif
