/* What changed between two decision files (assay diff).
 *
 * Both files are decision records as `assay run` and `assay decide` write
 * them (docs/output.md). Applicants are matched by id. For every applicant
 * whose decision or rank changed, the comparison says why: the findings
 * that appeared, disappeared or changed score or weight, the vetoes and
 * flags that came or went, the domain scores that moved, and, where a seat
 * of a tier went from one applicant to another, who took it. The summary
 * counts the moves between each pair of decisions, the seats that changed
 * hands, the applicants added and removed and each tier's lowest seated
 * score before and after.
 *
 * Only each record's id, decision, rank, score and byte offset are kept in
 * memory; the few records that changed are read again from their files, so
 * memory does not grow with the records' size. Files must be seekable. */
#ifndef ASSAY_DECISION_DIFF_H
#define ASSAY_DECISION_DIFF_H

#include <stddef.h>
#include <stdio.h>

#include "util/buffer.h"
#include "util/problems.h"

/* One applicant's outcome in one file. */
typedef struct assay_outcome {
    char *id;
    char *decision; /* a tier, "waitlist", "review", "reject" or "error" */
    long rank;      /* 0: unranked (an error record) */
    double score;
    int has_score; /* 0: "score" was null or absent */
    size_t line;   /* line of the record in its file, from 1 */
    long offset;   /* byte offset of that line */
} assay_outcome;

/* One decision file, indexed by id. */
typedef struct assay_outcome_file {
    const char *path;
    FILE *file;
    assay_outcome *items;
    size_t count, cap;
    size_t *by_id; /* indexes into items, sorted by id */
} assay_outcome_file;

typedef enum assay_change_kind {
    ASSAY_CHANGE_DECISION, /* the decision (tier) changed */
    ASSAY_CHANGE_RANK,     /* same decision, another rank */
    ASSAY_CHANGE_ADDED,    /* only in the new file */
    ASSAY_CHANGE_REMOVED   /* only in the old file */
} assay_change_kind;

typedef struct assay_change {
    assay_change_kind kind;
    const assay_outcome *old_outcome; /* NULL when added */
    const assay_outcome *new_outcome; /* NULL when removed */
    /* For a decision change: the applicant who took the seat this one left
     * (seat_to) or whose seat this one took (seat_from), or NULL. */
    const assay_outcome *seat_to;
    const assay_outcome *seat_from;
} assay_change;

typedef struct assay_decision_diff {
    assay_outcome_file old_file, new_file;
    assay_change *changes; /* in the new file's rank order, then removed */
    size_t change_count;
    size_t decisions_changed, ranks_changed, added, removed;
    size_t scores_changed; /* same decision and rank, another score */
    size_t compared;       /* applicants in both files */
} assay_decision_diff;

/* Reads both files and compares them. On an unreadable file or record,
 * adds "file:line: what; what to do" to problems and returns -1. */
int assay_decision_diff_load(assay_decision_diff *d, const char *old_path,
                             const char *new_path, assay_problems *problems);
void assay_decision_diff_free(assay_decision_diff *d);

/* 1 if anything differs: a decision, a rank, a score, an applicant. */
int assay_decision_diff_any(const assay_decision_diff *d);

/* The readable report; with list_ranks, also each rank-only move. Writes
 * nothing when the files decide the same. Returns -1 with a problem when
 * a changed record cannot be read again. */
int assay_decision_diff_text(const assay_decision_diff *d, int list_ranks,
                             assay_buffer *out, assay_problems *problems);
/* The same as JSON Lines: one object per change, then one summary line;
 * nothing when the files decide the same. */
int assay_decision_diff_json(const assay_decision_diff *d, assay_buffer *out,
                             assay_problems *problems);

#endif
