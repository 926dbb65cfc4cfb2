/* What a committee report is made of: the decision records of a run, its
 * summary and manifest, and the applicants' names, read back from the
 * files of the shared contracts (docs/report.md) and put in rank order.
 * Every text in here came from a record and is untrusted: the writers
 * escape it (core/html.h, core/report_csv.h). */
#ifndef ASSAY_REPORT_DATA_H
#define ASSAY_REPORT_DATA_H

#include <stddef.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "engine/record_fields.h"
#include "report/report_facts.h"


/* Parts of a record read back in full (assay_report_detail); strings
 * point into its JSON tree. A score that is absent or null is NAN. */
typedef struct assay_report_finding {
    const char *rule, *plugin, *domain;
    double score, weight;
    const char *reason; /* NULL for an error finding */
    const char *error;  /* non-NULL makes this an error finding */
} assay_report_finding;

typedef struct assay_report_mark {
    const char *rule, *plugin, *reason;
} assay_report_mark;

typedef struct assay_report_why_not {
    const char *tier, *reason;
} assay_report_why_not;

/* A tie at a tier's cut-off as the decide engine marked it in a decision
 * record's `tie` and the summary's tiers[].tie: the records with the
 * cut-off score that got a seat and that reached the tier but found
 * none, and the step of the ranking's tie-break that settled it. The
 * report shows it; it never works a tie out for itself. */
typedef struct assay_report_tie {
    const char *tier;       /* NULL: no tie */
    double score;           /* the cut-off score */
    size_t seated, unseated;
    const char *settled_by; /* "smaller id", ... */
} assay_report_tie;

/* The committee's word on a record (its `override`, or `displaced_by`
 * when another's override took its seat), beside assay's own decision.
 * Strings point into the record's JSON. */
typedef struct assay_report_committee {
    const char *decision, *reason, *who, *when;
    const char *displaced;    /* override: whose seat it took, or NULL */
    const char *displacer;    /* displaced_by: whose override, or NULL */
    const char *assay_decision, *assay_why;
} assay_report_committee;

/* Ordinals of an entry in each sort order of the ranked table: equal values
 * share one, so ties keep rank order; 0 when the value is absent. */
enum { ASSAY_SORT_RANK, ASSAY_SORT_ID, ASSAY_SORT_NAME, ASSAY_SORT_REQUESTS,
       ASSAY_SORT_DECISION, ASSAY_SORT_SCORE,
       ASSAY_SORT_DOMAIN0 /* + domain index */ };

/* A domain some record has a score in, as the report shows it. */
typedef struct assay_report_domain {
    char *name;
    char *label; /* the plugins' label when the run gave it, else name */
} assay_report_domain;

/* One rule's score in a record, for the CSV's column of that rule. */
typedef struct assay_report_rule_score {
    const char *rule; /* interned: equal rules are one pointer */
    double score;     /* NAN when absent */
    int error;
} assay_report_rule_score;

typedef struct assay_report_domain_score {
    const char *domain; /* interned */
    double score;
} assay_report_domain_score;

/* What the report keeps of every record: what the summary, the charts, the
 * ranking and the CSV need, a few hundred bytes. The rest of a record
 * (findings with their reasons, why not, benefits) is read back from the
 * report's copy of the decisions only for the applications shown in full
 * (assay_report_detail_read). Strings are owned by the report. */
typedef struct assay_report_entry {
    long offset;        /* of the record's text in the report's copy */
    size_t length;
    size_t source_line; /* line in the decisions file */
    const char *id;     /* NULL for an error record without one */
    size_t line;        /* input line of the record */
    int ok;             /* status "ok"; else an error record */
    const char *error;  /* message of an error record */
    size_t rank;        /* 0 when the record has none */
    const char *decision; /* interned */
    size_t decision_index; /* into assay_report.decisions */
    double score;
    double *domain; /* assay_report.domain_count scores, NAN when absent */
    assay_report_domain_score *domain_scores; /* until finished */
    size_t domain_score_count;
    assay_report_rule_score *rule_scores;
    size_t rule_score_count;
    size_t veto_count, flag_count;
    const char *held_by; /* interned rule of the first flag, else veto */
    const char *tie_tier; /* interned: the tier whose cut-off it tied at */
    /* Interned: assay's own decision when the committee's override (or
     * another's override taking its seat) changed it; else NULL. */
    const char *assay_decision;
    const char *why;
    const char *name; /* joined from the input; NULL when unknown */
    const char *requests; /* the input's requests joined by ", ", or NULL */
    size_t *order; /* ASSAY_SORT_DOMAIN0 + domain_count ordinals */
    int shown;     /* shown in full: a ranking row and a section */
} assay_report_entry;

/* The rest of an ok record, read back for an application shown in full.
 * Strings point into json. */
typedef struct assay_report_detail {
    cJSON *json; /* owned */
    const char **benefits;
    size_t benefit_count;
    assay_report_finding *findings;
    size_t finding_count;
    assay_report_mark *vetoes, *flags;
    size_t veto_count, flag_count;
    assay_report_why_not *why_not;
    size_t why_not_count;
    assay_report_tie tie;
    int overridden, displaced; /* which of the two committee holds */
    assay_report_committee committee;
    double panel_reviewers, panel_conflicts; /* NAN without a panel */
    int panel_counted;
    /* Its application's values of the declared fields, one for each of
     * assay_report.facts.fields; NULL when the input gave none (no
     * input, no declared fields, or an id the input does not have). */
    assay_report_fact *facts;
    cJSON *facts_json; /* owned: where the values' strings are */
} assay_report_detail;

/* The held_by of an application the committee's override held for
 * review (compared by address). */
extern const char assay_report_held_by_committee[];

/* Applications held for review for one reason, in rank order of the
 * first. */
typedef struct assay_report_held {
    const char *reason; /* the rule (interned), assay_report_held_by_
                           committee, or NULL: no score */
    size_t count;
} assay_report_held;

/* Who is shown in full: every seat holder, the first
 * ASSAY_REPORT_WAITLIST_SHOWN of the waitlist, ASSAY_REPORT_BORDERLINE on
 * either side of each cut-off that bound, the first ASSAY_REPORT_HELD_SHOWN
 * held for each reason, and the first `detail_top` in rank order. */
enum { ASSAY_REPORT_BORDERLINE = 3, ASSAY_REPORT_WAITLIST_SHOWN = 50,
       ASSAY_REPORT_HELD_SHOWN = 25, ASSAY_REPORT_DETAIL_TOP = 250 };

typedef struct assay_report_tier {
    const char *name;
    double capacity, used;
    double cutoff_score; /* NAN when no seat was given */
    double cutoff_rank;  /* NAN when no seat was given */
    double min_score;    /* NAN unless the summary states it */
    /* From the decisions, by assay_report_finish: */
    int filled;          /* every seat given: only then the cut-off bound */
    size_t last_seat;    /* entries index + 1 of its last seat; 0: none */
    /* The tie at its cut-off, from the decision records (the first that
     * names this tier); tie.tier is NULL when none marks one. */
    assay_report_tie tie;
} assay_report_tier;

typedef struct assay_report_name assay_report_name;

typedef struct assay_string_map assay_string_map;

typedef struct assay_report {
    assay_report_entry *entries; /* ok records in rank order, then errors */
    size_t count, cap;
    size_t ok_count; /* entries[0 .. ok_count-1] are ok records */
    size_t detail_top;  /* set before finishing; ASSAY_REPORT_DETAIL_TOP */
    size_t shown_count; /* ok entries shown in full */
    FILE *copy;         /* the ok records' text, read back for details */
    assay_string_map *interned;

    assay_report_held *held; /* by reason, for the review queue */
    size_t held_count;

    assay_report_tie *ties; /* as the records mark them, one a tier */
    size_t tie_count;

    cJSON *summary;  /* owned, or NULL */
    cJSON *manifest; /* owned, or NULL */
    assay_report_facts facts; /* the rules' declared inputs, from it */
    assay_report_tier *tiers; /* from the summary */
    size_t tier_count;

    /* Every decision met: the summary's tiers in order (decisions[t] is
     * tiers[t].name), then waitlist, review, reject, then any other in
     * order of appearance. */
    const char **decisions;
    size_t *decision_counts;
    size_t decision_count;

    /* The domains some ok record has a score in, by name. */
    assay_report_domain *domains;
    size_t domain_count, domain_cap;
    assay_report_domain *labels; /* set before the records are finished */
    size_t label_count;
    const char **rules; /* every rule with a finding, sorted */
    size_t rule_count;

    assay_report_name **names; /* id -> name, a hash table */
    size_t name_slots, name_count;
    size_t names_unmatched; /* ok records whose id is not among the names */
    int names_given;        /* an input was read or names were added */

    char **warnings; /* inconsistencies worth showing, owned */
    size_t warning_count;
    /* Set by the caller, not owned: the sections of a previous run's
     * changes and of the decisions' stability, or NULL. */
    const struct assay_report_changes *changes;
    const struct assay_report_stability *stability;

    char *decisions_label; /* owned: the decisions file as named */
    char *input_label;     /* owned: the input file as named, or NULL */
} assay_report;

void assay_report_init(assay_report *r);
void assay_report_free(assay_report *r);

/* Adds one decision record (a JSON Lines line of `assay run`). where and
 * line name the place for messages. Returns 0, or non-zero with
 * "where:line: what is wrong" in err. */
int assay_report_add_decision(assay_report *r, const char *text, size_t len,
                              const char *where, size_t line, char *err,
                              size_t err_size);
/* Adds every non-blank line of a decisions stream named `where`. */
int assay_report_read_decisions(assay_report *r, FILE *in, const char *where,
                                char *err, size_t err_size);

/* The summary (--summary) and manifest (--manifest) JSON texts; where names
 * them for messages. Each may be set once; both are optional. */
int assay_report_set_summary(assay_report *r, const char *text, size_t len,
                             const char *where, char *err, size_t err_size);
int assay_report_set_manifest(assay_report *r, const char *text, size_t len,
                              const char *where, char *err, size_t err_size);
/* The label of domain name, for headings (copied; the last call wins). */
void assay_report_set_domain_label(assay_report *r, const char *name,
                                   const char *label);
/* The label of domain d of the report. */
const char *assay_report_domain_label(const assay_report *r, size_t d);

/* The minimum score of the summary's tier named tier (a policy knows it,
 * the summary JSON does not carry it); no effect for another name. */
void assay_report_set_min_score(assay_report *r, const char *tier,
                                double min_score);
/* Reads a whole file (of at most 64 MiB) and passes it to the setter. */
int assay_report_load_summary(assay_report *r, const char *path, char *err,
                              size_t err_size);
int assay_report_load_manifest(assay_report *r, const char *path, char *err,
                               size_t err_size);

/* The name of the application with this id (both copied; name may be NULL
 * for an application without one). The first record given for an id
 * wins, as it is the one a reader finds first in the input. */
void assay_report_add_name(assay_report *r, const char *id, const char *name);
/* The same with the application's requests (joined, copied; may be NULL). */
void assay_report_add_application(assay_report *r, const char *id,
                                  const char *name, const char *requests);
/* Reads id, name and requests from every line of an applications stream (the input
 * of the run), from the fields the policy names (NULL: the defaults), and
 * the values of the fields the manifest's rules declare (set the manifest
 * first), kept in the report's copy for the applications shown in full.
 * Lines that are not records with an id are skipped: the run made error
 * records of them already. Fails only on a read error or when the copy
 * cannot be written. */
int assay_report_read_names(assay_report *r, FILE *in, const char *where,
                            const assay_record_fields *fields, char *err,
                            size_t err_size);

/* Puts the entries in rank order and computes what the writers need:
 * decisions, counts, rules, names, sort ordinals and warnings (stated
 * inconsistencies between the files, e.g. counts that do not match).
 * Call once, after everything is added. */
void assay_report_finish(assay_report *r);

/* The applications on either side of tier t's cut-off, in rank order: up to
 * k of its last seats, then up to k scored applications ranked below that
 * got neither this tier nor a higher one. Writes entries indices to out
 * (room for 2k) and returns how many; 0 when the tier did not fill. */
size_t assay_report_borderline(const assay_report *r, size_t t, size_t k,
                               size_t *out);

/* Reads back the findings, marks, why-not and benefits of ok entry i.
 * Returns 0, or non-zero with what went wrong in err (the copy could not
 * be read). Free with assay_report_detail_free. */
int assay_report_detail_read(const assay_report *r, size_t i,
                             assay_report_detail *d, char *err,
                             size_t err_size);
void assay_report_detail_free(assay_report_detail *d);

/* Adds a warning (copied) for stderr and the top of the page. */
void assay_report_add_warning(assay_report *r, const char *text);

/* The index of the decision named name, or decision_count. */
size_t assay_report_decision_named(const assay_report *r, const char *name);

#endif
