#include "report/report_data.h"

#include "engine/domain.h"
#include "engine/record.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buffer.h"
#include "util/line_reader.h"
#include "util/string_map.h"
#include "util/temp_file.h"
#include "engine/record.h"

#define MAX_JSON_FILE (64u << 20)

struct assay_report_name {
    char *id;
    char *name;
    char *requests;
    long facts_offset;   /* of its declared fields' values in the copy */
    size_t facts_length; /* 0: none kept */
};

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p) {
        fputs("assay: out of memory\n", stderr);
        abort();
    }
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = xcalloc(n, 1);
    memcpy(p, s, n);
    return p;
}

void assay_report_init(assay_report *r)
{
    memset(r, 0, sizeof *r);
    r->detail_top = ASSAY_REPORT_DETAIL_TOP;
}

static void free_entry(assay_report_entry *e)
{
    free((void *)e->id);
    free((void *)e->error);
    free((void *)e->why);
    free(e->domain);
    free(e->domain_scores);
    free(e->rule_scores);
    free(e->order);
}

void assay_report_detail_free(assay_report_detail *d)
{
    cJSON_Delete(d->json);
    free((void *)d->benefits);
    free(d->findings);
    free(d->vetoes);
    free(d->flags);
    free(d->why_not);
    cJSON_Delete(d->facts_json);
    free(d->facts);
    memset(d, 0, sizeof *d);
}

/* One copy of each decision, rule and domain name: 20,000 records name the
 * same few dozen. */
static const char *intern(assay_report *r, const char *s)
{
    if (!s)
        return NULL;
    if (!r->interned) {
        r->interned = xcalloc(1, sizeof *r->interned);
        assay_string_map_init(r->interned);
    }
    const char *v;
    if (!assay_string_map_get(r->interned, s, &v)) {
        assay_string_map_put(r->interned, s, s);
        assay_string_map_get(r->interned, s, &v);
    }
    return v;
}

void assay_report_free(assay_report *r)
{
    for (size_t i = 0; i < r->count; i++)
        free_entry(&r->entries[i]);
    free(r->entries);
    if (r->copy)
        fclose(r->copy);
    if (r->interned) {
        assay_string_map_free(r->interned);
        free(r->interned);
    }
    free(r->held);
    free(r->ties);
    cJSON_Delete(r->summary);
    cJSON_Delete(r->manifest);
    assay_report_facts_free(&r->facts);
    free(r->tiers);
    free((void *)r->decisions);
    free(r->decision_counts);
    free((void *)r->rules);
    for (size_t i = 0; i < r->domain_count; i++) {
        free(r->domains[i].name);
        free(r->domains[i].label);
    }
    free(r->domains);
    for (size_t i = 0; i < r->label_count; i++) {
        free(r->labels[i].name);
        free(r->labels[i].label);
    }
    free(r->labels);
    for (size_t i = 0; i < r->name_slots; i++)
        if (r->names[i]) {
            free(r->names[i]->id);
            free(r->names[i]->name);
            free(r->names[i]->requests);
            free(r->names[i]);
        }
    free(r->names);
    for (size_t i = 0; i < r->warning_count; i++)
        free(r->warnings[i]);
    free(r->warnings);
    free(r->decisions_label);
    free(r->input_label);
    assay_report_init(r);
}

static void warn(assay_report *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void warn(assay_report *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *text = xcalloc((size_t)n + 1, 1);
    va_start(ap, fmt);
    vsnprintf(text, (size_t)n + 1, fmt, ap);
    va_end(ap);
    char **grown = realloc(r->warnings, (r->warning_count + 1) * sizeof *grown);
    if (!grown) {
        fputs("assay: out of memory\n", stderr);
        abort();
    }
    grown[r->warning_count++] = text;
    r->warnings = grown;
}

/* ---- Checking JSON against the contract ----------------------------- */

/* Where a value sits, for messages: "decisions.jsonl:5: findings[2].score". */
typedef struct place {
    const char *where;
    size_t line; /* 0 for a whole file */
    char *err;
    size_t err_size;
} place;

static int fail(const place *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int fail(const place *p, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (p->line)
        snprintf(p->err, p->err_size, "%s:%zu: %s", p->where, p->line, what);
    else
        snprintf(p->err, p->err_size, "%s: %s", p->where, what);
    return 1;
}

static const char *type_name(const cJSON *v)
{
    if (!v || cJSON_IsNull(v))
        return "null";
    if (cJSON_IsBool(v))
        return "a boolean";
    if (cJSON_IsNumber(v))
        return "a number";
    if (cJSON_IsString(v))
        return "a string";
    if (cJSON_IsArray(v))
        return "an array";
    return "an object";
}

/* A string member, or NULL when absent or null; non-zero for another type. */
static int opt_string(const place *p, const cJSON *obj, const char *key,
                      const char *path, const char **out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    *out = NULL;
    if (!v || cJSON_IsNull(v))
        return 0;
    if (!cJSON_IsString(v))
        return fail(p, "%s%s must be a string, found %s", path, key,
                    type_name(v));
    *out = v->valuestring;
    return 0;
}

static int req_string(const place *p, const cJSON *obj, const char *key,
                      const char *path, const char **out)
{
    if (opt_string(p, obj, key, path, out))
        return 1;
    if (!*out)
        return fail(p, "%s%s is missing; a string is expected", path, key);
    return 0;
}

/* A number member, NAN when absent or null. */
static int opt_number(const place *p, const cJSON *obj, const char *key,
                      const char *path, double *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    *out = NAN;
    if (!v || cJSON_IsNull(v))
        return 0;
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
        return fail(p, "%s%s must be a number, found %s", path, key,
                    type_name(v));
    *out = v->valuedouble;
    return 0;
}

static int is_count(double v)
{
    return isfinite(v) && v >= 0 && v <= 1e15 && v == floor(v);
}

/* An array member (NULL when absent or null); non-zero for another type. */
static int opt_array(const place *p, const cJSON *obj, const char *key,
                     const cJSON **out, size_t *count)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    *out = NULL;
    *count = 0;
    if (!v || cJSON_IsNull(v))
        return 0;
    if (!cJSON_IsArray(v))
        return fail(p, "%s must be an array, found %s", key, type_name(v));
    *out = v;
    *count = (size_t)cJSON_GetArraySize(v);
    return 0;
}

static int element_object(const place *p, const cJSON *item, const char *key,
                          size_t i)
{
    if (!cJSON_IsObject(item))
        return fail(p, "%s[%zu] must be an object, found %s", key, i,
                    type_name(item));
    return 0;
}

static int read_marks(const place *p, const cJSON *rec, const char *key,
                      assay_report_mark **out, size_t *count)
{
    const cJSON *arr;
    if (opt_array(p, rec, key, &arr, count))
        return 1;
    *out = xcalloc(*count, sizeof **out);
    size_t i = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, arr)
    {
        char path[64];
        snprintf(path, sizeof path, "%s[%zu].", key, i);
        assay_report_mark *m = &(*out)[i];
        if (element_object(p, item, key, i) ||
            opt_string(p, item, "rule", path, &m->rule) ||
            opt_string(p, item, "plugin", path, &m->plugin) ||
            opt_string(p, item, "reason", path, &m->reason))
            return 1;
        i++;
    }
    return 0;
}

static int read_findings(const place *p, const cJSON *rec,
                         assay_report_detail *e)
{
    const cJSON *arr;
    if (opt_array(p, rec, "findings", &arr, &e->finding_count))
        return 1;
    e->findings = xcalloc(e->finding_count, sizeof *e->findings);
    size_t i = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, arr)
    {
        char path[64];
        snprintf(path, sizeof path, "findings[%zu].", i);
        assay_report_finding *f = &e->findings[i];
        if (element_object(p, item, "findings", i) ||
            req_string(p, item, "rule", path, &f->rule) ||
            opt_string(p, item, "plugin", path, &f->plugin) ||
            opt_string(p, item, "domain", path, &f->domain) ||
            opt_string(p, item, "error", path, &f->error) ||
            opt_string(p, item, "reason", path, &f->reason) ||
            opt_number(p, item, "score", path, &f->score) ||
            opt_number(p, item, "weight", path, &f->weight))
            return 1;
        i++;
    }
    return 0;
}

static int read_domains(assay_report *r, const place *p, const cJSON *rec,
                        assay_report_entry *e)
{
    const cJSON *obj = cJSON_GetObjectItemCaseSensitive(rec, "domains");
    if (!obj || cJSON_IsNull(obj))
        return 0;
    if (!cJSON_IsObject(obj))
        return fail(p, "domains must be an object, found %s", type_name(obj));
    const cJSON *v;
    cJSON_ArrayForEach(v, obj)
    {
        if (!assay_domain_name_valid(v->string))
            return fail(p, "domains has \"%s\", which is not a domain name "
                           "(lower-case letters, digits and _); is this the "
                           "output of `assay run`?",
                        v->string);
        if (!cJSON_IsNull(v) && !cJSON_IsNumber(v))
            return fail(p, "domains.%s must be a number, found %s", v->string,
                        type_name(v));
    }
    size_t n = (size_t)cJSON_GetArraySize(obj), i = 0;
    e->domain_scores = xcalloc(n, sizeof *e->domain_scores);
    cJSON_ArrayForEach(v, obj) if (cJSON_IsNumber(v))
    {
        e->domain_scores[i].domain = intern(r, v->string);
        e->domain_scores[i++].score = v->valuedouble;
    }
    e->domain_score_count = i;
    return 0;
}

/* A whole number of records member, 0 when absent. */
static int opt_count(const place *p, const cJSON *obj, const char *key,
                     const char *path, size_t *out)
{
    double v;
    if (opt_number(p, obj, key, path, &v))
        return 1;
    if (!isnan(v) && !is_count(v))
        return fail(p, "%s%s must be a whole number, found %g", path, key, v);
    *out = isnan(v) ? 0 : (size_t)v;
    return 0;
}

/* `tie` of a record at a cut-off, or of a summary's tier: path names it. */
static int read_tie(const place *p, const cJSON *obj, const char *path,
                    assay_report_tie *t)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "tie");
    memset(t, 0, sizeof *t);
    t->score = NAN;
    if (!v || cJSON_IsNull(v))
        return 0;
    char at[80];
    snprintf(at, sizeof at, "%stie.", path);
    if (!cJSON_IsObject(v))
        return fail(p, "%stie must be an object, found %s", path,
                    type_name(v));
    return opt_string(p, v, "tier", at, &t->tier) ||
           opt_number(p, v, "score", at, &t->score) ||
           opt_count(p, v, "seated", at, &t->seated) ||
           opt_count(p, v, "unseated", at, &t->unseated) ||
           req_string(p, v, "settled_by", at, &t->settled_by);
}

const char assay_report_held_by_committee[] = "the committee";

/* `override` or `displaced_by` (key) of a record into c. */
static int read_committee(const place *p, const cJSON *rec, const char *key,
                          int *present, assay_report_committee *c)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(rec, key);
    *present = 0;
    if (!v || cJSON_IsNull(v))
        return 0;
    char at[40], in[48];
    snprintf(at, sizeof at, "%s.", key);
    snprintf(in, sizeof in, "%s.assay.", key);
    if (!cJSON_IsObject(v))
        return fail(p, "%s must be an object, found %s", key, type_name(v));
    const cJSON *own = cJSON_GetObjectItemCaseSensitive(v, "assay");
    if (own && !cJSON_IsObject(own))
        return fail(p, "%sassay must be an object, found %s", at,
                    type_name(own));
    *present = 1;
    int displaced_by = strcmp(key, "displaced_by") == 0;
    return req_string(p, v, "decision", at, &c->decision) ||
           opt_string(p, v, "reason", at, &c->reason) ||
           opt_string(p, v, "who", at, &c->who) ||
           opt_string(p, v, "when", at, &c->when) ||
           opt_string(p, v, displaced_by ? "id" : "displaced", at,
                      displaced_by ? &c->displacer : &c->displaced) ||
           (own && (req_string(p, own, "decision", in, &c->assay_decision) ||
                    opt_string(p, own, "why", in, &c->assay_why)));
}

/* `panel`: how many reviewed it, how many were left out for a conflict,
 * whether the panel counted. */
static int read_panel(const place *p, const cJSON *rec,
                      assay_report_detail *d)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(rec, "panel");
    d->panel_reviewers = d->panel_conflicts = NAN;
    if (!v || cJSON_IsNull(v))
        return 0;
    if (!cJSON_IsObject(v))
        return fail(p, "panel must be an object, found %s", type_name(v));
    const cJSON *counted = cJSON_GetObjectItemCaseSensitive(v, "counted");
    d->panel_counted = cJSON_IsTrue(counted);
    return opt_number(p, v, "reviewers", "panel.", &d->panel_reviewers) ||
           opt_number(p, v, "conflicts", "panel.", &d->panel_conflicts);
}

/* The parts of an ok record that only a full section shows. */
static int read_detail(const place *p, const cJSON *rec,
                       assay_report_detail *d)
{
    if (read_tie(p, rec, "", &d->tie) || read_panel(p, rec, d) ||
        read_committee(p, rec, "override", &d->overridden, &d->committee))
        return 1;
    if (!d->overridden &&
        read_committee(p, rec, "displaced_by", &d->displaced, &d->committee))
        return 1;
    if (d->tie.tier == NULL && d->tie.settled_by)
        return fail(p, "tie.tier is missing; a string is expected");
    if (read_findings(p, rec, d) ||
        read_marks(p, rec, "vetoes", &d->vetoes, &d->veto_count) ||
        read_marks(p, rec, "flags", &d->flags, &d->flag_count))
        return 1;

    const cJSON *arr, *item;
    if (opt_array(p, rec, "benefits", &arr, &d->benefit_count))
        return 1;
    d->benefits = xcalloc(d->benefit_count, sizeof *d->benefits);
    size_t i = 0;
    cJSON_ArrayForEach(item, arr)
    {
        if (!cJSON_IsString(item))
            return fail(p, "benefits[%zu] must be a string, found %s", i,
                        type_name(item));
        d->benefits[i++] = item->valuestring;
    }

    if (opt_array(p, rec, "why_not", &arr, &d->why_not_count))
        return 1;
    d->why_not = xcalloc(d->why_not_count, sizeof *d->why_not);
    i = 0;
    cJSON_ArrayForEach(item, arr)
    {
        char path[64];
        snprintf(path, sizeof path, "why_not[%zu].", i);
        if (element_object(p, item, "why_not", i) ||
            opt_string(p, item, "tier", path, &d->why_not[i].tier) ||
            opt_string(p, item, "reason", path, &d->why_not[i].reason))
            return 1;
        i++;
    }
    return 0;
}

/* Marks e tied at a cut-off and keeps the tie of its tier, as the first
 * record that names the tier gives it. */
static void keep_tie(assay_report *r, assay_report_entry *e,
                     const assay_report_tie *t)
{
    e->tie_tier = intern(r, t->tier);
    for (size_t i = 0; i < r->tie_count; i++)
        if (r->ties[i].tier == e->tie_tier)
            return;
    assay_report_tie *grown =
        realloc(r->ties, (r->tie_count + 1) * sizeof *grown);
    if (!grown)
        abort();
    grown[r->tie_count] = *t;
    grown[r->tie_count].tier = e->tie_tier;
    grown[r->tie_count].settled_by = intern(r, t->settled_by);
    r->ties = grown;
    r->tie_count++;
}

/* Checks the whole record and keeps its compact part in e. */
static int read_ok_record(assay_report *r, const place *p, const cJSON *rec,
                          assay_report_entry *e)
{
    double rank;
    const char *decision, *why;
    if (opt_number(p, rec, "rank", "", &rank))
        return 1;
    if (!isnan(rank) && (!is_count(rank) || rank < 1))
        return fail(p, "rank must be a whole number from 1, found %g", rank);
    e->rank = isnan(rank) ? 0 : (size_t)rank;
    if (req_string(p, rec, "decision", "", &decision) ||
        opt_number(p, rec, "score", "", &e->score) ||
        opt_string(p, rec, "why", "", &why) || read_domains(r, p, rec, e))
        return 1;
    e->decision = intern(r, decision);
    e->why = why ? xstrdup(why) : NULL;

    assay_report_detail d = {0};
    int bad = read_detail(p, rec, &d);
    if (!bad) {
        e->rule_scores = xcalloc(d.finding_count, sizeof *e->rule_scores);
        for (size_t i = 0; i < d.finding_count; i++) {
            assay_report_rule_score *rs = &e->rule_scores[i];
            rs->rule = intern(r, d.findings[i].rule);
            rs->score = d.findings[i].score;
            rs->error = d.findings[i].error != NULL;
        }
        e->rule_score_count = d.finding_count;
        e->veto_count = d.veto_count;
        e->flag_count = d.flag_count;
        if (d.flag_count && d.flags[0].rule)
            e->held_by = intern(r, d.flags[0].rule);
        else if (d.veto_count && d.vetoes[0].rule)
            e->held_by = intern(r, d.vetoes[0].rule);
        if (d.tie.tier)
            keep_tie(r, e, &d.tie);
        if ((d.overridden || d.displaced) && d.committee.assay_decision &&
            strcmp(d.committee.assay_decision, decision) != 0)
            e->assay_decision = intern(r, d.committee.assay_decision);
        if (d.overridden && strcmp(decision, "review") == 0)
            e->held_by = assay_report_held_by_committee;
    }
    assay_report_detail_free(&d);
    return bad;
}

/* Appends text to the report's copy (a temporary file), which keeps what
 * is read back when the page is written: the text of the ok records and
 * the values of each application's declared fields. */
static int append_copy(assay_report *r, const place *p, const char *text,
                       size_t len, long *offset)
{
    if (!r->copy && !(r->copy = assay_temp_file()))
        return fail(p, "cannot create a temporary file for the report in "
                       "%s: %s; set TMPDIR to a writable directory",
                    assay_temp_dir(), strerror(errno));
    if (fseek(r->copy, 0, SEEK_END) != 0 || (*offset = ftell(r->copy)) < 0 ||
        fwrite(text, 1, len, r->copy) != len)
        return fail(p, "cannot write the report's temporary copy: %s",
                    strerror(errno));
    return 0;
}

static int keep_copy(assay_report *r, const place *p, const char *text,
                     size_t len, assay_report_entry *e)
{
    if (append_copy(r, p, text, len, &e->offset))
        return 1;
    e->length = len;
    return 0;
}

/* Line and column of byte offset `at` in text, from 1. */
static void line_column(const char *text, size_t at, size_t *line,
                        size_t *column)
{
    *line = 1;
    *column = 1;
    for (size_t i = 0; i < at; i++) {
        if (text[i] == '\n') {
            (*line)++;
            *column = 1;
        } else {
            (*column)++;
        }
    }
}

static cJSON *parse_json(const place *p, const char *text, size_t len)
{
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    if (root)
        return root;
    size_t at = end && end >= text ? (size_t)(end - text) : 0;
    if (at > len)
        at = len;
    size_t line, column;
    line_column(text, at, &line, &column);
    if (p->line)
        fail(p, "malformed JSON near column %zu", column);
    else
        fail(p, "malformed JSON near line %zu, column %zu", line, column);
    return NULL;
}

static void grow_entries(assay_report *r)
{
    if (r->count < r->cap)
        return;
    size_t cap = r->cap ? r->cap * 2 : 64;
    assay_report_entry *grown = realloc(r->entries, cap * sizeof *grown);
    if (!grown) {
        fputs("assay: out of memory\n", stderr);
        abort();
    }
    r->entries = grown;
    r->cap = cap;
}

int assay_report_add_decision(assay_report *r, const char *text, size_t len,
                              const char *where, size_t line, char *err,
                              size_t err_size)
{
    place p = {where, line, err, err_size};
    if (!r->decisions_label)
        r->decisions_label = xstrdup(where);
    if (assay_json_depth(text, len) > 16)
        return fail(&p, "a decision record nests deeper than 16 levels; is "
                        "this the output of `assay run`?");
    cJSON *rec = parse_json(&p, text, len);
    if (!rec)
        return 1;
    grow_entries(r);
    assay_report_entry *e = &r->entries[r->count];
    memset(e, 0, sizeof *e);
    e->source_line = line;
    e->score = NAN;
    int bad = 0;
    const char *status = NULL;
    double input_line;
    if (!cJSON_IsObject(rec))
        bad = fail(&p, "a decision record must be a JSON object, found %s",
                   type_name(rec));
    else if (req_string(&p, rec, "status", "", &status) ||
             opt_number(&p, rec, "line", "", &input_line))
        bad = 1;
    else if (!is_count(input_line) || input_line < 1)
        bad = fail(&p, "line must be the input line number, a whole number "
                       "from 1");
    else if (strcmp(status, "ok") == 0) {
        const char *id;
        e->ok = 1;
        bad = req_string(&p, rec, "id", "", &id);
        if (!bad) {
            e->id = xstrdup(id);
            bad = read_ok_record(r, &p, rec, e) ||
                  keep_copy(r, &p, text, len, e);
        }
    } else if (strcmp(status, "error") == 0) {
        const char *id, *error;
        bad = opt_string(&p, rec, "id", "", &id) ||
              req_string(&p, rec, "error", "", &error);
        if (!bad) {
            e->id = id ? xstrdup(id) : NULL;
            e->error = xstrdup(error);
        }
    } else {
        bad = fail(&p, "status must be \"ok\" or \"error\", found \"%s\"",
                   status);
    }
    cJSON_Delete(rec);
    if (bad) {
        free_entry(e);
        return 1;
    }
    e->line = (size_t)input_line;
    r->count++;
    return 0;
}

int assay_report_read_decisions(assay_report *r, FILE *in, const char *where,
                                char *err, size_t err_size)
{
    assay_line_reader lr;
    /* A decision record holds every finding's reason: allow 16 MiB. */
    assay_line_reader_init(&lr, in, 16u << 20);
    int rc = 0;
    for (;;) {
        const char *text;
        size_t len;
        assay_line_status st = assay_line_reader_next(&lr, &text, &len);
        if (st == ASSAY_LINE_END)
            break;
        if (st == ASSAY_LINE_IO_ERROR) {
            snprintf(err, err_size, "%s: read error: %s", where,
                     strerror(errno));
            rc = 1;
            break;
        }
        if (st == ASSAY_LINE_TOO_LONG) {
            snprintf(err, err_size, "%s:%zu: line longer than 16 MiB; is "
                     "this the output of `assay run`?", where, lr.line);
            rc = 1;
            break;
        }
        if (assay_line_is_blank(text, len))
            continue;
        if (assay_report_add_decision(r, text, len, where, lr.line, err,
                                      err_size)) {
            rc = 1;
            break;
        }
    }
    if (!r->decisions_label)
        r->decisions_label = xstrdup(where);
    assay_line_reader_free(&lr);
    return rc;
}

/* ---- Summary and manifest ------------------------------------------- */

int assay_report_set_summary(assay_report *r, const char *text, size_t len,
                             const char *where, char *err, size_t err_size)
{
    place p = {where, 0, err, err_size};
    if (r->summary)
        return fail(&p, "a summary is already set");
    cJSON *root = parse_json(&p, text, len);
    if (!root)
        return 1;
    const cJSON *tiers;
    size_t count;
    if (!cJSON_IsObject(root)) {
        fail(&p, "the summary must be a JSON object, found %s",
             type_name(root));
        goto bad;
    }
    double records, error_records;
    if (opt_number(&p, root, "records", "", &records) ||
        opt_number(&p, root, "error_records", "", &error_records) ||
        opt_array(&p, root, "tiers", &tiers, &count))
        goto bad;
    const cJSON *counts = cJSON_GetObjectItemCaseSensitive(root, "counts");
    if (counts && !cJSON_IsObject(counts) && !cJSON_IsNull(counts)) {
        fail(&p, "counts must be an object of decision: number");
        goto bad;
    }
    assay_report_tier *t = xcalloc(count, sizeof *t);
    assay_report_tie stated; /* checked here, compared when finished */
    size_t i = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, tiers)
    {
        char path[64];
        snprintf(path, sizeof path, "tiers[%zu].", i);
        if (element_object(&p, item, "tiers", i) ||
            req_string(&p, item, "name", path, &t[i].name) ||
            opt_number(&p, item, "capacity", path, &t[i].capacity) ||
            opt_number(&p, item, "used", path, &t[i].used) ||
            opt_number(&p, item, "cutoff_score", path, &t[i].cutoff_score) ||
            opt_number(&p, item, "cutoff_rank", path, &t[i].cutoff_rank) ||
            opt_number(&p, item, "min_score", path, &t[i].min_score) ||
            read_tie(&p, item, path, &stated)) {
            free(t);
            goto bad;
        }
        if (!is_count(t[i].capacity) || !is_count(t[i].used)) {
            fail(&p, "%scapacity and %sused must be whole numbers", path,
                 path);
            free(t);
            goto bad;
        }
        for (size_t j = 0; j < i; j++)
            if (strcmp(t[j].name, t[i].name) == 0) {
                fail(&p, "%sname \"%s\" names tiers[%zu] already", path,
                     t[i].name, j);
                free(t);
                goto bad;
            }
        i++;
    }
    r->summary = root;
    r->tiers = t;
    r->tier_count = count;
    return 0;
bad:
    cJSON_Delete(root);
    return 1;
}

int assay_report_set_manifest(assay_report *r, const char *text, size_t len,
                              const char *where, char *err, size_t err_size)
{
    place p = {where, 0, err, err_size};
    if (r->manifest)
        return fail(&p, "a manifest is already set");
    cJSON *root = parse_json(&p, text, len);
    if (!root)
        return 1;
    if (!cJSON_IsObject(root)) {
        fail(&p, "the manifest must be a JSON object, found %s",
             type_name(root));
        cJSON_Delete(root);
        return 1;
    }
    /* The domains the run's plugins declared: their labels head the
     * report's columns and charts. */
    const cJSON *domains = cJSON_GetObjectItemCaseSensitive(root, "domains");
    if (!cJSON_IsArray(domains))
        domains = NULL;
    const cJSON *d;
    cJSON_ArrayForEach(d, domains)
    {
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(d, "name");
        const cJSON *label = cJSON_GetObjectItemCaseSensitive(d, "label");
        if (cJSON_IsString(name) && cJSON_IsString(label) &&
            label->valuestring[0])
            assay_report_set_domain_label(r, name->valuestring,
                                          label->valuestring);
    }
    assay_report_facts_read(&r->facts, root);
    r->manifest = root;
    return 0;
}

void assay_report_set_min_score(assay_report *r, const char *tier,
                                double min_score)
{
    for (size_t t = 0; t < r->tier_count; t++)
        if (strcmp(r->tiers[t].name, tier) == 0)
            r->tiers[t].min_score = min_score;
}

static int load_file(const char *path, assay_buffer *into, char *err,
                     size_t err_size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, err_size, "cannot open %s: %s", path, strerror(errno));
        return 1;
    }
    char chunk[65536];
    size_t n;
    int rc = 0;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (into->len + n > MAX_JSON_FILE) {
            snprintf(err, err_size, "%s: larger than 64 MiB; is this a "
                     "summary or manifest?", path);
            rc = 1;
            break;
        }
        assay_buffer_append(into, chunk, n);
    }
    if (!rc && ferror(f)) {
        snprintf(err, err_size, "%s: read error: %s", path, strerror(errno));
        rc = 1;
    }
    fclose(f);
    return rc;
}

typedef int (*json_setter)(assay_report *, const char *, size_t,
                           const char *, char *, size_t);

static int load_with(assay_report *r, const char *path, json_setter set,
                     char *err, size_t err_size)
{
    assay_buffer b;
    assay_buffer_init(&b);
    int rc = load_file(path, &b, err, err_size);
    if (!rc)
        rc = set(r, assay_buffer_cstr(&b), b.len, path, err, err_size);
    assay_buffer_free(&b);
    return rc;
}

int assay_report_load_summary(assay_report *r, const char *path, char *err,
                              size_t err_size)
{
    return load_with(r, path, assay_report_set_summary, err, err_size);
}

int assay_report_load_manifest(assay_report *r, const char *path, char *err,
                               size_t err_size)
{
    return load_with(r, path, assay_report_set_manifest, err, err_size);
}

/* ---- Names ---------------------------------------------------------- */

static uint64_t hash_text(const char *s)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static assay_report_name **name_slot(assay_report_name **slots, size_t n,
                                     const char *id)
{
    size_t i = (size_t)(hash_text(id) & (n - 1));
    while (slots[i] && strcmp(slots[i]->id, id) != 0)
        i = (i + 1) & (n - 1);
    return &slots[i];
}

static void grow_names(assay_report *r)
{
    if ((r->name_count + 1) * 2 <= r->name_slots)
        return;
    size_t n = r->name_slots ? r->name_slots * 2 : 256;
    assay_report_name **slots = xcalloc(n, sizeof *slots);
    for (size_t i = 0; i < r->name_slots; i++)
        if (r->names[i])
            *name_slot(slots, n, r->names[i]->id) = r->names[i];
    free(r->names);
    r->names = slots;
    r->name_slots = n;
}

void assay_report_add_name(assay_report *r, const char *id, const char *name)
{
    assay_report_add_application(r, id, name, NULL);
}

/* The new entry of id, or NULL when the id has one already. */
static assay_report_name *add_application(assay_report *r, const char *id,
                                          const char *name,
                                          const char *requests)
{
    r->names_given = 1;
    grow_names(r);
    assay_report_name **slot = name_slot(r->names, r->name_slots, id);
    if (*slot)
        return NULL;
    assay_report_name *n = xcalloc(1, sizeof *n);
    n->id = xstrdup(id);
    n->name = name ? xstrdup(name) : NULL;
    n->requests = requests ? xstrdup(requests) : NULL;
    *slot = n;
    r->name_count++;
    return n;
}

void assay_report_add_application(assay_report *r, const char *id,
                                  const char *name, const char *requests)
{
    add_application(r, id, name, requests);
}

static const assay_report_name *find_name(const assay_report *r,
                                          const char *id)
{
    if (!r->name_slots || !id)
        return NULL;
    return *name_slot(r->names, r->name_slots, id);
}

int assay_report_read_names(assay_report *r, FILE *in, const char *where,
                            const assay_record_fields *fields, char *err,
                            size_t err_size)
{
    assay_record_fields defaults = assay_record_fields_default();
    if (!fields)
        fields = &defaults;
    assay_line_reader lr;
    assay_line_reader_init(&lr, in, ASSAY_DEFAULT_MAX_LINE);
    r->names_given = 1;
    free(r->input_label);
    r->input_label = xstrdup(where);
    int rc = 0;
    assay_buffer facts;
    assay_buffer_init(&facts);
    for (;;) {
        const char *text;
        size_t len;
        assay_line_status st = assay_line_reader_next(&lr, &text, &len);
        if (st == ASSAY_LINE_END)
            break;
        if (st == ASSAY_LINE_IO_ERROR) {
            snprintf(err, err_size, "%s: read error: %s", where,
                     strerror(errno));
            rc = 1;
            break;
        }
        if (st != ASSAY_LINE_OK ||
            assay_json_depth(text, len) > ASSAY_RECORD_MAX_DEPTH)
            continue;
        cJSON *rec = cJSON_ParseWithLengthOpts(text, len, NULL, 0);
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(rec, "id");
        const cJSON *name = assay_record_find(rec, fields->name);
        const cJSON *requests = assay_record_find(rec, fields->requests), *q;
        assay_buffer joined;
        assay_buffer_init(&joined);
        const cJSON *list = cJSON_IsArray(requests) ? requests : NULL;
        cJSON_ArrayForEach(q, list)
            if (cJSON_IsString(q)) {
                if (joined.len)
                    assay_buffer_puts(&joined, ", ");
                assay_buffer_puts(&joined, q->valuestring);
            }
        assay_report_name *n =
            !cJSON_IsString(id)
                ? NULL
                : add_application(r, id->valuestring,
                                  cJSON_IsString(name) ? name->valuestring
                                                       : NULL,
                                  cJSON_IsArray(requests)
                                      ? assay_buffer_cstr(&joined)
                                      : NULL);
        /* Only the declared fields' values, not the application. */
        if (n && r->facts.field_count) {
            place p = {where, lr.line, err, err_size};
            assay_buffer_reset(&facts);
            assay_report_facts_extract(&r->facts, rec, &facts);
            rc = append_copy(r, &p, facts.data, facts.len, &n->facts_offset);
            n->facts_length = facts.len;
        }
        assay_buffer_free(&joined);
        cJSON_Delete(rec);
        if (rc)
            break;
    }
    assay_buffer_free(&facts);
    assay_line_reader_free(&lr);
    return rc;
}

/* ---- Finishing: order, decisions, rules, ordinals ------------------- */

static int by_rank(const void *a, const void *b)
{
    const assay_report_entry *x = a, *y = b;
    if (x->ok != y->ok)
        return x->ok ? -1 : 1;
    if (x->ok && (x->rank != 0) != (y->rank != 0))
        return x->rank ? -1 : 1; /* unranked after ranked */
    if (x->ok && x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x->source_line < y->source_line ? -1
           : x->source_line > y->source_line;
}

static size_t decision_index(assay_report *r, const char *name)
{
    for (size_t i = 0; i < r->decision_count; i++)
        if (strcmp(r->decisions[i], name) == 0)
            return i;
    const char **grown =
        realloc((void *)r->decisions, (r->decision_count + 1) * sizeof *grown);
    if (!grown) {
        fputs("assay: out of memory\n", stderr);
        abort();
    }
    r->decisions = grown;
    r->decisions[r->decision_count] = name;
    return r->decision_count++;
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void collect_rules(assay_report *r)
{
    size_t total = 0;
    for (size_t i = 0; i < r->ok_count; i++)
        total += r->entries[i].rule_score_count;
    const char **all = xcalloc(total, sizeof *all);
    size_t n = 0;
    for (size_t i = 0; i < r->ok_count; i++)
        for (size_t j = 0; j < r->entries[i].rule_score_count; j++)
            all[n++] = r->entries[i].rule_scores[j].rule;
    qsort((void *)all, n, sizeof *all, by_string);
    size_t unique = 0;
    for (size_t i = 0; i < n; i++)
        if (unique == 0 || strcmp(all[unique - 1], all[i]) != 0)
            all[unique++] = all[i];
    r->rules = all;
    r->rule_count = unique;
}

/* Sort keys for the ordinals: a number or a text, and the entry. */
typedef struct sort_key {
    double number;
    const char *text;
    size_t entry;
} sort_key;

/* Case-insensitive in ASCII, then bytewise: "alpha" next to "Alpha". */
static int text_cmp(const char *a, const char *b)
{
    for (const char *x = a, *y = b;; x++, y++) {
        int cx = (unsigned char)*x, cy = (unsigned char)*y;
        if (cx >= 'A' && cx <= 'Z')
            cx += 32;
        if (cy >= 'A' && cy <= 'Z')
            cy += 32;
        if (cx != cy)
            return cx - cy;
        if (!cx)
            break;
    }
    return strcmp(a, b);
}

static int key_cmp(const sort_key *x, const sort_key *y)
{
    if (x->text || y->text)
        return text_cmp(x->text, y->text);
    return (x->number > y->number) - (x->number < y->number);
}

static int by_key(const void *a, const void *b)
{
    const sort_key *x = a, *y = b;
    int c = key_cmp(x, y);
    if (c)
        return c;
    return (x->entry > y->entry) - (x->entry < y->entry);
}

/* Fills entries' order[which] with dense ordinals from 1 over the keys
 * that are present. */
static void assign_ordinals(assay_report *r, sort_key *keys, size_t n,
                            int which)
{
    qsort(keys, n, sizeof *keys, by_key);
    size_t ordinal = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || key_cmp(&keys[i - 1], &keys[i]) != 0)
            ordinal++;
        r->entries[keys[i].entry].order[which] = ordinal;
    }
}

static void compute_ordinals(assay_report *r)
{
    sort_key *keys = xcalloc(r->ok_count, sizeof *keys);
    size_t sorts = ASSAY_SORT_DOMAIN0 + r->domain_count;
    for (size_t i = 0; i < r->count; i++)
        r->entries[i].order = xcalloc(sorts, sizeof *r->entries[i].order);
    for (int which = 0; which < (int)sorts; which++) {
        size_t n = 0;
        for (size_t i = 0; i < r->ok_count; i++) {
            const assay_report_entry *e = &r->entries[i];
            sort_key k = {0, NULL, i};
            switch (which) {
            case ASSAY_SORT_RANK:
                k.number = (double)i; /* entries are in rank order */
                break;
            case ASSAY_SORT_ID:
                k.text = e->id;
                break;
            case ASSAY_SORT_NAME:
                if (!e->name)
                    continue;
                k.text = e->name;
                break;
            case ASSAY_SORT_REQUESTS:
                if (!e->requests)
                    continue;
                k.text = e->requests;
                break;
            case ASSAY_SORT_DECISION:
                k.number = (double)e->decision_index;
                break;
            case ASSAY_SORT_SCORE:
                if (isnan(e->score))
                    continue;
                k.number = e->score;
                break;
            default:
                if (isnan(e->domain[which - ASSAY_SORT_DOMAIN0]))
                    continue;
                k.number = e->domain[which - ASSAY_SORT_DOMAIN0];
            }
            keys[n++] = k;
        }
        assign_ordinals(r, keys, n, which);
    }
    free(keys);
}

static int report_domain(const assay_report *r, const char *name)
{
    for (size_t d = 0; d < r->domain_count; d++)
        if (strcmp(r->domains[d].name, name) == 0)
            return (int)d;
    return -1;
}

static const char *label_for(const assay_report *r, const char *name)
{
    for (size_t i = 0; i < r->label_count; i++)
        if (strcmp(r->labels[i].name, name) == 0)
            return r->labels[i].label;
    return name;
}

static int by_domain_name(const void *a, const void *b)
{
    return strcmp(((const assay_report_domain *)a)->name,
                  ((const assay_report_domain *)b)->name);
}

/* The domains of the ok records' scores, by name (the order does not
 * depend on which record comes first), and each entry's scores as an
 * array over them. */
static void collect_domains(assay_report *r)
{
    for (size_t i = 0; i < r->ok_count; i++)
        for (size_t k = 0; k < r->entries[i].domain_score_count; k++) {
            const char *name = r->entries[i].domain_scores[k].domain;
            if (report_domain(r, name) >= 0)
                continue;
            if (r->domain_count == r->domain_cap) {
                r->domain_cap = r->domain_cap ? r->domain_cap * 2 : 8;
                r->domains = realloc(r->domains,
                                     r->domain_cap * sizeof *r->domains);
                if (!r->domains)
                    abort();
            }
            assay_report_domain *d = &r->domains[r->domain_count++];
            d->name = xstrdup(name);
            d->label = xstrdup(label_for(r, name));
        }
    if (r->domain_count)
        qsort(r->domains, r->domain_count, sizeof *r->domains,
              by_domain_name);
    for (size_t i = 0; i < r->count; i++) {
        assay_report_entry *e = &r->entries[i];
        e->domain = xcalloc(r->domain_count ? r->domain_count : 1,
                            sizeof *e->domain);
        for (size_t d = 0; d < r->domain_count; d++)
            e->domain[d] = NAN;
        for (size_t k = 0; k < e->domain_score_count; k++)
            e->domain[report_domain(r, e->domain_scores[k].domain)] =
                e->domain_scores[k].score;
        free(e->domain_scores);
        e->domain_scores = NULL;
        e->domain_score_count = 0;
    }
}

void assay_report_set_domain_label(assay_report *r, const char *name,
                                   const char *label)
{
    for (size_t i = 0; i < r->label_count; i++)
        if (strcmp(r->labels[i].name, name) == 0) {
            free(r->labels[i].label);
            r->labels[i].label = xstrdup(label);
            return;
        }
    r->labels = realloc(r->labels, (r->label_count + 1) * sizeof *r->labels);
    if (!r->labels)
        abort();
    r->labels[r->label_count].name = xstrdup(name);
    r->labels[r->label_count++].label = xstrdup(label);
}

const char *assay_report_domain_label(const assay_report *r, size_t d)
{
    return d < r->domain_count ? r->domains[d].label : "?";
}

static void check_against_summary(assay_report *r)
{
    if (!r->summary)
        return;
    const cJSON *records = cJSON_GetObjectItemCaseSensitive(r->summary,
                                                            "records");
    const cJSON *errors = cJSON_GetObjectItemCaseSensitive(r->summary,
                                                           "error_records");
    if (cJSON_IsNumber(records) && records->valuedouble != (double)r->count)
        warn(r, "the summary counts %g records, the decisions file holds "
                "%zu; are they from the same run?",
             records->valuedouble, r->count);
    if (cJSON_IsNumber(errors) &&
        errors->valuedouble != (double)(r->count - r->ok_count))
        warn(r, "the summary counts %g error records, the decisions file "
                "holds %zu; are they from the same run?",
             errors->valuedouble, r->count - r->ok_count);
    for (size_t t = 0; t < r->tier_count; t++) {
        size_t i = decision_index(r, r->tiers[t].name);
        if ((double)r->decision_counts[i] != r->tiers[t].used)
            warn(r, "the summary says tier \"%s\" used %g seats, the "
                    "decisions file gives it %zu",
                 r->tiers[t].name, r->tiers[t].used, r->decision_counts[i]);
    }
}

/* Where each tier's seats ended, whether it filled, and the tie at its
 * cut-off the decision records mark. */
static void find_cutoffs(assay_report *r)
{
    for (size_t t = 0; t < r->tier_count; t++) {
        assay_report_tier *tier = &r->tiers[t];
        for (size_t i = 0; i < r->ok_count; i++)
            if (r->entries[i].decision_index == t)
                tier->last_seat = i + 1;
        tier->filled = tier->capacity > 0 && tier->used >= tier->capacity;
        for (size_t i = 0; i < r->tie_count; i++)
            if (strcmp(r->ties[i].tier, tier->name) == 0)
                tier->tie = r->ties[i];
    }
}

/* The summary's tiers[].tie against the records' marks: files of two
 * runs, most likely, when they differ. */
static void check_ties(assay_report *r)
{
    const cJSON *tiers = cJSON_GetObjectItemCaseSensitive(r->summary, "tiers");
    for (size_t t = 0; t < r->tier_count; t++) {
        const assay_report_tier *tier = &r->tiers[t];
        const cJSON *item = cJSON_GetArrayItem(tiers, (int)t);
        char err[256];
        place p = {"", 0, err, sizeof err};
        assay_report_tie said;
        if (read_tie(&p, item, "", &said))
            continue; /* checked when the summary was read */
        int marked = tier->tie.tier != NULL, stated = said.settled_by != NULL;
        if (marked == stated &&
            (!marked || (said.seated == tier->tie.seated &&
                         said.unseated == tier->tie.unseated &&
                         strcmp(said.settled_by, tier->tie.settled_by) == 0)))
            continue;
        if (stated)
            warn(r, "the summary says tier \"%s\" had a tie at its cut-off "
                    "(%zu seated, %zu without a seat, settled by %s), the "
                    "decision records mark %s",
                 tier->name, said.seated, said.unseated, said.settled_by,
                 marked ? "another" : "none");
        else
            warn(r, "the decision records mark a tie at the cut-off of tier "
                    "\"%s\", the summary none",
                 tier->name);
    }
}

/* The review queue by the reason that held each application, groups in
 * rank order of their first. */
static void group_held(assay_report *r)
{
    size_t review = assay_report_decision_named(r, "review");
    for (size_t i = 0; i < r->ok_count; i++) {
        const assay_report_entry *e = &r->entries[i];
        if (e->decision_index != review)
            continue;
        size_t g = 0;
        while (g < r->held_count && r->held[g].reason != e->held_by)
            g++;
        if (g == r->held_count) {
            r->held = realloc(r->held, (g + 1) * sizeof *r->held);
            if (!r->held)
                abort();
            r->held[g].reason = e->held_by;
            r->held[g].count = 0;
            r->held_count++;
        }
        r->held[g].count++;
    }
}

/* Marks who is shown in full (the rule is in report_data.h): the ones a
 * committee decides on, whatever the size of the cohort. */
static void choose_shown(assay_report *r)
{
    size_t waitlist = assay_report_decision_named(r, "waitlist");
    size_t review = assay_report_decision_named(r, "review");
    size_t waiting = 0, *held = xcalloc(r->held_count, sizeof *held);
    for (size_t i = 0; i < r->ok_count; i++) {
        assay_report_entry *e = &r->entries[i];
        e->shown = i < r->detail_top || e->decision_index < r->tier_count;
        if (e->decision_index == waitlist)
            e->shown |= waiting++ < ASSAY_REPORT_WAITLIST_SHOWN;
        if (e->decision_index == review) {
            size_t g = 0;
            while (r->held[g].reason != e->held_by)
                g++;
            e->shown |= held[g]++ < ASSAY_REPORT_HELD_SHOWN;
        }
    }
    free(held);
    size_t idx[2 * ASSAY_REPORT_BORDERLINE];
    for (size_t t = 0; t < r->tier_count; t++) {
        size_t n = assay_report_borderline(r, t, ASSAY_REPORT_BORDERLINE, idx);
        for (size_t k = 0; k < n; k++)
            r->entries[idx[k]].shown = 1;
    }
    for (size_t i = 0; i < r->ok_count; i++)
        r->shown_count += r->entries[i].shown;
}

void assay_report_finish(assay_report *r)
{
    qsort(r->entries, r->count, sizeof *r->entries, by_rank);
    r->ok_count = 0;
    while (r->ok_count < r->count && r->entries[r->ok_count].ok)
        r->ok_count++;

    for (size_t t = 0; t < r->tier_count; t++)
        decision_index(r, r->tiers[t].name);
    static const char *const rest[] = {"waitlist", "review", "reject"};
    int seen[3] = {0, 0, 0};
    for (size_t i = 0; i < r->ok_count; i++)
        for (int k = 0; k < 3; k++)
            if (strcmp(r->entries[i].decision, rest[k]) == 0)
                seen[k] = 1;
    for (int k = 0; k < 3; k++)
        if (seen[k])
            decision_index(r, rest[k]);
    for (size_t i = 0; i < r->ok_count; i++)
        r->entries[i].decision_index =
            decision_index(r, r->entries[i].decision);
    r->decision_counts = xcalloc(r->decision_count, sizeof *r->decision_counts);
    for (size_t i = 0; i < r->ok_count; i++)
        r->decision_counts[r->entries[i].decision_index]++;

    collect_domains(r);
    for (size_t i = 0; i < r->ok_count; i++) {
        assay_report_entry *e = &r->entries[i];
        const assay_report_name *n = find_name(r, e->id);
        e->name = n ? n->name : NULL;
        e->requests = n ? n->requests : NULL;
        r->names_unmatched += !n;
    }
    for (size_t i = r->ok_count; i < r->count; i++) {
        const assay_report_name *n = find_name(r, r->entries[i].id);
        r->entries[i].name = n ? n->name : NULL;
    }
    if (r->names_given && r->names_unmatched)
        warn(r, "%zu of %zu application ids are not in %s; is it the "
                "input of this run?",
             r->names_unmatched, r->ok_count,
             r->input_label ? r->input_label : "the input");

    collect_rules(r);
    compute_ordinals(r);
    check_against_summary(r);
    find_cutoffs(r);
    if (r->summary)
        check_ties(r);
    group_held(r);
    choose_shown(r);
}

void assay_report_add_warning(assay_report *r, const char *text)
{
    warn(r, "%s", text);
}

size_t assay_report_decision_named(const assay_report *r, const char *name)
{
    for (size_t i = 0; i < r->decision_count; i++)
        if (strcmp(r->decisions[i], name) == 0)
            return i;
    return r->decision_count;
}

/* The values of the declared fields in entry e's application, when the
 * input was read with a manifest that declares some. */
static int read_facts(const assay_report *r, const assay_report_entry *e,
                      assay_report_detail *d, char *err, size_t err_size)
{
    const assay_report_name *n = find_name(r, e->id);
    if (!n || !n->facts_length)
        return 0;
    char *text = xcalloc(n->facts_length + 1, 1);
    int bad = fseek(r->copy, n->facts_offset, SEEK_SET) != 0 ||
              fread(text, 1, n->facts_length, r->copy) != n->facts_length;
    if (!bad) {
        d->facts_json = cJSON_ParseWithLength(text, n->facts_length);
        d->facts = xcalloc(r->facts.field_count, sizeof *d->facts);
        bad = assay_report_facts_values(&r->facts, d->facts_json, d->facts);
    }
    free(text);
    if (bad)
        snprintf(err, err_size, "cannot read the values of %s's declared "
                 "fields back from the report's temporary copy", e->id);
    return bad;
}

int assay_report_detail_read(const assay_report *r, size_t i,
                             assay_report_detail *d, char *err,
                             size_t err_size)
{
    const assay_report_entry *e = &r->entries[i];
    place p = {r->decisions_label, e->source_line, err, err_size};
    memset(d, 0, sizeof *d);
    char *text = xcalloc(e->length + 1, 1);
    int bad = !r->copy || !e->ok || fseek(r->copy, e->offset, SEEK_SET) != 0 ||
              fread(text, 1, e->length, r->copy) != e->length;
    if (bad)
        fail(&p, "cannot read the record back from the report's temporary "
                 "copy");
    else if (!(d->json = cJSON_ParseWithLength(text, e->length)))
        bad = fail(&p, "the record read back is not the one read");
    else
        bad = read_detail(&p, d->json, d);
    free(text);
    if (!bad)
        bad = read_facts(r, e, d, err, err_size);
    if (bad)
        assay_report_detail_free(d);
    return bad;
}

size_t assay_report_borderline(const assay_report *r, size_t t, size_t k,
                               size_t *out)
{
    const assay_report_tier *tier = &r->tiers[t];
    if (!tier->filled || !tier->last_seat)
        return 0;
    size_t n = 0, first = tier->last_seat;
    for (size_t in = 0; in < k && first > 0; first--)
        if (r->entries[first - 1].decision_index == t)
            in++;
    for (size_t i = first; i < tier->last_seat; i++)
        if (r->entries[i].decision_index == t)
            out[n++] = i;
    for (size_t i = tier->last_seat, below = 0; i < r->ok_count && below < k;
         i++) {
        const assay_report_entry *e = &r->entries[i];
        if (e->decision_index > t && !isnan(e->score)) {
            out[n++] = i;
            below++;
        }
    }
    return n;
}
