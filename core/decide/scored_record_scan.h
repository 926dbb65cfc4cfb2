/* Reading a scored record in one pass over its text, for assay decide's
 * common case: a record exactly as assay score writes it. The scan never
 * refuses and never explains: it accepts a record, and says what decide
 * needs of it, only when assay_scored_record_check would accept the same
 * text and read the same values from it; anything else (a record with an
 * error, a member the format does not name, an escape in a name, a number
 * the fast conversion cannot read exactly, any doubt) it declines, and
 * decide parses the record with cJSON and checks it, for the message.
 * So the messages stay the check's, and the scan's only promise is that
 * what it accepts, the check accepts alike (tests/unit and the fuzz target
 * scored_record_scan hold it to that). */
#ifndef ASSAY_SCORED_RECORD_SCAN_H
#define ASSAY_SCORED_RECORD_SCAN_H

#include <stddef.h>
#include <stdint.h>

/* The most domains, claimed domains and requests a record may have for
 * the scan to take it; a record with more is declined (and checked). */
#define ASSAY_SCAN_MAX_NAMES 32

/* What an accepted record holds for decide. Every string is a copy, ended
 * by a NUL, in the scan's own pool (names), valid until the next scan. */
typedef struct assay_scored_scan {
    uint64_t line, part;
    const char *id;
    const char *fingerprint; /* NULL when the record has none */
    size_t domain_count, claimed_count, request_count;
    const char *domain[ASSAY_SCAN_MAX_NAMES];
    double score[ASSAY_SCAN_MAX_NAMES];
    const char *claimed[ASSAY_SCAN_MAX_NAMES];
    const char *request[ASSAY_SCAN_MAX_NAMES];
    size_t veto_count, flag_count;
    /* The record is laid out exactly as assay score writes it: its members
     * in score's order, no whitespace; assay_scored_record_spans finds the
     * parts decide copies. */
    int canonical;
    char names[4096]; /* the pool; a record whose names do not fit is
                         declined */
    size_t names_used;
} assay_scored_scan;

/* Scans text[0..len) (one line, without its newline). Returns 1 with out
 * filled when the record is a valid scored record with status "ok" that
 * the scan can read; 0 when decide must parse and check it instead. */
int assay_scored_record_scan(const char *text, size_t len,
                             assay_scored_scan *out);

/* Where, in the text of a record the scan found canonical, the value of
 * "domains" is, the run `"findings":[...],"vetoes":[...],"flags":[...]`
 * that a decision copies as it is, and (when asked for) the values of
 * "vetoes" and "flags" (offsets from the record's start). */
typedef struct assay_scored_spans {
    size_t domains_at, domains_len;
    size_t rest_at, rest_len;
    size_t vetoes_at, vetoes_len; /* 0 and 0 unless with_marks */
    size_t flags_at, flags_len;
} assay_scored_spans;

/* Finds the spans; without with_marks it does not read the findings at
 * all, with it only for their strings' ends. Returns 0 (decide then
 * splits the record's members) for a text not in that layout. */
int assay_scored_record_spans(const char *text, size_t len, int with_marks,
                              assay_scored_spans *out);

#endif
