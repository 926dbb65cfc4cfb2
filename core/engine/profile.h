/* What each rule did over a run, and what it cost (assay profile).
 *
 * Counts come from the scored records as the run writes them: for every
 * rule, the records it was run on, how many it applied to (a score), how
 * many it returned nothing for, errored on, vetoed and flagged, its mean
 * score and a histogram of its scores. Times come from the workers'
 * clocks: every plugin's evaluate call is timed, and every Lua rule call;
 * a compiled plugin's rules run inside one call, so only the plugin has a
 * time. Nothing is timed or counted unless a profile is asked for.
 *
 * With lint, the profile also names rules that never applied, always gave
 * the same score, or gave scores perfectly correlated with another rule's
 * (Pearson's r of at least 0.999 over at least 10 records both applied
 * to), computed on the first ASSAY_PROFILE_LINT_RECORDS records. */
#ifndef ASSAY_PROFILE_H
#define ASSAY_PROFILE_H

#include <stddef.h>

#include "engine/engine.h"
#include "util/buffer.h"

#define ASSAY_PROFILE_BINS 10
#define ASSAY_PROFILE_LINT_RECORDS 100000u

/* Nanoseconds per plugin and per rule (load order), summed over workers. */
typedef struct assay_profile_clock {
    size_t plugin_count, rule_count;
    unsigned long long *plugin_ns, *rule_ns;
} assay_profile_clock;

typedef struct assay_rule_profile {
    const char *id, *plugin; /* owned by the engine */
    size_t plugin_index;
    int timed; /* a Lua rule: it has a time of its own */
    size_t applied, errored, vetoed, flagged;
    size_t last_record; /* the record it was last counted applied for */
    double score_sum, score_min, score_max;
    size_t histogram[ASSAY_PROFILE_BINS];
} assay_rule_profile;

typedef struct assay_profile {
    const assay_engine *engine;
    assay_profile_clock clock;
    assay_rule_profile *rules;
    size_t rule_count;
    size_t *by_id; /* rule indexes sorted by id, for lookup */
    size_t records, error_records;
    size_t plugin_failures; /* "plugin failed on this record" findings */
    double seconds;         /* wall time of the run */
    int lint;
    int timed; /* 1 (the default): clocks run and times are reported */
    float *lint_scores;          /* rule_count * kept; NAN: not applied */
    size_t lint_kept;
} assay_profile;

void assay_profile_init(assay_profile *p, const assay_engine *engine,
                        int lint);
void assay_profile_free(assay_profile *p);

/* Counts one output record of `assay score` (an error record too). */
void assay_profile_add(assay_profile *p, const char *text, size_t len,
                       int is_error);

/* Adds a worker's clocks (called once per worker when the run ends). */
void assay_profile_clock_add(assay_profile_clock *c,
                             const unsigned long long *plugin_ns,
                             const unsigned long long *rule_ns);

/* The readable report and its JSON form. */
void assay_profile_text(const assay_profile *p, assay_buffer *out);
void assay_profile_json(const assay_profile *p, assay_buffer *out);

#endif
