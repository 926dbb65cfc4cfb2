#include "decide/decide.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "util/arena.h"
#include "util/buffer.h"
#include "util/page_array.h"
#include "util/temp_file.h"
#include "util/wording.h"
#include "decide/explanation.h"
#include "decide/decision_output.h"
#include "engine/record.h"
#include "decide/overrides.h"
#include "decide/duplicate_ids.h"
#include "engine/id_set.h"
#include "decide/fingerprint_mix.h"
#include "decide/panel.h"
#include "decide/scored_record_check.h"
#include "decide/scored_record_scan.h"
#include "decide/strategy.h"

/* Where one record is: its text, and its candidate, which holds its key.
 * Sorted by key for output. 24 bytes, one a record (decide's memory a
 * record is a target, docs/performance.md). */
typedef struct location {
    uint64_t offset;
    /* The candidate's index, or for a record that is not one (an error
     * record, a duplicate) -1 - k, its key being other_keys[k]. */
    int64_t candidate;
    uint32_t len;
    /* The input it is in; canonical: the scan read it, laid out as assay
     * score writes it (decide/scored_record_scan.h), so writing its
     * decision needs no second reading of its findings. */
    unsigned file : 31;
    unsigned canonical : 1;
} location;

_Static_assert(sizeof(location) <= 24, "a location of 24 bytes");

typedef struct record_key {
    uint64_t part, line;
} record_key;

/* A record whose id an earlier one has (decide/duplicate_ids.h): where it
 * is among the sorted locations, and the key of the first. */
typedef struct duplicate {
    size_t loc;
    const char *id;
    uint64_t first_part, first_line;
} duplicate;

/* A candidate whose Lua strategy function failed, with the message: an
 * error record. Kept apart, in candidate order, since almost none fails
 * (a pointer for every candidate was 8 bytes a record). */
typedef struct failure {
    size_t cand;
    char *message; /* malloc'd */
} failure;

/* Ids live in chunks that never move, so candidates can point into them. */
typedef struct id_chunk {
    struct id_chunk *next;
    size_t used, size;
    char text[];
} id_chunk;

typedef struct decide_state {
    assay_policy *policy;
    assay_panel *panel; /* or NULL */
    int panel_domain;   /* its policy index */
    assay_override_note *notes; /* per candidate, with overrides */
    assay_tier_fill *original_fill; /* the allocation's, before them */
    FILE **files;
    const char **names;
    size_t file_count;
    FILE **spills; /* temporary copies of inputs that are not regular */
    /* The arrays of one entry a record are page arrays
     * (util/page_array.h). */
    location *locs;
    size_t loc_count, loc_cap;
    record_key *other_keys; /* of the records that are not candidates */
    size_t other_count, other_cap;
    assay_candidate *cands;
    /* Per candidate; its pointers are set after reading, into the pools
     * below, where each candidate's entries follow the one before's (so
     * no offset is kept: memory a record is a target, docs/performance.md). */
    assay_domain_scores *scores;
    size_t cand_count, cand_cap, scores_cap;
    assay_domain_score *score_pool;
    size_t score_used, score_cap;
    uint32_t *claim_pool;
    size_t claim_used, claim_cap;
    /* Candidates' requests: policy indexes, ascending per candidate. */
    uint32_t *request_pool;
    size_t request_used, request_cap;
    id_chunk *ids;
    duplicate *dups; /* in output order; taken out of the candidates */
    size_t dup_count;
    failure *failures;
    size_t failure_count, failure_cap;
    assay_fingerprint_mix fingerprints; /* of the ok records read */
    assay_arena json; /* the scored record being read, reset after each */
    assay_scored_scan scan; /* the scan of the record being read */
    const char **tree_names; /* a parsed record's names (view_of_tree) */
    size_t tree_names_cap;
    double *tree_scores;
    size_t tree_scores_cap;
} decide_state;

/* Where the reasons nothing could be decided go: stderr, as the command
 * prints them ("assay: " before each), or, for the library's decision API
 * (assay_decide_quietly), the first of them into the caller's buffer. */
static _Thread_local char *error_text;
static _Thread_local size_t error_size;
static _Thread_local int error_kept;

static void decide_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
static void decide_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (!error_text) {
        fputs("assay: ", stderr);
        vfprintf(stderr, fmt, ap);
        fputc('\n', stderr);
    } else if (!error_kept) {
        vsnprintf(error_text, error_size, fmt, ap);
        error_kept = 1;
    }
    va_end(ap);
}

static void *grow(void *items, size_t *cap, size_t count, size_t size)
{
    if (count < *cap)
        return items;
    size_t n = *cap ? *cap * 2 : 1024;
    void *p = realloc(items, n * size);
    if (!p) {
        fputs("assay: out of memory\n", stderr);
        abort();
    }
    *cap = n;
    return p;
}

static const char *keep_id(decide_state *s, const char *id)
{
    size_t n = strlen(id) + 1;
    if (!s->ids || s->ids->size - s->ids->used < n) {
        size_t size = n > 65536 ? n : 65536;
        id_chunk *c = malloc(sizeof *c + size);
        if (!c)
            abort();
        c->next = s->ids;
        c->used = 0;
        c->size = size;
        s->ids = c;
    }
    char *p = memcpy(s->ids->text + s->ids->used, id, n);
    s->ids->used += n;
    return p;
}

/* ---- reading ---------------------------------------------------------- */

static int is_regular(FILE *f)
{
    struct stat st;
    return fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode);
}

/* A temporary copy of what is left of f, rewound. */
static FILE *spill(FILE *f, const char *name)
{
    FILE *t = assay_temp_file();
    if (!t) {
        decide_error("cannot create a temporary file for %s in %s: %s; "
                     "set TMPDIR to a writable directory",
                     name, assay_temp_dir(), strerror(errno));
        return NULL;
    }
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        if (fwrite(buf, 1, n, t) != n)
            break;
    if (ferror(f) || ferror(t) || fflush(t) != 0) {
        decide_error("cannot copy %s to a temporary file: %s",
                name, strerror(errno));
        fclose(t);
        return NULL;
    }
    rewind(t);
    return t;
}

static int not_scored(const char *name, size_t n, const char *what)
{
    decide_error("%s:%zu: not a scored record: %s; %s", name, n, what,
                 assay_wording("assay decide reads what assay score writes",
                               "assay_decide_text reads what "
                               "assay_worker_evaluate_line writes"));
    return 1;
}

/* Whether [p, end) is JSON whitespace only. */
static int only_space(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p == end;
}

/* Appends to s's request pool the policy's indexes of the n requests
 * named, ascending and once each (names no tier requires count for
 * nothing); returns how many. */
static uint32_t add_requests(decide_state *s, const char *const *names,
                             size_t n)
{
    size_t start = s->request_used;
    for (size_t i = 0; i < n; i++) {
        int r = assay_policy_request_index(s->policy, names[i]);
        if (r < 0)
            continue;
        /* Insertion into the sorted run: request lists are short. */
        size_t at = s->request_used;
        while (at > start && s->request_pool[at - 1] > (uint32_t)r)
            at--;
        if (at > start && s->request_pool[at - 1] == (uint32_t)r)
            continue;
        s->request_pool =
            assay_page_array_grow(s->request_pool, &s->request_cap,
                                  s->request_used, sizeof *s->request_pool);
        memmove(s->request_pool + at + 1, s->request_pool + at,
                (s->request_used - at) * sizeof *s->request_pool);
        s->request_pool[at] = (uint32_t)r;
        s->request_used++;
    }
    return (uint32_t)(s->request_used - start);
}

/* The policy's index of domain name met at name:n, or -1 after saying
 * the policy does not weigh it. */
static int policy_domain(decide_state *s, const char *file, size_t n,
                         const char *name)
{
    int d = assay_policy_find_domain(s->policy, name);
    if (d >= 0)
        return d;
    char at[4096], err[8192];
    snprintf(at, sizeof at, "the scored record at %s:%zu", file, n);
    if (assay_policy_check_domain(s->policy, name, at, err, sizeof err) == 0)
        return assay_policy_find_domain(s->policy, name);
    decide_error("%s", err);
    return -1;
}

/* What decide keeps of a checked scored record with status "ok", read by
 * the scan or from the parsed tree: the strings are the scan's or the
 * tree's, valid while the record is being added. */
typedef struct scored_view {
    const char *id, *fingerprint;
    uint64_t line, part;
    size_t domain_count, claimed_count, request_count;
    const char *const *domain;
    const double *score;
    const char *const *claimed, *const *request;
    int vetoed, flagged;
} scored_view;

static scored_view view_of_scan(const assay_scored_scan *scan)
{
    return (scored_view){scan->id,
                         scan->fingerprint,
                         scan->line,
                         scan->part,
                         scan->domain_count,
                         scan->claimed_count,
                         scan->request_count,
                         scan->domain,
                         scan->score,
                         scan->claimed,
                         scan->request,
                         scan->veto_count > 0,
                         scan->flag_count > 0};
}

/* The strings of the array (or the keys of the object) list into
 * s->tree_names from at on; returns how many. */
static size_t tree_names(decide_state *s, const cJSON *list, size_t at,
                         int keys)
{
    size_t n = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, list)
    {
        s->tree_names = grow(s->tree_names, &s->tree_names_cap, at + n,
                             sizeof *s->tree_names);
        s->tree_names[at + n++] = keys ? item->string : item->valuestring;
    }
    return n;
}

/* The view of root, a record the check accepted with status "ok". Its
 * names go to s->tree_names and its scores to s->tree_scores. */
static scored_view view_of_tree(decide_state *s, const cJSON *root,
                                const assay_scored_head *head)
{
    scored_view v = {0};
    v.id = cJSON_GetObjectItemCaseSensitive(root, "id")->valuestring;
    v.fingerprint = head->fingerprint;
    v.line = head->line;
    v.part = head->part;
    const cJSON *domains = cJSON_GetObjectItemCaseSensitive(root, "domains");
    v.domain_count = tree_names(s, domains, 0, 1);
    v.claimed_count = tree_names(
        s, cJSON_GetObjectItemCaseSensitive(root, "claimed"), v.domain_count,
        0);
    /* Requests the check let through may be of any count. */
    v.request_count = tree_names(
        s, cJSON_GetObjectItemCaseSensitive(root, "requests"),
        v.domain_count + v.claimed_count, 0);
    size_t i = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, domains)
    {
        s->tree_scores = grow(s->tree_scores, &s->tree_scores_cap, i,
                              sizeof *s->tree_scores);
        s->tree_scores[i++] = item->valuedouble;
    }
    /* With no name at all the array is still NULL, and NULL + 0 is undefined. */
    if (s->tree_names) {
        v.domain = s->tree_names;
        v.claimed = s->tree_names + v.domain_count;
        v.request = s->tree_names + v.domain_count + v.claimed_count;
    }
    v.score = s->tree_scores;
    v.vetoed = cJSON_GetArraySize(
                   cJSON_GetObjectItemCaseSensitive(root, "vetoes")) > 0;
    v.flagged = cJSON_GetArraySize(
                    cJSON_GetObjectItemCaseSensitive(root, "flags")) > 0;
    return v;
}

static void grow_candidates(decide_state *s)
{
    s->cands = assay_page_array_grow(s->cands, &s->cand_cap, s->cand_count,
                                     sizeof *s->cands);
    s->scores = assay_page_array_grow(s->scores, &s->scores_cap,
                                      s->cand_count, sizeof *s->scores);
}

/* Adds the record of v (file f, line n) as a candidate; its index goes to
 * loc. */
static int add_candidate(decide_state *s, uint32_t f, size_t n,
                         const scored_view *v, location *loc)
{
    const char *name = s->names[f];
    char what[1024];
    /* A record without a fingerprint counts too: one shard with and one
     * without were scored by different builds. */
    if (assay_fingerprint_mix_add(&s->fingerprints, v->fingerprint, name, n,
                                  what, sizeof what)) {
        decide_error("%s", what);
        return 1;
    }
    grow_candidates(s);
    assay_domain_scores *ds = &s->scores[s->cand_count];
    memset(ds, 0, sizeof *ds);
    /* A record refused leaves nothing in the pools. */
    size_t score_start = s->score_used, claim_start = s->claim_used;
    uint32_t count = 0;
    for (size_t i = 0; i < v->domain_count; i++) {
        int d = policy_domain(s, name, n, v->domain[i]);
        if (d >= 0 && s->panel && d == s->panel_domain) {
            decide_error("%s:%zu: the scored record has a score in "
                         "%s, the review panel's domain; give the panel "
                         "a domain of its own (panel { domain = ... } in "
                         "the policy)",
                         name, n, v->domain[i]);
            d = -1;
        }
        if (d < 0) {
            s->score_used = score_start;
            return 1;
        }
        s->score_pool = assay_page_array_grow(
            s->score_pool, &s->score_cap, s->score_used, sizeof *s->score_pool);
        s->score_pool[s->score_used++] =
            (assay_domain_score){(uint32_t)d, v->score[i]};
        ds->score_count++;
        count++;
    }
    assay_panel_entry *pe = assay_panel_find(s->panel, v->id);
    if (pe) {
        pe->seen = 1;
        if (pe->counted) {
            s->score_pool =
                assay_page_array_grow(s->score_pool, &s->score_cap,
                                      s->score_used, sizeof *s->score_pool);
            s->score_pool[s->score_used++] =
                (assay_domain_score){(uint32_t)s->panel_domain, pe->score};
            ds->score_count++;
            count++;
        }
    }
    for (size_t i = 0; i < v->claimed_count; i++) {
        int d = policy_domain(s, name, n, v->claimed[i]);
        if (d < 0) {
            s->score_used = score_start;
            s->claim_used = claim_start;
            return 1;
        }
        s->claim_pool = assay_page_array_grow(
            s->claim_pool, &s->claim_cap, s->claim_used, sizeof *s->claim_pool);
        s->claim_pool[s->claim_used++] = (uint32_t)d;
        ds->claimed_count++;
    }
    assay_candidate *c = &s->cands[s->cand_count];
    memset(c, 0, sizeof *c);
    c->id = keep_id(s, v->id);
    c->part = v->part;
    c->line = v->line;
    c->domain_count = count;
    c->request_count = add_requests(s, v->request, v->request_count);
    c->vetoed = v->vetoed;
    c->flagged = v->flagged;
    loc->candidate = (int64_t)s->cand_count++;
    return 0;
}

/* Keeps the key of a record that is not a candidate; returns the
 * location's candidate for it. */
static int64_t add_other_key(decide_state *s, uint64_t part, uint64_t line)
{
    s->other_keys = assay_page_array_grow(s->other_keys, &s->other_cap,
                                          s->other_count,
                                          sizeof *s->other_keys);
    s->other_keys[s->other_count] = (record_key){part, line};
    return -1 - (int64_t)s->other_count++;
}

static record_key key_of(const decide_state *s, const location *l)
{
    if (l->candidate < 0)
        return s->other_keys[-1 - l->candidate];
    const assay_candidate *c = &s->cands[l->candidate];
    return (record_key){c->part, c->line};
}

/* The record in text, parsed and checked: the way for any record the scan
 * declines, so every message is the check's. */
static int add_parsed(decide_state *s, uint32_t f, size_t n, const char *text,
                      size_t len, location *loc)
{
    const char *name = s->names[f];
    const char *end = NULL;
    cJSON *root = assay_json_parse_end_in(&s->json, text, len, &end);
    int rc = 0;
    assay_scored_head head = {0};
    char what[1024];
    if (!cJSON_IsObject(root)) {
        rc = not_scored(name, n, "not a JSON object");
    } else if (!only_space(end, text + len)) {
        snprintf(what, sizeof what,
                 "text after the JSON object at column %zu",
                 (size_t)(end - text) + 1);
        rc = not_scored(name, n, what);
    } else if (cJSON_HasObjectItem(root, "decision")) {
        rc = not_scored(name, n, "it is already a decision record");
    } else if (assay_scored_record_check(root, text, len, &head, what,
                                         sizeof what)) {
        rc = not_scored(name, n, what);
    } else if (head.ok) {
        scored_view v = view_of_tree(s, root, &head);
        rc = add_candidate(s, f, n, &v, loc);
    } else {
        loc->candidate = add_other_key(s, head.part, head.line);
    }
    assay_arena_reset(&s->json);
    return rc;
}

/* Adds the scored record in text (input file f, line n) to the state. */
static int add_record(decide_state *s, uint32_t f, size_t n, uint64_t offset,
                      const char *text, size_t len)
{
    location loc = {offset, -1, (uint32_t)len, f, 0};
    int rc;
    if (assay_scored_record_scan(text, len, &s->scan)) {
        scored_view v = view_of_scan(&s->scan);
        loc.canonical = s->scan.canonical ? 1 : 0;
        rc = add_candidate(s, f, n, &v, &loc);
    } else {
        rc = add_parsed(s, f, n, text, len, &loc);
    }
    if (rc)
        return rc;
    s->locs = assay_page_array_grow(s->locs, &s->loc_cap, s->loc_count,
                                    sizeof *s->locs);
    s->locs[s->loc_count++] = loc;
    return 0;
}

static int read_input(decide_state *s, uint32_t f)
{
    FILE *in = s->files[f];
    char *line = NULL;
    size_t cap = 0, n = 0;
    int rc = 0;
    for (;;) {
        off_t offset = ftello(in);
        ssize_t len = getline(&line, &cap, in);
        if (len < 0)
            break;
        n++;
        size_t text = (size_t)len;
        while (text && (line[text - 1] == '\n' || line[text - 1] == '\r'))
            text--;
        if (text == 0)
            continue;
        if (text > UINT32_MAX) {
            rc = not_scored(s->names[f], n, "longer than 4 GiB");
            break;
        }
        rc = add_record(s, f, n, (uint64_t)offset, line, text);
        if (rc)
            break;
    }
    if (!rc && ferror(in)) {
        decide_error("%s: read error after line %zu: %s",
                s->names[f], n, strerror(errno));
        rc = 1;
    }
    free(line);
    return rc;
}

/* ---- deciding and writing --------------------------------------------- */

/* The state whose locations are being sorted: qsort has no context
 * argument. */
static _Thread_local const decide_state *keyed;

static int compare_keys(record_key a, record_key b)
{
    if (a.part != b.part)
        return a.part < b.part ? -1 : 1;
    return a.line < b.line ? -1 : a.line > b.line;
}

static int compare_key(const void *pa, const void *pb)
{
    return compare_keys(key_of(keyed, pa), key_of(keyed, pb));
}

static int in_key_order(const decide_state *s)
{
    for (size_t i = 1; i < s->loc_count; i++)
        if (compare_keys(key_of(s, &s->locs[i - 1]), key_of(s, &s->locs[i])) >
            0)
            return 0;
    return 1;
}

/* Candidates scored at a time by a strategy that scores each record
 * alone: its arrays are per block, not per candidate. */
#define SCORE_BLOCK 4096

/* Scores every candidate; one whose Lua strategy failed becomes an error
 * record with its message, in s->failures. */
static void score_all(decide_state *s)
{
    /* TOPSIS compares each record with all the others: one batch. */
    size_t block = s->policy->strategy == ASSAY_STRATEGY_TOPSIS
                       ? s->cand_count
                       : SCORE_BLOCK;
    if (block == 0)
        block = 1;
    char **errors = calloc(block, sizeof *errors);
    double *score = malloc(block * sizeof *score);
    unsigned char *has = malloc(block);
    if (!errors || !score || !has)
        abort();
    for (size_t start = 0; start < s->cand_count; start += block) {
        size_t n = s->cand_count - start < block ? s->cand_count - start
                                                 : block;
        assay_strategy_scores(s->policy, s->scores + start, n, score, has,
                              errors);
        for (size_t i = 0; i < n; i++) {
            s->cands[start + i].score = score[i];
            s->cands[start + i].scored = has[i];
            if (!errors[i])
                continue;
            s->failures = grow(s->failures, &s->failure_cap,
                               s->failure_count, sizeof *s->failures);
            s->failures[s->failure_count++] =
                (failure){start + i, errors[i]};
            errors[i] = NULL;
        }
    }
    free(errors);
    free(score);
    free(has);
}

/* The message of candidate i's failed strategy, or NULL. */
static const char *failure_of(const decide_state *s, size_t i)
{
    size_t lo = 0, hi = s->failure_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->failures[mid].cand < i)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->failure_count && s->failures[lo].cand == i
               ? s->failures[lo].message
               : NULL;
}

/* A scored record has eleven top-level members; one with many more is
 * parsed again instead of copied from. */
#define MAX_SCORED_MEMBERS 32

static void count_decision(const assay_policy *p, assay_decide_report *r,
                           const assay_candidate *c)
{
    size_t k = c->outcome == ASSAY_OUTCOME_TIER
                   ? (size_t)c->tier
                   : p->tier_count + c->outcome - 1;
    r->counts[k]++;
    if (c->outcome == ASSAY_OUTCOME_REVIEW)
        r->held[c->cause]++;
}

/* The review queue's reasons, most common cause of missing data first. */
static const struct {
    assay_cause cause;
    const char *name;
} held_reasons[] = {{ASSAY_CAUSE_UNSCORED, "unscored"},
                    {ASSAY_CAUSE_FLAG, "flag"},
                    {ASSAY_CAUSE_VETO, "veto"},
                    {ASSAY_CAUSE_NONE, "committee"}};

/* "who, when: reason" */
static void override_source(assay_buffer *b, const assay_override *x)
{
    assay_buffer_printf(b, "%s, %s: %s", x->who, x->when, x->reason);
}

static void override_members(assay_buffer *b, const assay_override *x)
{
    assay_json_key(b, "decision", 1);
    assay_json_string(b, x->decision);
    assay_json_key(b, "reason", 0);
    assay_json_string(b, x->reason);
    assay_json_key(b, "who", 0);
    assay_json_string(b, x->who);
    assay_json_key(b, "when", 0);
    assay_json_string(b, x->when);
}

/* The sentence and the audit members of an overridden or a displaced
 * candidate c. */
static void override_texts(const decide_state *s,
                           const assay_override_note *note,
                           const assay_candidate *c, size_t ranked,
                           assay_buffer *why, assay_buffer *audit)
{
    const assay_policy *p = s->policy;
    const assay_candidate *own = &note->original;
    const char *was = assay_explanation_decision(p, own);
    if (note->override) {
        const assay_override *x = note->override;
        int same = own->outcome == c->outcome && own->tier == c->tier;
        assay_buffer_printf(why, "The committee %s %s (", same ? "confirmed"
                                                               : "decided",
                            x->decision);
        override_source(why, x);
        assay_buffer_putc(why, ')');
        if (!same)
            assay_buffer_printf(why, "; assay had decided %s", was);
        if (note->displaced >= 0)
            assay_buffer_printf(why, "; it took the %s seat of %s, the "
                                     "lowest-ranked holder, who moves to the "
                                     "waitlist",
                                x->decision, s->cands[note->displaced].id);
        if (!same && own->outcome == ASSAY_OUTCOME_TIER)
            assay_buffer_printf(why, "; its %s seat is left free", was);
        assay_buffer_putc(why, '.');
        override_members(audit, x);
        if (note->displaced >= 0) {
            assay_json_key(audit, "displaced", 0);
            assay_json_string(audit, s->cands[note->displaced].id);
        }
    } else {
        const assay_override *x = note->displaced_by;
        char score[32];
        assay_buffer b;
        assay_buffer_init(&b);
        assay_json_score(&b, own->score);
        snprintf(score, sizeof score, "%s", assay_buffer_cstr(&b));
        assay_buffer_free(&b);
        assay_buffer_printf(why, "Ranked %u of %zu with score %s: given %s, "
                                 "seat %u of %zu, until the committee's "
                                 "override gave %s to %s (",
                            own->rank, ranked, score, was, own->position,
                            p->tiers[own->tier].capacity, x->decision,
                            s->cands[note->displacer].id);
        override_source(why, x);
        assay_buffer_printf(why, "); as its lowest-ranked holder, moved to "
                                 "the waitlist, position %u.",
                            c->position);
        assay_json_key(audit, "id", 1);
        assay_json_string(audit, s->cands[note->displacer].id);
        assay_json_key(audit, "decision", 0);
        assay_json_string(audit, x->decision);
        assay_json_key(audit, "reason", 0);
        assay_json_string(audit, x->reason);
        assay_json_key(audit, "who", 0);
        assay_json_string(audit, x->who);
        assay_json_key(audit, "when", 0);
        assay_json_string(audit, x->when);
    }
}

/* The error record of a duplicate at l (engine/id_set.h words it). It has
 * no id of its own, like score's, so the decisions hold each id once. */
static void write_duplicate(assay_buffer *rec, const duplicate *d,
                            record_key key)
{
    assay_buffer quoted, why;
    assay_buffer_init(&quoted);
    assay_buffer_init(&why);
    assay_json_string(&quoted, d->id);
    assay_duplicate_id_message(&why, key.line, quoted.data + 1,
                               quoted.len - 2, d->first_part || key.part,
                               d->first_part, d->first_line);
    assay_output_error(rec, NULL, (size_t)key.line, assay_buffer_cstr(&why));
    assay_buffer_free(&why);
    assay_buffer_free(&quoted);
}

static int write_all(decide_state *s, FILE *out,
                     assay_decide_report *r)
{
    assay_buffer text, rec;
    assay_buffer_init(&text);
    assay_buffer_init(&rec);
    assay_json_member members[MAX_SCORED_MEMBERS];
    size_t slots = s->policy->domain_count ? s->policy->domain_count : 1;
    unsigned char *counted = malloc(slots);
    double *value = malloc(slots * sizeof *value);
    if (!counted || !value)
        abort();
    int rc = 0;
    size_t dup = 0;
    for (size_t i = 0; i < s->loc_count && !rc; i++) {
        const location *l = &s->locs[i];
        if (dup < s->dup_count && s->dups[dup].loc == i) {
            assay_buffer_reset(&rec);
            write_duplicate(&rec, &s->dups[dup++], key_of(s, l));
            assay_buffer_putc(&rec, '\n');
            assay_buffer_write(&rec, out);
            r->records++;
            r->error_records++;
            continue;
        }
        FILE *f = s->files[l->file];
        assay_buffer_reset(&text);
        assay_buffer_reserve(&text, l->len);
        if (fseeko(f, (off_t)l->offset, SEEK_SET) != 0 ||
            fread(text.data, 1, l->len, f) != l->len) {
            decide_error("%s: cannot read back a scored record: "
                            "%s",
                    s->names[l->file], strerror(errno));
            rc = 1;
            break;
        }
        text.len = l->len;
        assay_buffer_reset(&rec);
        /* The first pass checked the record; a decision the committee
         * adds nothing to needs nothing of it but its fields' text, copied
         * as written. Parse it again only for the rest. */
        const assay_candidate *fast =
            l->candidate >= 0 && !failure_of(s, (size_t)l->candidate)
                ? &s->cands[l->candidate]
                : NULL;
        if (fast && !assay_panel_find(s->panel, fast->id) &&
            !(s->notes && s->notes[l->candidate].noted)) {
            /* A record in score's layout is copied in two spans (and
             * its list of vetoes or flags found when the decision rests
             * on one); any other has its members split. */
            assay_scored_spans spans;
            int spanned =
                l->canonical &&
                assay_scored_record_spans(text.data, text.len,
                                          fast->cause != ASSAY_CAUSE_NONE,
                                          &spans);
            size_t n = spanned ? 0
                               : assay_json_members(text.data, text.len,
                                                    members,
                                                    MAX_SCORED_MEMBERS);
            if (n != (size_t)-1) {
                if (!fast->scored ||
                    !assay_strategy_counted(s->policy,
                                            &s->scores[l->candidate],
                                            counted, value))
                    memset(counted, 0, slots);
                if (spanned)
                    assay_output_decision_spans(
                        &rec, text.data, &spans, s->policy, r->fill, fast,
                        counted, r->ranked);
                else
                    assay_output_decision_copied(&rec, members, n,
                                                 s->policy, r->fill, fast,
                                                 counted, r->ranked);
                count_decision(s->policy, r, fast);
                assay_buffer_putc(&rec, '\n');
                assay_buffer_write(&rec, out);
                r->records++;
                continue;
            }
        }
        cJSON *root = assay_json_parse_in(&s->json, text.data, text.len);
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(root, "id");
        if (l->candidate < 0) {
            const cJSON *e = cJSON_GetObjectItemCaseSensitive(root, "error");
            assay_output_error(&rec, cJSON_IsString(id) ? id->valuestring
                                                        : NULL,
                               (size_t)key_of(s, l).line,
                               cJSON_IsString(e) ? e->valuestring : "error");
            r->error_records++;
        } else if (failure_of(s, (size_t)l->candidate)) {
            assay_output_error(&rec, s->cands[l->candidate].id,
                               (size_t)key_of(s, l).line,
                               failure_of(s, (size_t)l->candidate));
            r->error_records++;
        } else {
            const assay_candidate *c = &s->cands[l->candidate];
            /* The strategy says which domains counted, as it did when it
             * scored; a record without a score had none. */
            if (!c->scored ||
                !assay_strategy_counted(s->policy, &s->scores[l->candidate],
                                        counted, value))
                memset(counted, 0, slots);
            assay_decision_extra extra = {0};
            assay_buffer panel;
            assay_buffer_init(&panel);
            const assay_panel_entry *pe = assay_panel_find(s->panel, c->id);
            if (pe) {
                extra.domain = assay_panel_domain(s->panel);
                extra.score = pe->score;
                extra.scored = pe->counted;
                extra.findings = pe->findings;
                assay_panel_entry_json(s->panel, pe, &panel);
                extra.panel = assay_buffer_cstr(&panel);
            }
            assay_buffer why, audit;
            assay_buffer_init(&why);
            assay_buffer_init(&audit);
            const assay_override_note *note =
                s->notes && s->notes[l->candidate].noted
                    ? &s->notes[l->candidate]
                    : NULL;
            if (note) {
                override_texts(s, note, c, r->ranked, &why, &audit);
                extra.why = assay_buffer_cstr(&why);
                extra.audit = assay_buffer_cstr(&audit);
                extra.audit_key = note->override ? "override" : "displaced_by";
                extra.original = &note->original;
                extra.original_fill = s->original_fill;
            }
            assay_output_decision(&rec, root, s->policy, r->fill, c, counted,
                                  r->ranked, pe || note ? &extra : NULL);
            assay_buffer_free(&panel);
            assay_buffer_free(&why);
            assay_buffer_free(&audit);
            count_decision(s->policy, r, c);
        }
        assay_arena_reset(&s->json);
        assay_buffer_putc(&rec, '\n');
        assay_buffer_write(&rec, out);
        r->records++;
    }
    if (!rc && (fflush(out) != 0 || ferror(out))) {
        decide_error("cannot write output: %s", strerror(errno));
        rc = 1;
    }
    assay_buffer_free(&text);
    assay_buffer_free(&rec);
    free(counted);
    free(value);
    return rc;
}

/* Takes the second and later records with one id out of the candidates,
 * before anything is scored (a TOPSIS batch must not hold them): each is
 * written as an error record that names the line of the first. */
static void set_duplicates_apart(decide_state *s)
{
    size_t n = s->cand_count;
    uint32_t *first = malloc((n ? n : 1) * sizeof *first);
    if (!first)
        abort();
    s->dup_count = assay_duplicate_ids(s->cands, n, first);
    if (s->dup_count == 0) {
        free(first);
        return;
    }
    s->dups = malloc(s->dup_count * sizeof *s->dups);
    if (!s->dups)
        abort();
    size_t k = 0;
    for (size_t i = 0; i < s->loc_count; i++) {
        int64_t c = s->locs[i].candidate;
        if (c >= 0 && first[c] != ASSAY_FIRST_OF_ITS_ID) {
            const assay_candidate *f = &s->cands[first[c]];
            s->dups[k++] = (duplicate){i, s->cands[c].id, f->part, f->line};
            /* No longer a candidate: its key goes with the error
             * records'. */
            s->locs[i].candidate =
                add_other_key(s, s->cands[c].part, s->cands[c].line);
        }
    }
    /* The kept candidates close up, in order; first[i] becomes where i
     * went, in place: a second array would be part of the peak. */
    uint32_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (first[i] != ASSAY_FIRST_OF_ITS_ID)
            continue;
        s->cands[kept] = s->cands[i];
        s->scores[kept] = s->scores[i];
        first[i] = kept++;
    }
    for (size_t i = 0; i < s->loc_count; i++)
        if (s->locs[i].candidate >= 0)
            s->locs[i].candidate = first[s->locs[i].candidate];
    s->cand_count = kept;
    free(first);
}

/* Candidates whose strategy failed take no part in the ranking: move the
 * others to the front, keeping locations pointing at them. */
static size_t rankable(decide_state *s, assay_candidate **out)
{
    if (!s->failure_count) { /* the usual case: ranked where they are, no copy */
        *out = s->cands;
        return s->cand_count;
    }
    assay_candidate *c = malloc((s->cand_count ? s->cand_count : 1) *
                                sizeof *c);
    if (!c)
        abort();
    size_t n = 0, f = 0;
    for (size_t i = 0; i < s->cand_count; i++) {
        if (f < s->failure_count && s->failures[f].cand == i)
            f++;
        else
            c[n++] = s->cands[i];
    }
    *out = c;
    return n;
}

/* Reads every input into s (after the inputs' own checks: scored records,
 * unique keys); 0, or non-zero after printing why not. */
static int read_all(decide_state *s, assay_policy *p,
                    const assay_decide_input *inputs, size_t input_count,
                    const assay_committee *committee)
{
    assay_arena_init(&s->json);
    s->policy = p;
    if (committee && committee->panel) {
        s->panel = committee->panel;
        s->panel_domain =
            assay_policy_find_domain(p, assay_panel_domain(s->panel));
    }
    s->file_count = input_count;
    s->files = calloc(input_count ? input_count : 1, sizeof *s->files);
    s->spills = calloc(input_count ? input_count : 1, sizeof *s->spills);
    s->names = calloc(input_count ? input_count : 1, sizeof *s->names);
    if (!s->files || !s->spills || !s->names)
        abort();
    /* A location keeps its input's index in 31 bits; no command line
     * holds that many files. */
    if (input_count >= (size_t)1 << 31) {
        decide_error("more than %zu inputs", ((size_t)1 << 31) - 1);
        return 1;
    }
    int rc = 0;
    for (size_t i = 0; i < input_count && !rc; i++) {
        s->names[i] = inputs[i].name;
        s->files[i] = inputs[i].file;
        if (!is_regular(inputs[i].file)) {
            s->spills[i] = spill(inputs[i].file, inputs[i].name);
            s->files[i] = s->spills[i];
            rc = !s->files[i];
        }
        if (!rc)
            rc = read_input(s, (uint32_t)i);
    }
    if (!rc) {
        /* Scoring writes its records in key order: most inputs need no
         * sort, and a check is cheaper than qsort's n log n calls. */
        if (s->loc_count && !in_key_order(s)) {
            keyed = s;
            qsort(s->locs, s->loc_count, sizeof *s->locs, compare_key);
            keyed = NULL;
        }
        for (size_t i = 1; i < s->loc_count && !rc; i++)
            if (compare_keys(key_of(s, &s->locs[i - 1]),
                             key_of(s, &s->locs[i])) == 0) {
                decide_error("two scored records have part %llu line %llu "
                        "(in %s and %s); %s",
                        (unsigned long long)key_of(s, &s->locs[i]).part,
                        (unsigned long long)key_of(s, &s->locs[i]).line,
                        s->names[s->locs[i - 1].file], s->names[s->locs[i].file],
                        assay_wording("score each shard with its own --part "
                                      "or --first-line",
                                      "give each record its own line number "
                                      "(assay_worker_evaluate_line's line)"));
                rc = 1;
            }
    }
    /* The pools have stopped growing: point candidates into them, each
     * past the one before. A pool is NULL while nothing is in it (no
     * arithmetic on it). */
    size_t score_at = 0, claim_at = 0, request_at = 0;
    for (size_t i = 0; !rc && i < s->cand_count; i++) {
        assay_domain_scores *ds = &s->scores[i];
        ds->scores = s->score_pool ? s->score_pool + score_at : NULL;
        ds->claimed = s->claim_pool ? s->claim_pool + claim_at : NULL;
        s->cands[i].requests =
            s->request_pool ? s->request_pool + request_at : NULL;
        score_at += ds->score_count;
        claim_at += ds->claimed_count;
        request_at += s->cands[i].request_count;
    }
    if (!rc && s->panel)
        rc = assay_panel_check_seen(s->panel, input_count == 1
                                                  ? s->names[0]
                                                  : "the scored records");
    return rc;
}

static void free_state(decide_state *s)
{
    for (size_t i = 0; i < s->file_count; i++)
        if (s->spills[i])
            fclose(s->spills[i]);
    while (s->ids) {
        id_chunk *next = s->ids->next;
        free(s->ids);
        s->ids = next;
    }
    free(s->spills);
    free(s->files);
    free(s->names);
    assay_page_array_free(s->locs, s->loc_cap, sizeof *s->locs);
    assay_page_array_free(s->cands, s->cand_cap, sizeof *s->cands);
    assay_page_array_free(s->scores, s->scores_cap, sizeof *s->scores);
    assay_page_array_free(s->score_pool, s->score_cap, sizeof *s->score_pool);
    assay_page_array_free(s->claim_pool, s->claim_cap, sizeof *s->claim_pool);
    assay_page_array_free(s->request_pool, s->request_cap,
                          sizeof *s->request_pool);
    free(s->notes);
    free(s->original_fill);
    free(s->dups);
    assay_page_array_free(s->other_keys, s->other_cap, sizeof *s->other_keys);
    for (size_t f = 0; f < s->failure_count; f++)
        free(s->failures[f].message);
    free(s->failures);
    free(s->tree_names);
    free(s->tree_scores);
    assay_arena_free(&s->json);
}

/* Applies the overrides to the allocated candidates, keeping assay's own
 * decisions and fill in s for the records. */
static int apply_overrides(decide_state *s, const assay_overrides *o,
                           assay_decide_report *r)
{
    size_t n = s->cand_count ? s->cand_count : 1;
    unsigned char *skip = calloc(n, 1);
    s->notes = calloc(n, sizeof *s->notes);
    s->original_fill = malloc((s->policy->tier_count ? s->policy->tier_count
                                                     : 1) *
                              sizeof *s->original_fill);
    if (!skip || !s->notes || !s->original_fill)
        abort();
    memcpy(s->original_fill, r->fill,
           s->policy->tier_count * sizeof *r->fill);
    for (size_t f = 0; f < s->failure_count; f++)
        skip[s->failures[f].cand] = 1;
    int rc = assay_overrides_apply(o, s->policy, s->cands, s->cand_count,
                                   skip, r->fill, s->notes);
    for (size_t i = 0; i < s->cand_count; i++) {
        r->overridden += s->notes[i].override != NULL;
        r->displaced += s->notes[i].displaced_by != NULL;
    }
    free(skip);
    return rc;
}

int assay_decide(assay_policy *p, const assay_decide_input *inputs,
                 size_t input_count, const assay_committee *committee,
                 FILE *out, assay_decide_report *report)
{
    memset(report, 0, sizeof *report);
    report->committee = committee;
    decide_state s = {0};
    report->counts = calloc(p->tier_count + 3, sizeof *report->counts);
    report->fill = calloc(p->tier_count, sizeof *report->fill);
    if (!report->counts || !report->fill)
        abort();
    int rc = read_all(&s, p, inputs, input_count, committee);
    snprintf(report->fingerprint, sizeof report->fingerprint, "%s",
             s.fingerprints.first);
    if (!rc) {
        set_duplicates_apart(&s);
        score_all(&s);
        assay_candidate *ranked;
        size_t n = rankable(&s, &ranked);
        assay_allocate(p, ranked, n, report->fill);
        if (ranked != s.cands) {
            for (size_t i = 0, j = 0, f = 0; i < s.cand_count; i++) {
                if (f < s.failure_count && s.failures[f].cand == i)
                    f++;
                else
                    s.cands[i] = ranked[j++];
            }
            free(ranked);
        }
        report->ranked = n;
        if (committee && committee->overrides)
            rc = apply_overrides(&s, committee->overrides, report);
        if (!rc)
            rc = write_all(&s, out, report);
    }
    free_state(&s);
    return rc;
}

int assay_decide_quietly(assay_policy *p, const assay_decide_input *inputs,
                         size_t input_count, FILE *out,
                         assay_decide_report *report, char *err,
                         size_t err_size)
{
    error_text = err;
    error_size = err_size;
    error_kept = 0;
    if (err_size)
        err[0] = '\0';
    int rc = assay_decide(p, inputs, input_count, NULL, out, report);
    error_text = NULL;
    if (rc && !error_kept)
        snprintf(err, err_size, "the scored records could not be decided");
    return rc;
}

void assay_decide_report_free(assay_decide_report *report)
{
    free(report->counts);
    free(report->fill);
    memset(report, 0, sizeof *report);
}

/* ---- summaries -------------------------------------------------------- */

static const char *count_name(const assay_policy *p, size_t k)
{
    static const char *const other[] = {"waitlist", "review", "reject"};
    return k < p->tier_count ? p->tiers[k].name : other[k - p->tier_count];
}

void assay_decide_summary_json(const assay_policy *p,
                               const assay_decide_report *r, FILE *out)
{
    assay_buffer b;
    assay_buffer_init(&b);
    assay_buffer_putc(&b, '{');
    assay_json_key(&b, "records", 1);
    assay_buffer_printf(&b, "%zu", r->records);
    assay_json_key(&b, "error_records", 0);
    assay_buffer_printf(&b, "%zu", r->error_records);
    assay_json_key(&b, "counts", 0);
    assay_buffer_putc(&b, '{');
    for (size_t k = 0; k < p->tier_count + 3; k++) {
        assay_json_key(&b, count_name(p, k), k == 0);
        assay_buffer_printf(&b, "%zu", r->counts[k]);
    }
    assay_buffer_putc(&b, '}');
    assay_json_key(&b, "review_reasons", 0);
    assay_buffer_putc(&b, '{');
    for (size_t i = 0; i < 4; i++) {
        assay_json_key(&b, held_reasons[i].name, i == 0);
        assay_buffer_printf(&b, "%zu", r->held[held_reasons[i].cause]);
    }
    assay_buffer_putc(&b, '}');
    assay_json_key(&b, "tiers", 0);
    assay_buffer_putc(&b, '[');
    for (size_t t = 0; t < p->tier_count; t++) {
        if (t)
            assay_buffer_putc(&b, ',');
        assay_buffer_putc(&b, '{');
        assay_json_key(&b, "name", 1);
        assay_json_string(&b, p->tiers[t].name);
        assay_json_key(&b, "capacity", 0);
        assay_buffer_printf(&b, "%zu", p->tiers[t].capacity);
        assay_json_key(&b, "min_score", 0);
        assay_json_score(&b, p->tiers[t].min_score);
        assay_json_key(&b, "used", 0);
        assay_buffer_printf(&b, "%zu", r->fill[t].used);
        assay_json_key(&b, "cutoff_score", 0);
        if (r->fill[t].cutoff_rank)
            assay_json_score(&b, r->fill[t].cutoff_score);
        else
            assay_buffer_puts(&b, "null");
        assay_json_key(&b, "cutoff_rank", 0);
        if (r->fill[t].cutoff_rank)
            assay_buffer_printf(&b, "%u", r->fill[t].cutoff_rank);
        else
            assay_buffer_puts(&b, "null");
        if (r->fill[t].tied_unseated) {
            assay_json_key(&b, "tie", 0);
            assay_buffer_printf(&b, "{\"seated\":%u,\"unseated\":%u,",
                                r->fill[t].tied_seated,
                                r->fill[t].tied_unseated);
            assay_json_key(&b, "settled_by", 1);
            assay_json_string(&b, assay_tie_break_name(
                                      (assay_tie_break)r->fill[t].settled_by));
            assay_buffer_putc(&b, '}');
        }
        assay_buffer_putc(&b, '}');
    }
    assay_buffer_putc(&b, ']');
    if (r->committee && r->committee->panel) {
        assay_json_key(&b, "panel", 0);
        assay_panel_summary_json(r->committee->panel, &b);
    }
    if (r->committee && r->committee->overrides) {
        assay_json_key(&b, "overrides", 0);
        assay_buffer_printf(&b, "{\"applied\":%zu,\"displaced\":%zu}",
                            r->overridden, r->displaced);
    }
    assay_buffer_puts(&b, "}\n");
    assay_buffer_write(&b, out);
    assay_buffer_free(&b);
}

void assay_decide_summary_text(const assay_policy *p,
                               const assay_decide_report *r, FILE *out)
{
    assay_buffer b;
    assay_buffer_init(&b);
    assay_buffer_printf(&b, "assay: %zu records, %zu error records\n",
                        r->records, r->error_records);
    for (size_t t = 0; t < p->tier_count; t++) {
        assay_buffer_printf(&b, "  %-22s %zu of %zu seats", p->tiers[t].name,
                            r->fill[t].used, p->tiers[t].capacity);
        if (r->fill[t].cutoff_rank) {
            assay_buffer_printf(&b, ", cut-off score ");
            assay_json_score(&b, r->fill[t].cutoff_score);
            assay_buffer_printf(&b, " at rank %u", r->fill[t].cutoff_rank);
        }
        if (r->fill[t].tied_unseated)
            assay_buffer_printf(&b, "; a tie at the cut-off: %u seated, %u "
                                    "without a seat, settled by %s",
                                r->fill[t].tied_seated,
                                r->fill[t].tied_unseated,
                                assay_tie_break_name((assay_tie_break)r->fill[t]
                                                         .settled_by));
        assay_buffer_putc(&b, '\n');
    }
    assay_buffer_printf(&b, "  waitlist %zu, review %zu, reject %zu\n",
                        r->counts[p->tier_count],
                        r->counts[p->tier_count + 1],
                        r->counts[p->tier_count + 2]);
    if (r->counts[p->tier_count + 1]) {
        assay_buffer_puts(&b, "  review queue:");
        int first = 1;
        for (size_t i = 0; i < 4; i++) {
            size_t n = r->held[held_reasons[i].cause];
            if (!n)
                continue;
            assay_buffer_printf(&b, "%s %zu %s", first ? "" : ",", n,
                                held_reasons[i].name);
            first = 0;
        }
        assay_buffer_putc(&b, '\n');
    }
    if (r->committee && r->committee->panel)
        assay_panel_summary_text(r->committee->panel, &b);
    if (r->committee && r->committee->overrides)
        assay_buffer_printf(&b, "  overrides: %zu applied, %zu seated "
                                "applicants displaced to the waitlist\n",
                            r->overridden, r->displaced);
    assay_buffer_write(&b, out);
    assay_buffer_free(&b);
}

int assay_scored_set_read(assay_scored_set *set, assay_policy *p,
                          const assay_decide_input *inputs, size_t n)
{
    memset(set, 0, sizeof *set);
    decide_state *s = calloc(1, sizeof *s);
    if (!s)
        abort();
    set->state = s;
    if (read_all(s, p, inputs, n, NULL))
        return 1;
    set->cands = s->cands;
    set->scores = s->scores;
    set->count = s->cand_count;
    return 0;
}

void assay_scored_set_free(assay_scored_set *set)
{
    if (set->state) {
        free_state(set->state);
        free(set->state);
    }
    memset(set, 0, sizeof *set);
}
