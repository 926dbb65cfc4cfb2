/* assay calibrate: the weights that reproduce a committee's decisions. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "decide/calibrate.h"
#include "decide/decide.h"
#include "decide/past_decisions.h"
#include "decide/stability.h"
#include "decide/manifest.h"
#include "util/buffer.h"
#include "util/sha256.h"

enum {
    OPT_DECISIONS = 256,
    OPT_POLICY,
    OPT_LAMBDA,
    OPT_FOLDS,
    OPT_SEED,
    OPT_JSON,
    OPT_FRAGMENT
};

/* What the run read, for the manifest and the fragment's comments. */
typedef struct provenance {
    const char *policy, *decisions;
    char policy_sha[65], decisions_sha[65];
    const char *const *scored;
    char (*scored_sha)[65];
    size_t scored_count;
} provenance;

static void hash(const char *path, char hex[65])
{
    char err[256];
    if (strcmp(path, "-") == 0 || assay_sha256_file(path, hex, err, sizeof err))
        hex[0] = '\0';
}

static const char *outcome(const assay_policy *p, uint32_t o)
{
    return assay_stability_outcome_name(p, o);
}

static double percent(size_t part, size_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0;
}

/* Per outcome: how many the committee gave it, and how many of those the
 * policy gave it before and after. */
typedef struct tally {
    size_t *committee, *before, *after;
    size_t all_before, all_after;
} tally;

static tally count(const assay_calibration *c)
{
    tally t = {calloc(c->outcomes, sizeof(size_t)),
               calloc(c->outcomes, sizeof(size_t)),
               calloc(c->outcomes, sizeof(size_t)), 0, 0};
    if (!t.committee || !t.before || !t.after)
        abort();
    for (size_t i = 0; i < c->count; i++) {
        const assay_calibrated *it = &c->items[i];
        t.committee[it->committee]++;
        if (it->before == it->committee) {
            t.before[it->committee]++;
            t.all_before++;
        }
        if (it->after == it->committee) {
            t.after[it->committee]++;
            t.all_after++;
        }
    }
    return t;
}

static void tally_free(tally *t)
{
    free(t->committee);
    free(t->before);
    free(t->after);
}

/* ---- the policy fragment ------------------------------------------- */

static int is_identifier(const char *s)
{
    static const char *const reserved[] = {
        "and", "break", "do", "else", "elseif", "end", "false", "for",
        "function", "goto", "if", "in", "local", "nil", "not", "or",
        "repeat", "return", "then", "true", "until", "while"};
    if (!*s || (*s >= '0' && *s <= '9'))
        return 0;
    for (const char *q = s; *q; q++)
        if (!(*q == '_' || (*q >= 'a' && *q <= 'z') ||
              (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9')))
            return 0;
    for (size_t i = 0; i < sizeof reserved / sizeof *reserved; i++)
        if (strcmp(s, reserved[i]) == 0)
            return 0;
    return 1;
}

static void lua_key(assay_buffer *b, const char *name)
{
    if (is_identifier(name)) {
        assay_buffer_puts(b, name);
        return;
    }
    assay_buffer_puts(b, "[\"");
    for (const unsigned char *q = (const unsigned char *)name; *q; q++) {
        if (*q == '"' || *q == '\\')
            assay_buffer_printf(b, "\\%c", *q);
        else if (*q < 0x20 || *q == 0x7f)
            assay_buffer_printf(b, "\\%u", *q);
        else
            assay_buffer_putc(b, (char)*q);
    }
    assay_buffer_puts(b, "\"]");
}

static void sha_comment(assay_buffer *b, const char *sha)
{
    if (*sha)
        assay_buffer_printf(b, " (sha256 %s)", sha);
    else
        assay_buffer_puts(b, " (standard input)");
}

static void fragment(assay_buffer *b, const assay_policy *p,
                     const assay_calibration *c, const provenance *v,
                     const assay_calibrate_options *o, const tally *t)
{
    assay_buffer_printf(b, "-- Domain weights fitted by assay calibrate "
                           "(assay %s).\n-- Committee's decisions: %s",
                        assay_version(), v->decisions);
    sha_comment(b, v->decisions_sha);
    for (size_t i = 0; i < v->scored_count; i++) {
        assay_buffer_printf(b, "\n-- Scored records: %s", v->scored[i]);
        sha_comment(b, v->scored_sha[i]);
    }
    assay_buffer_printf(b, "\n-- Starting policy: %s", v->policy);
    sha_comment(b, v->policy_sha);
    assay_buffer_printf(b, "\n-- Fit: %zu of the %zu decisions (%zu seated); "
                           "L2 lambda %g ",
                        c->fitted, c->count, c->seated, c->fit.lambda);
    if (o->lambda < 0)
        assay_buffer_printf(b, "chosen by %zu-fold cross-validation, seed "
                               "%llu.\n",
                            o->folds, (unsigned long long)o->seed);
    else
        assay_buffer_puts(b, "as given.\n");
    assay_buffer_printf(b, "-- Agreement with the committee: %zu of %zu "
                           "(%.1f%%) with the policy's weights,\n-- %zu "
                           "(%.1f%%) with these.\n",
                        t->all_before, c->count, percent(t->all_before, c->count),
                        t->all_after, percent(t->all_after, c->count));
    assay_buffer_puts(b, "-- Review before adopting: this replaces the "
                         "policy's weights { ... };\n-- every other "
                         "declaration stays as it is.\n");
    assay_buffer_puts(b, "weights {\n");
    for (size_t d = 0; d < p->domain_count; d++) {
        const assay_policy_domain *dom = &p->domains[d];
        long j = -1;
        for (size_t q = 0; q < c->k; q++)
            if (c->criteria[q] == d)
                j = (long)q;
        if (j < 0 && !dom->weighed)
            continue; /* neither weighed by the policy nor fitted */
        assay_buffer_puts(b, "  ");
        lua_key(b, dom->name);
        assay_buffer_puts(b, " = ");
        assay_json_score(b, j < 0 ? dom->weight : c->after[j]);
        assay_buffer_putc(b, ',');
        if (j < 0)
            assay_buffer_puts(b, " -- weight 0 in the policy: left out");
        else if (!c->fitted_domain[j])
            assay_buffer_puts(b, " -- the policy's: no fitted record "
                                 "counts this domain");
        else {
            assay_buffer_puts(b, " -- was ");
            assay_json_score(b, c->before[j]);
            if (c->after[j] == 0)
                assay_buffer_puts(b, "; at 0 the domain no longer counts");
        }
        assay_buffer_putc(b, '\n');
    }
    assay_buffer_puts(b, "}\n");
}

/* ---- the report ------------------------------------------------------ */

static void json_number(assay_buffer *b, double v)
{
    if (isfinite(v))
        assay_buffer_printf(b, "%.6g", v);
    else
        assay_buffer_puts(b, "null");
}

/* A share of the weights: 6 decimals, trailing zeros trimmed. */
static void json_share(assay_buffer *b, double v)
{
    char t[64];
    snprintf(t, sizeof t, "%.6f", v);
    char *end = t + strlen(t);
    while (end[-1] == '0')
        *--end = '\0';
    if (end[-1] == '.')
        *--end = '\0';
    assay_buffer_puts(b, strcmp(t, "-0") == 0 ? "0" : t);
}

static void json_agreement(assay_buffer *b, const assay_policy *p,
                           const assay_calibration *c, const tally *t,
                           int after)
{
    size_t all = after ? t->all_after : t->all_before;
    assay_buffer_puts(b, "{\"agree\":");
    assay_json_uint(b, all);
    assay_buffer_puts(b, ",\"accuracy\":");
    json_number(b, c->count ? (double)all / (double)c->count : NAN);
    assay_buffer_puts(b, ",\"spearman\":");
    json_number(b, after ? c->rho_after : c->rho_before);
    assay_buffer_puts(b, ",\"spearman_records\":");
    assay_json_uint(b, after ? c->rho_count_after : c->rho_count_before);
    assay_buffer_puts(b, ",\"per_decision\":{");
    int first = 1;
    for (uint32_t o = 0; o < c->outcomes; o++) {
        if (!t->committee[o])
            continue;
        size_t agree = after ? t->after[o] : t->before[o];
        if (!first)
            assay_buffer_putc(b, ',');
        first = 0;
        assay_json_string(b, outcome(p, o));
        assay_buffer_puts(b, ":{\"committee\":");
        assay_json_uint(b, t->committee[o]);
        assay_buffer_puts(b, ",\"agree\":");
        assay_json_uint(b, agree);
        assay_buffer_puts(b, ",\"accuracy\":");
        json_number(b, (double)agree / (double)t->committee[o]);
        assay_buffer_putc(b, '}');
    }
    assay_buffer_puts(b, "}}");
}

static void json_report(assay_buffer *b, const assay_policy *p,
                        const assay_scored_set *set,
                        const assay_calibration *c, const provenance *v,
                        const assay_calibrate_options *o, const tally *t,
                        const char *frag)
{
    assay_buffer_puts(b, "{\"records\":{\"scored\":");
    assay_json_uint(b, set->count);
    assay_buffer_puts(b, ",\"decided\":");
    assay_json_uint(b, c->count);
    assay_buffer_puts(b, ",\"fitted\":");
    assay_json_uint(b, c->fitted);
    assay_buffer_puts(b, ",\"seated\":");
    assay_json_uint(b, c->seated);
    assay_buffer_puts(b, ",\"undecided\":");
    assay_json_uint(b, c->undecided);
    assay_buffer_puts(b, ",\"left_out\":");
    assay_json_uint(b, c->left_out);
    assay_buffer_puts(b, "},\"model\":{\"lambda\":");
    json_number(b, c->fit.lambda);
    assay_buffer_puts(b, o->lambda < 0 ? ",\"lambda_from\":\"cross-validation\""
                                       : ",\"lambda_from\":\"--lambda\"");
    assay_buffer_puts(b, ",\"cv_log_loss\":");
    json_number(b, c->fit.cv_log_loss);
    assay_buffer_puts(b, ",\"log_loss\":");
    json_number(b, c->fit.log_loss);
    assay_buffer_puts(b, ",\"scale\":");
    json_number(b, c->fit.scale);
    assay_buffer_puts(b, ",\"threshold\":");
    json_number(b, c->fit.threshold);
    assay_buffer_puts(b, ",\"iterations\":");
    assay_json_uint(b, (size_t)c->fit.iterations);
    assay_buffer_puts(b, "},\"weights\":[");
    for (size_t j = 0, jj = 0; j < c->k; j++) {
        assay_buffer_puts(b, j ? ",{\"domain\":" : "{\"domain\":");
        assay_json_string(b, p->domains[c->criteria[j]].name);
        assay_buffer_puts(b, ",\"policy\":");
        assay_json_score(b, c->before[j]);
        assay_buffer_puts(b, ",\"fitted\":");
        assay_json_score(b, c->after[j]);
        assay_buffer_puts(b, ",\"share\":");
        if (c->fitted_domain[j])
            json_share(b, c->fit.weights[jj++]);
        else
            assay_buffer_puts(b, "null");
        assay_buffer_putc(b, '}');
    }
    assay_buffer_puts(b, "],\"before\":");
    json_agreement(b, p, c, t, 0);
    assay_buffer_puts(b, ",\"after\":");
    json_agreement(b, p, c, t, 1);
    assay_buffer_puts(b, ",\"disagreements\":[");
    int first = 1;
    for (size_t i = 0; i < c->count; i++) {
        const assay_calibrated *it = &c->items[i];
        if (it->after == it->committee)
            continue;
        assay_buffer_puts(b, first ? "{\"id\":" : ",{\"id\":");
        first = 0;
        assay_json_string(b, set->cands[it->record].id);
        assay_buffer_puts(b, ",\"line\":");
        assay_json_uint(b, it->line);
        assay_buffer_puts(b, ",\"committee\":");
        assay_json_string(b, outcome(p, it->committee));
        assay_buffer_puts(b, ",\"before\":");
        assay_json_string(b, outcome(p, it->before));
        assay_buffer_puts(b, ",\"after\":");
        assay_json_string(b, outcome(p, it->after));
        assay_buffer_puts(b, ",\"score_before\":");
        assay_json_score(b, it->score_before);
        assay_buffer_puts(b, ",\"score_after\":");
        assay_json_score(b, it->score_after);
        assay_buffer_puts(b, it->fitted ? ",\"fitted\":true}" : ",\"fitted\":false}");
    }
    assay_buffer_puts(b, "],\"fragment\":");
    assay_json_string(b, frag);
    /* The manifest names everything needed to reproduce the fit. */
    assay_buffer_puts(b, ",\"manifest\":{\"assay\":");
    assay_json_string(b, assay_version());
    assay_buffer_puts(b, ",\"seed\":");
    assay_json_uint(b, (size_t)o->seed);
    assay_buffer_puts(b, ",\"folds\":");
    assay_json_uint(b, o->folds);
    assay_buffer_puts(b, ",\"lambdas\":[");
    if (o->lambda < 0)
        for (size_t l = 0; l < assay_fit_lambda_count; l++) {
            if (l)
                assay_buffer_putc(b, ',');
            json_number(b, assay_fit_lambdas[l]);
        }
    else
        json_number(b, o->lambda);
    assay_buffer_puts(b, "],\"samples\":");
    assay_json_uint(b, c->fitted);
    assay_buffer_puts(b, ",\"weight_bounds\":{\"lower\":0,\"upper\":1,"
                         "\"sum\":1},\"policy\":");
    assay_manifest_file(b, v->policy);
    assay_buffer_puts(b, ",\"decisions\":");
    assay_manifest_file(b, v->decisions);
    assay_buffer_puts(b, ",\"scored\":[");
    for (size_t i = 0; i < v->scored_count; i++) {
        if (i)
            assay_buffer_putc(b, ',');
        assay_manifest_file(b, v->scored[i]);
    }
    assay_buffer_puts(b, "]}}\n");
}

static void text_file(assay_buffer *b, const char *what, const char *path,
                      const char *sha)
{
    assay_buffer_printf(b, "  %-10s %s  %s\n", what, path,
                        *sha ? sha : "(standard input: not hashed)");
}

static void text_report(assay_buffer *b, const assay_policy *p,
                        const assay_scored_set *set,
                        const assay_calibration *c, const provenance *v,
                        const assay_calibrate_options *o, const tally *t,
                        const char *frag, const char *fragment_path)
{
    assay_buffer_printf(b, "records: %zu scored, %zu decided by the "
                           "committee, %zu in the fit (%zu seated), %zu "
                           "undecided, %zu decisions left out\n",
                        set->count, c->count, c->fitted, c->seated,
                        c->undecided, c->left_out);
    assay_buffer_printf(b, "model: the policy's weighted mean, logistic "
                           "link, L2 lambda %g ",
                        c->fit.lambda);
    if (o->lambda < 0)
        assay_buffer_printf(b, "by %zu-fold cross-validation (held-out log "
                               "loss %.4f)",
                            o->folds, c->fit.cv_log_loss);
    else
        assay_buffer_puts(b, "as given");
    assay_buffer_printf(b, "; log loss %.4f, scale %.4g, threshold %.4g\n\n",
                        c->fit.log_loss, c->fit.scale, c->fit.threshold);
    assay_buffer_printf(b, "%-28s %8s %8s %8s\n", "weight", "policy",
                        "fitted", "share");
    for (size_t j = 0, jj = 0; j < c->k; j++) {
        assay_buffer_printf(b, "%-28s %8.4f %8.4f ",
                            p->domains[c->criteria[j]].name, c->before[j],
                            c->after[j]);
        if (c->fitted_domain[j])
            assay_buffer_printf(b, "%8.4f\n", c->fit.weights[jj++]);
        else
            assay_buffer_puts(b, "       -  not fitted: no fitted record "
                                 "counts it\n");
    }
    assay_buffer_printf(b, "\n%-28s %16s %16s\n", "agreement", "before",
                        "after");
    char label[96];
    for (uint32_t q = 0; q < c->outcomes; q++) {
        if (!t->committee[q])
            continue;
        snprintf(label, sizeof label, "%s (%zu)", outcome(p, q),
                 t->committee[q]);
        assay_buffer_printf(b, "%-28s %7zu %6.1f%%  %7zu %6.1f%%\n", label,
                            t->before[q], percent(t->before[q], t->committee[q]),
                            t->after[q], percent(t->after[q], t->committee[q]));
    }
    snprintf(label, sizeof label, "all (%zu)", c->count);
    assay_buffer_printf(b, "%-28s %7zu %6.1f%%  %7zu %6.1f%%\n", label,
                        t->all_before, percent(t->all_before, c->count),
                        t->all_after, percent(t->all_after, c->count));
    assay_buffer_printf(b, "%-28s %16.4f %16.4f\n", "Spearman's rho",
                        c->rho_before, c->rho_after);
    size_t still = c->count - t->all_after;
    assay_buffer_printf(b, "\nthe fitted policy decides %zu of them "
                           "otherwise%s\n",
                        still, still ? ":" : "");
    for (size_t i = 0; i < c->count; i++) {
        const assay_calibrated *it = &c->items[i];
        if (it->after == it->committee)
            continue;
        assay_buffer_printf(b, "  %s (%s:%zu): committee %s, fitted %s",
                            set->cands[it->record].id, v->decisions, it->line,
                            outcome(p, it->committee), outcome(p, it->after));
        if (!isnan(it->score_after))
            assay_buffer_printf(b, " at %.4f", it->score_after);
        assay_buffer_printf(b, ", policy %s", outcome(p, it->before));
        if (!isnan(it->score_before))
            assay_buffer_printf(b, " at %.4f", it->score_before);
        assay_buffer_puts(b, it->fitted ? "\n" : " (not in the fit)\n");
    }
    assay_buffer_printf(b, "\nmanifest: assay %s, seed %llu, %zu folds, "
                           "lambda%s",
                        assay_version(), (unsigned long long)o->seed, o->folds,
                        o->lambda < 0 ? "s" : "");
    if (o->lambda < 0)
        for (size_t l = 0; l < assay_fit_lambda_count; l++)
            assay_buffer_printf(b, " %g", assay_fit_lambdas[l]);
    else
        assay_buffer_printf(b, " %g", o->lambda);
    assay_buffer_printf(b, ", %zu records fitted, shares in [0, 1] summing "
                           "to 1\n",
                        c->fitted);
    text_file(b, "policy", v->policy, v->policy_sha);
    text_file(b, "decisions", v->decisions, v->decisions_sha);
    for (size_t i = 0; i < v->scored_count; i++)
        text_file(b, "scored", v->scored[i], v->scored_sha[i]);
    if (fragment_path)
        assay_buffer_printf(b, "\npolicy fragment written to %s\n",
                            fragment_path);
    else
        assay_buffer_printf(b, "\npolicy fragment (review before adopting "
                               "it):\n%s",
                            frag);
}

/* ---- the command ----------------------------------------------------- */

static int write_text(const char *what, const char *path, const char *text,
                      size_t len)
{
    if (!path) {
        if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0)
            return assay_usage_error("cannot write to stdout: %m"), -1;
        return 0;
    }
    assay_atomic_file a;
    FILE *f = assay_cli_create(&a, what, path);
    if (!f)
        return -1;
    fwrite(text, 1, len, f);
    return assay_cli_commit(&a) ? -1 : 0;
}

static int calibrate_main(int argc, char **argv)
{
    const char *output = NULL, *policy_path = NULL, *decisions_path = NULL,
               *fragment_path = NULL;
    assay_calibrate_options o = {-1, 5, 1};
    size_t seed = 1;
    int json = 0, c;
    assay_options opts;
    assay_options_begin(&opts, &assay_cmd_calibrate, argc, argv);
    while ((c = assay_options_next(&opts)) >= 0) {
        switch (c) {
        case 'o': output = assay_cli_output(opts.arg); break;
        case OPT_DECISIONS: decisions_path = opts.arg; break;
        case OPT_POLICY: policy_path = opts.arg; break;
        case OPT_FRAGMENT: fragment_path = opts.arg; break;
        case OPT_JSON: json = 1; break;
        case OPT_LAMBDA:
            if (assay_parse_double("--lambda", opts.arg, &o.lambda))
                return ASSAY_EXIT_USAGE;
            if (o.lambda < 0)
                return assay_usage_error("--lambda must be 0 or more");
            break;
        case OPT_FOLDS:
            if (assay_parse_size("--folds", opts.arg, &o.folds))
                return ASSAY_EXIT_USAGE;
            if (o.folds < 2)
                return assay_usage_error("--folds must be at least 2");
            break;
        case OPT_SEED:
            if (assay_parse_size("--seed", opts.arg, &seed))
                return ASSAY_EXIT_USAGE;
            o.seed = seed;
            break;
        }
    }
    if (c == ASSAY_OPTIONS_STOP)
        return opts.status;
    if (!decisions_path)
        return assay_usage_error("calibrate needs the committee's decisions "
                                 "(--decisions FILE); see `assay calibrate "
                                 "--help`");
    if (opts.index == argc)
        return assay_usage_error("calibrate needs scored records (assay "
                                 "score output); see `assay calibrate "
                                 "--help`");
    if (assay_cli_check_writable("output ", output) ||
        assay_cli_check_writable("fragment ", fragment_path))
        return ASSAY_EXIT_USAGE;
    assay_policy *p = assay_cli_load_policy(policy_path);
    if (!p)
        return ASSAY_EXIT_USAGE;
    int rc = ASSAY_EXIT_USAGE;
    size_t nin = (size_t)(argc - opts.index);
    assay_decide_input *inputs = calloc(nin, sizeof *inputs);
    char(*scored_sha)[65] = calloc(nin, sizeof *scored_sha);
    assay_past_decisions past = {0};
    assay_scored_set set = {0};
    assay_calibration cal = {0};
    assay_buffer out, frag;
    assay_buffer_init(&out);
    assay_buffer_init(&frag);
    tally t = {0};
    if (!inputs || !scored_sha) {
        assay_usage_error("out of memory");
        goto done;
    }
    FILE *df = strcmp(decisions_path, "-") == 0 ? stdin
                                                 : fopen(decisions_path, "rb");
    if (!df) {
        assay_usage_error("cannot open %s: %m", decisions_path);
        goto done;
    }
    int read_rc = assay_past_decisions_read(df, decisions_path, &past);
    if (df != stdin)
        fclose(df);
    if (read_rc != 0)
        goto done;
    int bad_input = 0;
    for (size_t i = 0; i < nin; i++) {
        inputs[i].name = argv[opts.index + (int)i];
        inputs[i].file = strcmp(inputs[i].name, "-") == 0
                             ? stdin
                             : fopen(inputs[i].name, "rb");
        if (!inputs[i].file) {
            assay_usage_error("cannot open %s: %m", inputs[i].name);
            bad_input = 1;
        }
    }
    if (bad_input || assay_scored_set_read(&set, p, inputs, nin) != 0)
        goto done;
    char err[1024];
    if (assay_calibrate(p, &set, &past, decisions_path, &o, &cal, err,
                        sizeof err) != 0) {
        assay_usage_error("calibrate: %s", err);
        goto done;
    }
    provenance v = {p->path, decisions_path, "", "", NULL, scored_sha, nin};
    const char **names = calloc(nin, sizeof *names);
    if (!names)
        goto done;
    for (size_t i = 0; i < nin; i++) {
        names[i] = inputs[i].name;
        hash(names[i], scored_sha[i]);
    }
    v.scored = names;
    hash(p->path, v.policy_sha);
    hash(decisions_path, v.decisions_sha);
    t = count(&cal);
    fragment(&frag, p, &cal, &v, &o, &t);
    if (json)
        json_report(&out, p, &set, &cal, &v, &o, &t, assay_buffer_cstr(&frag));
    else
        text_report(&out, p, &set, &cal, &v, &o, &t, assay_buffer_cstr(&frag),
                    fragment_path);
    free(names);
    if ((fragment_path &&
         write_text("fragment ", fragment_path, frag.data, frag.len)) ||
        write_text("output ", output, out.data, out.len))
        goto done;
    size_t left_out = past.left_out + cal.left_out;
    fprintf(stderr,
            "assay: calibrate: %zu of %zu committee decisions agree with "
            "the policy, %zu with the fitted weights (%zu records fitted, "
            "lambda %g, seed %llu)%s\n",
            t.all_before, cal.count, t.all_after, cal.fitted, cal.fit.lambda,
            (unsigned long long)o.seed,
            left_out ? "; some decision lines were left out (above)" : "");
    rc = left_out ? ASSAY_EXIT_RECORDS : ASSAY_EXIT_OK;
done:
    tally_free(&t);
    assay_buffer_free(&out);
    assay_buffer_free(&frag);
    assay_calibration_free(&cal);
    assay_scored_set_free(&set);
    assay_past_decisions_free(&past);
    if (inputs)
        for (size_t i = 0; i < nin; i++)
            if (inputs[i].file && inputs[i].file != stdin)
                fclose(inputs[i].file);
    free(inputs);
    free(scored_sha);
    assay_policy_free(p);
    return rc;
}

static const assay_option calibrate_options[] = {
    {"decisions", OPT_DECISIONS, "FILE",
     "the committee's decisions: JSON Lines with \"id\" and \"decision\" "
     "(assay decide's output will do), or CSV with columns id and "
     "decision"},
    {"policy", OPT_POLICY, "FILE", "the policy (default: the shipped one)"},
    {"lambda", OPT_LAMBDA, "L",
     "the L2 regularisation (default: chosen by cross-validation from "
     "0.0001 to 1)"},
    {"folds", OPT_FOLDS, "K", "cross-validation folds (default 5)"},
    {"seed", OPT_SEED, "N", "shuffles the records into folds (default 1)"},
    {"json", OPT_JSON, NULL, "the report as one JSON object"},
    {"output", 'o', "FILE", "the report to FILE (default: stdout)"},
    {"fragment", OPT_FRAGMENT, "FILE",
     "the fitted weights as a policy fragment (Lua) to FILE; without it "
     "the text report ends with the fragment"},
    {NULL, 0, NULL, NULL}};
static const assay_option *const calibrate_tables[] = {calibrate_options,
                                                       NULL};
const assay_command assay_cmd_calibrate = {
    .name = "calibrate",
    .summary = "fit the policy's weights to a committee's decisions",
    .synopsis = "[OPTIONS] --decisions FILE SCORED...",
    .description =
        "Fits the policy's domain weights to a committee's final decisions "
        "on scored records (as `assay score` writes them), so that the "
        "policy reproduces them as well as it can: the policy's weighted "
        "mean under a logistic link, non-negative weights, L2 "
        "regularisation chosen by k-fold cross-validation "
        "(docs/calibrate.md). Reports the agreement before and after (per "
        "decision, overall, Spearman's rho), the applicants the fitted "
        "policy still decides otherwise, and the fitted weights as a "
        "policy fragment to review before adopting it.",
    .options = calibrate_tables,
    .exit_status =
        "Exit status: 0 fitted, 1 fitted with some decision lines left out "
        "(each named file:line on stderr), 2 usage error or nothing to fit.",
    .main = calibrate_main};
