/* Checking one scored record against its documented format (docs/output.md,
 * "A scored record") before assay decide uses any of it. A record that
 * breaks the format is refused, never repaired: a score outside [0, 1] or
 * not finite, a field of the wrong type, a key given twice in any object,
 * a NUL in any string, a "line" or "part" that is not a whole number
 * decide can hold exactly, a finding, veto or flag with a member assay
 * score never writes. Members of the record itself that the format does
 * not name are allowed: decide does not read or copy them. */
#ifndef ASSAY_SCORED_RECORD_CHECK_H
#define ASSAY_SCORED_RECORD_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

/* The largest "line" or "part" decide accepts: 2^53, the largest whole
 * number a JSON number read as a double holds exactly. */
#define ASSAY_SCORED_MAX_WHOLE 9007199254740992.0

/* What a record that passed holds for decide's key and checks. */
typedef struct assay_scored_head {
    uint64_t line, part;
    int ok;                  /* status "ok" (else "error") */
    const char *fingerprint; /* NULL when the record has none */
} assay_scored_head;

/* Checks root, parsed from text[0..len) (the line as read, for the NULs a
 * parser would hide). Returns 0 with head filled, or non-zero with what is
 * wrong in what ("\"domains\".\"d\" is 5, outside [0, 1]"), for a message
 * that adds the file and line. */
int assay_scored_record_check(const cJSON *root, const char *text,
                              size_t len, assay_scored_head *head,
                              char *what, size_t what_size);

#endif
