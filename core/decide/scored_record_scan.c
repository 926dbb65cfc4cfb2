#include "decide/scored_record_scan.h"

#include <string.h>

#include "assay/plugin.h"
#include "decide/scored_record_check.h"
#include "engine/fingerprint.h"
#include "util/buffer.h"
#include "util/json_string_run.h"

/* The text at hand and where the names go. Every function returns 0 to
 * decline the record: the caller stops at once and the check decides. */
typedef struct scanner {
    const char *p, *end;
    assay_scored_scan *out;
    int spaced;         /* whitespace was skipped somewhere */
    size_t next_member; /* the record's members so far were in order */
    int in_order;
} scanner;

/* The members of a scored record, in the order assay score writes them. */
enum {
    M_ID,
    M_LINE,
    M_PART,
    M_STATUS,
    M_DOMAINS,
    M_CLAIMED,
    M_REQUESTS,
    M_FINDINGS,
    M_VETOES,
    M_FLAGS,
    M_FINGERPRINT,
    M_COUNT
};
static const char *const member_names[M_COUNT] = {
    "id",     "line",     "part",   "status", "domains",    "claimed",
    "requests", "findings", "vetoes", "flags",  "fingerprint"};

/* JSON's own whitespace only: the check's parser skips any control
 * character, which the scan leaves to it. */
static void skip_space(scanner *s)
{
    const char *from = s->p;
    while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' ||
                             *s->p == '\n' || *s->p == '\r'))
        s->p++;
    s->spaced |= s->p != from;
}

static int take(scanner *s, char c)
{
    /* assay score writes no whitespace: look for c first. */
    if (s->p < s->end && *s->p == c) {
        s->p++;
        return 1;
    }
    skip_space(s);
    if (s->p < s->end && *s->p == c) {
        s->p++;
        return 1;
    }
    return 0;
}

/* A string at p: its bytes between the quotes in [*start, *start + *len),
 * *escaped set when it holds a backslash. Declines a control character (a
 * NUL among them), a \u escape (which may be \u0000, a NUL the check
 * refuses) and bytes that are not UTF-8 (which cJSON would take, and
 * decide's output must not copy). */
static int string(scanner *s, const char **start, size_t *len, int *escaped)
{
    if (!take(s, '"'))
        return 0;
    const char *p = s->p, *end = s->end;
    *escaped = 0;
    while ((p = assay_json_string_run(p, end, 1)) < end) {
        if ((unsigned char)*p >= 0x80) {
            size_t k = assay_utf8_sequence_length((const unsigned char *)p,
                                                  (size_t)(end - p));
            if (k == 0)
                return 0;
            p += k;
            continue;
        }
        if (*p == '"') {
            *start = s->p;
            *len = (size_t)(p - s->p);
            s->p = p + 1;
            return 1;
        }
        if (*p != '\\' || p + 1 >= end || !p[1] ||
            !strchr("\"\\/bfnrt", p[1]))
            return 0; /* a control character, or an escape declined */
        *escaped = 1;
        p += 2;
    }
    return 0;
}

/* A string whose bytes are its value (no escape), copied to the pool. */
static int name(scanner *s, const char **out)
{
    const char *start;
    size_t len;
    int escaped;
    if (!string(s, &start, &len, &escaped) || escaped)
        return 0;
    assay_scored_scan *o = s->out;
    if (len >= sizeof o->names - o->names_used)
        return 0;
    char *copy = o->names + o->names_used;
    memcpy(copy, start, len);
    copy[len] = '\0';
    o->names_used += len + 1;
    *out = copy;
    return 1;
}

/* A string of any content, skipped. */
static int any_string(scanner *s)
{
    const char *start;
    size_t len;
    int escaped;
    return string(s, &start, &len, &escaped);
}

/* A JSON number read exactly as strtod reads it, or declined. A decimal
 * with at most 2^53 as its digits and a power of ten up to 22 either way
 * is one correctly rounded multiplication or division of two exact
 * doubles, so it equals strtod's correctly rounded result; assay score
 * writes nothing else. */
static int number(scanner *s, double *x)
{
    static const double power[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,
                                   1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                   1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
                                   1e18, 1e19, 1e20, 1e21, 1e22};
    skip_space(s);
    const char *p = s->p, *end = s->end;
    int negative = p < end && *p == '-';
    p += negative;
    uint64_t digits = 0;
    int count = 0, exponent = 0;
    if (p < end && *p == '0') {
        p++;
    } else if (p < end && *p >= '1' && *p <= '9') {
        for (; p < end && *p >= '0' && *p <= '9'; p++) {
            if (++count > 19)
                return 0;
            digits = digits * 10 + (uint64_t)(*p - '0');
        }
    } else {
        return 0;
    }
    if (p < end && *p == '.') {
        p++;
        if (!(p < end && *p >= '0' && *p <= '9'))
            return 0;
        for (; p < end && *p >= '0' && *p <= '9'; p++) {
            if (++count > 19)
                return 0;
            digits = digits * 10 + (uint64_t)(*p - '0');
            exponent--;
        }
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        int sign = 1, e = 0;
        if (p < end && (*p == '+' || *p == '-'))
            sign = *p++ == '-' ? -1 : 1;
        if (!(p < end && *p >= '0' && *p <= '9'))
            return 0;
        for (; p < end && *p >= '0' && *p <= '9'; p++)
            if ((e = e * 10 + (*p - '0')) > 1000)
                return 0;
        exponent += sign * e;
    }
    double v;
    if (digits == 0)
        v = 0;
    else if (digits > (UINT64_C(1) << 53) || exponent < -22 || exponent > 22)
        return 0;
    else if (exponent >= 0)
        v = (double)digits * power[exponent];
    else
        v = (double)digits / power[-exponent];
    *x = negative ? -v : v;
    s->p = p;
    return 1;
}

/* A number in [lo, hi] (finite by the conversion). */
static int number_in(scanner *s, double lo, double hi, double *x)
{
    return number(s, x) && *x >= lo && *x <= hi;
}

/* A whole number in [lo, 2^53], as the check's "line" and "part". */
static int whole(scanner *s, double lo, uint64_t *out)
{
    double x;
    if (!number_in(s, lo, ASSAY_SCORED_MAX_WHOLE, &x) || x != (double)(uint64_t)x)
        return 0;
    *out = (uint64_t)x;
    return 1;
}

/* Whether name is the len bytes of key. A key holds no NUL (string()
 * declines control characters), so a shorter name differs at its end. */
static int is_key(const char *name, const char *key, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (name[i] != key[i])
            return 0;
    return name[len] == '\0';
}

/* The index of key among names (n of them), or n; the one after the last
 * member is tried first, as score writes them in order. */
static size_t which(const char *key, size_t len, const char *const *names,
                    size_t n, size_t guess)
{
    if (guess < n && is_key(names[guess], key, len))
        return guess;
    for (size_t k = 0; k < n; k++)
        if (is_key(names[k], key, len))
            return k;
    return n;
}

/* An object's members, each key one of names (n of them, at most 32) and
 * given once, its value read by member(s, k, state); *seen gets a bit a
 * member. */
static int object(scanner *s, const char *const *names, size_t n,
                  int (*member)(scanner *, size_t, void *), void *state,
                  unsigned *seen)
{
    *seen = 0;
    if (!take(s, '{'))
        return 0;
    if (take(s, '}'))
        return 1;
    size_t k = (size_t)-1;
    do {
        const char *key;
        size_t len;
        int escaped;
        if (!string(s, &key, &len, &escaped) || escaped)
            return 0;
        k = which(key, len, names, n, k + 1);
        if (k == n || (*seen & (1u << k)) || !take(s, ':') ||
            !member(s, k, state))
            return 0;
        *seen |= 1u << k;
    } while (take(s, ','));
    return take(s, '}');
}

/* An array, each item read by item(s, state). */
static int array(scanner *s, int (*item)(scanner *, void *), void *state)
{
    if (!take(s, '['))
        return 0;
    if (take(s, ']'))
        return 1;
    do
        if (!item(s, state))
            return 0;
    while (take(s, ','));
    return take(s, ']');
}

/* ---- findings, vetoes and flags --------------------------------------- */

enum { F_RULE, F_PLUGIN, F_DOMAIN, F_ERROR, F_SCORE, F_WEIGHT, F_REASON };
static const char *const finding_names[] = {
    "rule", "plugin", "domain", "error", "score", "weight", "reason"};

static int finding_member(scanner *s, size_t k, void *state)
{
    (void)state;
    double x;
    if (k == F_SCORE)
        return number_in(s, 0, 1, &x);
    if (k == F_WEIGHT)
        return number_in(s, 0, ASSAY_MAX_WEIGHT, &x);
    return any_string(s);
}

/* Past `literal` (n bytes, a constant: compared as words) at s->p. */
static int literal(scanner *s, const char *text, size_t n)
{
    if ((size_t)(s->end - s->p) < n || memcmp(s->p, text, n) != 0)
        return 0;
    s->p += n;
    return 1;
}
#define LITERAL(s, text) literal(s, text, sizeof text - 1)

/* A finding exactly as assay score writes it: its keys in order, no
 * space. Nearly every finding is; any other is read member by member. */
static int finding_as_written(scanner *s)
{
    double x;
    if (!LITERAL(s, "{\"rule\":") || !any_string(s) ||
        !LITERAL(s, ",\"plugin\":") || !any_string(s) ||
        !LITERAL(s, ",\"domain\":") || !any_string(s))
        return 0;
    if (LITERAL(s, ",\"error\":"))
        return any_string(s) && LITERAL(s, "}");
    return LITERAL(s, ",\"score\":") && number_in(s, 0, 1, &x) &&
           LITERAL(s, ",\"weight\":") &&
           number_in(s, 0, ASSAY_MAX_WEIGHT, &x) &&
           LITERAL(s, ",\"reason\":") && any_string(s) && LITERAL(s, "}");
}

static int finding(scanner *s, void *state)
{
    (void)state;
    const char *start = s->p;
    if (finding_as_written(s))
        return 1;
    s->p = start;
    unsigned seen;
    if (!object(s, finding_names, 7, finding_member, NULL, &seen))
        return 0;
    unsigned named = 1u << F_RULE | 1u << F_PLUGIN | 1u << F_DOMAIN;
    unsigned scored = 1u << F_SCORE | 1u << F_WEIGHT | 1u << F_REASON;
    return seen == (named | 1u << F_ERROR) || seen == (named | scored);
}

static const char *const mark_names[] = {"rule", "plugin", "reason"};

static int mark_member(scanner *s, size_t k, void *state)
{
    (void)k;
    (void)state;
    return any_string(s);
}

static int mark(scanner *s, void *count)
{
    unsigned seen;
    if (!object(s, mark_names, 3, mark_member, NULL, &seen) || seen != 7)
        return 0;
    ++*(size_t *)count;
    return 1;
}

/* ---- names: domains, claimed, requests --------------------------------- */

typedef struct name_list {
    const char **names;
    size_t *count;
} name_list;

static int listed_name(scanner *s, void *state)
{
    name_list *l = state;
    return *l->count < ASSAY_SCAN_MAX_NAMES &&
           name(s, &l->names[(*l->count)++]);
}

static int domains(scanner *s, assay_scored_scan *o)
{
    if (!take(s, '{'))
        return 0;
    if (take(s, '}'))
        return 1;
    do {
        const char *d;
        if (o->domain_count == ASSAY_SCAN_MAX_NAMES || !name(s, &d))
            return 0;
        for (size_t i = 0; i < o->domain_count; i++)
            if (strcmp(o->domain[i], d) == 0)
                return 0;
        if (!take(s, ':') || !number_in(s, 0, 1, &o->score[o->domain_count]))
            return 0;
        o->domain[o->domain_count++] = d;
    } while (take(s, ','));
    return take(s, '}');
}

static int fingerprint(scanner *s, const char **out)
{
    if (!name(s, out))
        return 0;
    size_t n = strlen(*out);
    return n == ASSAY_FINGERPRINT_DIGITS &&
           strspn(*out, "0123456789abcdef") == n;
}

/* ---- the record -------------------------------------------------------- */

static int record_member(scanner *s, size_t k, void *state)
{
    assay_scored_scan *o = state;
    const char *status;
    s->in_order &= k == s->next_member;
    s->next_member = k + 1;
    name_list claimed = {o->claimed, &o->claimed_count};
    name_list requests = {o->request, &o->request_count};
    switch (k) {
    case M_ID:
        return name(s, &o->id) && o->id[0];
    case M_LINE:
        return whole(s, 1, &o->line);
    case M_PART:
        return whole(s, 0, &o->part);
    case M_STATUS:
        /* An error record is rare: the check reads it. */
        return name(s, &status) && strcmp(status, "ok") == 0;
    case M_DOMAINS:
        return domains(s, o);
    case M_CLAIMED:
        return array(s, listed_name, &claimed);
    case M_REQUESTS:
        return array(s, listed_name, &requests);
    case M_FINDINGS:
        return array(s, finding, NULL);
    case M_VETOES:
        return array(s, mark, &o->veto_count);
    case M_FLAGS:
        return array(s, mark, &o->flag_count);
    default:
        return fingerprint(s, &o->fingerprint);
    }
}

int assay_scored_record_scan(const char *text, size_t len,
                             assay_scored_scan *out)
{
    out->fingerprint = NULL;
    out->domain_count = out->claimed_count = out->request_count = 0;
    out->veto_count = out->flag_count = 0;
    out->names_used = 0;
    out->canonical = 0;
    scanner s = {text, text + len, out, 0, 0, 1};
    unsigned seen;
    /* More members than 32 could not be told apart in seen; there are
     * fewer, and a name the format does not give is declined anyway. */
    _Static_assert(M_COUNT <= 32, "a bit a member");
    if (!object(&s, member_names, M_COUNT, record_member, out, &seen))
        return 0;
    skip_space(&s);
    unsigned required = (1u << M_COUNT) - 1 - (1u << M_FINGERPRINT);
    if (s.p != s.end || (seen & required) != required)
        return 0;
    out->canonical = s.in_order && !s.spaced;
    return 1;
}

/* ---- the spans of a record in score's own layout ----------------------- */

/* Past the string at p, escapes and all, or NULL: a quote ends it where
 * an even number of backslashes precede it. */
static const char *past_string(const char *p, const char *end)
{
    if (p >= end || *p != '"')
        return NULL;
    for (p++;;) {
        const char *q = memchr(p, '"', (size_t)(end - p));
        if (!q)
            return NULL;
        const char *b = q;
        while (b > p && b[-1] == '\\')
            b--;
        if ((q - b) % 2 == 0)
            return q + 1;
        p = q + 1;
    }
}

/* Past the object or array at p, its strings of any content, or NULL. */
static const char *past_container(const char *p, const char *end)
{
    int depth = 0;
    if (!p || p >= end || (*p != '[' && *p != '{'))
        return NULL;
    while (p < end) {
        if (*p == '"') {
            if (!(p = past_string(p, end)))
                return NULL;
            continue;
        }
        if (*p == '{' || *p == '[')
            depth++;
        else if ((*p == '}' || *p == ']') && --depth == 0)
            return p + 1;
        p++;
    }
    return NULL;
}

/* Past `literal` at p, or NULL. */
static const char *past(const char *p, const char *end, const char *literal)
{
    size_t n = strlen(literal);
    return p && (size_t)(end - p) >= n && memcmp(p, literal, n) == 0 ? p + n
                                                                     : NULL;
}

static const char *past_number(const char *p, const char *end)
{
    const char *from = p;
    while (p && p < end && *p && strchr("0123456789.eE+-", *p))
        p++;
    return p && p > from ? p : NULL;
}

int assay_scored_record_spans(const char *text, size_t len, int with_marks,
                              assay_scored_spans *out)
{
    const char *end = text + len;
    const char *p = past(text, end, "{\"id\":");
    p = p ? past_string(p, end) : NULL;
    p = past_number(past(p, end, ",\"line\":"), end);
    p = past_number(past(p, end, ",\"part\":"), end);
    p = past(p, end, ",\"status\":\"ok\",\"domains\":");
    const char *domains = p;
    p = past_container(p, end);
    const char *domains_end = p;
    p = past(p, end, ",\"claimed\":");
    p = past_container(p, end);
    p = past(p, end, ",\"requests\":");
    p = past_container(p, end);
    p = past(p, end, ",");
    if (!past(p, end, "\"findings\":"))
        return 0;
    /* The rest, up to the fingerprint or the record's end, is findings,
     * vetoes and flags, as the scan read them. */
    static const char tail[] = ",\"fingerprint\":\"";
    size_t tail_len = sizeof tail - 1 + ASSAY_FINGERPRINT_DIGITS + 2;
    const char *rest_end = end - 1;
    if ((size_t)(end - p) > tail_len && end[-2] == '"' &&
        memcmp(end - tail_len, tail, sizeof tail - 1) == 0)
        rest_end = end - tail_len;
    if (rest_end <= p || rest_end[-1] != ']')
        return 0;
    out->domains_at = (size_t)(domains - text);
    out->domains_len = (size_t)(domains_end - domains);
    out->rest_at = (size_t)(p - text);
    out->rest_len = (size_t)(rest_end - p);
    out->vetoes_at = out->vetoes_len = out->flags_at = out->flags_len = 0;
    if (!with_marks)
        return 1;
    const char *q = past_container(past(p, end, "\"findings\":"), end);
    const char *vetoes = past(q, end, ",\"vetoes\":");
    const char *vetoes_end = past_container(vetoes, end);
    const char *flags = past(vetoes_end, end, ",\"flags\":");
    const char *flags_end = past_container(flags, end);
    if (flags_end != rest_end)
        return 0;
    out->vetoes_at = (size_t)(vetoes - text);
    out->vetoes_len = (size_t)(vetoes_end - vetoes);
    out->flags_at = (size_t)(flags - text);
    out->flags_len = (size_t)(flags_end - flags);
    return 1;
}
