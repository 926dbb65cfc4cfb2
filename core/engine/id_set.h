/* The ids of one run's records, so that a second record with the id of an
 * earlier one is refused instead of becoming a second applicant of that
 * name (docs/batch.md, "Duplicate ids"). Ids are kept as the escaped JSON
 * text the output records hold, which assay writes one way only, so equal
 * ids have equal text. Memory grows with the distinct ids only: each holds
 * its text and one 32-byte slot, the table at most three-quarters full
 * (under 110 MB for a million 20-byte ids). */
#ifndef ASSAY_ID_SET_H
#define ASSAY_ID_SET_H

#include <stddef.h>
#include <stdint.h>

#include "util/buffer.h"

typedef struct assay_id_slot {
    size_t text_off, text_len; /* into keys */
    size_t line;               /* the slot is free when it is 0 */
    uint32_t hash;
} assay_id_slot;

typedef struct assay_id_set {
    assay_buffer keys; /* every id's text, back to back */
    assay_id_slot *slots;
    size_t slot_count, count;
} assay_id_set;

void assay_id_set_init(assay_id_set *s);
void assay_id_set_free(assay_id_set *s);

/* Adds the id text[0..len) first seen on line (>= 1); returns 0 when it is
 * new, else the line it was first seen on. Aborts when out of memory. */
size_t assay_id_set_add(assay_id_set *s, const char *text, size_t len,
                        size_t line);

/* The id of an output record (engine/output.h: id, when there is one, is
 * its first member) as the escaped text between its quotes; 0 when the
 * record has no id. */
int assay_output_record_id(const char *record, size_t len, const char **id,
                           size_t *id_len);

/* Appends the message of a duplicate's error record, the one wording that
 * score, run and decide all write:
 *   line 3: duplicate id "D-1", first seen on line 1; give each
 *   application its own id (the first record is kept)
 * id_text[0..id_len) is the id's escaped text between its quotes. The
 * first's part is named ("first seen on part 0 line 1") when with_part is
 * set, that is when the records are not all in part 0. */
void assay_duplicate_id_message(assay_buffer *msg, uint64_t line,
                                const char *id_text, size_t id_len,
                                int with_part, uint64_t first_part,
                                uint64_t first_line);

#endif
