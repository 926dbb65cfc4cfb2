/* The ids of one run's records, so that a second record with the id of an
 * earlier one is refused instead of becoming a second applicant of that
 * name (docs/batch.md, "Duplicate ids"). Ids are kept as the escaped JSON
 * text the output records hold, which assay writes one way only, so equal
 * ids have equal text. Memory grows with the distinct ids only: each holds
 * a 16-byte entry and its text, and one 8-byte slot in a table at most
 * three-quarters full (score's memory a record, docs/performance.md). */
#ifndef ASSAY_ID_SET_H
#define ASSAY_ID_SET_H

#include <stddef.h>
#include <stdint.h>

#include "util/buffer.h"

typedef struct assay_id_set {
    /* Entries back to back: the first line (8 bytes), the text's length
     * (4), its hash (4), the text. Entry offsets start at 1: 0 is no
     * entry. */
    assay_buffer keys;
    /* 0 when free, else the entry's offset (low 40 bits) and the top 24
     * bits of its hash, so most probes that miss read no entry. */
    uint64_t *slots;
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
