/* assay stability: how sure is each decision when the weights move. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "engine/batch.h"
#include "decide/decide.h"
#include "decide/stability.h"
#include "decide/manifest.h"
#include "util/buffer.h"

enum {
    OPT_POLICY = 256,
    OPT_ERROR,
    OPT_SAMPLES,
    OPT_SEED,
    OPT_BOUND,
    OPT_FIX,
    OPT_ORDER,
    OPT_THRESHOLD
};

typedef struct weight_rule {
    char kind; /* 'b' bound, 'f' fix, 'o' order */
    const char *text;
} weight_rule;

/* The index among the criteria of the domain named name, or -1. */
static long criterion_of(const assay_policy *p, const size_t *criteria,
                         size_t k, const char *name, size_t len)
{
    for (size_t j = 0; j < k; j++) {
        const char *d = p->domains[criteria[j]].name;
        if (strlen(d) == len && strncmp(d, name, len) == 0)
            return (long)j;
    }
    return -1;
}

static int parse_number(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end || errno || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

static int unknown_domain(const assay_policy *p, const size_t *criteria,
                          size_t k, const char *option, const char *name,
                          size_t len)
{
    assay_buffer b;
    assay_buffer_init(&b);
    for (size_t j = 0; j < k; j++) {
        if (j)
            assay_buffer_puts(&b, ", ");
        assay_buffer_puts(&b, p->domains[criteria[j]].name);
    }
    assay_usage_error("%s: \"%.*s\" is not a weighted domain of the policy; "
                      "use one of %s",
                      option, (int)len, name, assay_buffer_cstr(&b));
    assay_buffer_free(&b);
    return -1;
}

/* Builds the weight space from the --bound, --fix and --order options. */
static int build_space(const assay_policy *p, const size_t *criteria,
                       size_t k, const weight_rule *rules, size_t rule_count,
                       double *lower, double *upper, unsigned char *fixed,
                       assay_smaa_order *orders, size_t *order_count)
{
    for (size_t j = 0; j < k; j++) {
        lower[j] = 0;
        upper[j] = 1;
        fixed[j] = 0;
    }
    *order_count = 0;
    for (size_t r = 0; r < rule_count; r++) {
        const char *t = rules[r].text;
        if (rules[r].kind == 'o') {
            const char *ge = strstr(t, ">=");
            long a = ge ? criterion_of(p, criteria, k, t, (size_t)(ge - t)) : -1;
            long b = ge ? criterion_of(p, criteria, k, ge + 2, strlen(ge + 2)) : -1;
            if (!ge)
                return assay_usage_error("--order %s: write it A>=B, e.g. "
                                         "--order quality>=cost",
                                         t), -1;
            if (a < 0)
                return unknown_domain(p, criteria, k, "--order", t,
                                      (size_t)(ge - t));
            if (b < 0)
                return unknown_domain(p, criteria, k, "--order", ge + 2,
                                      strlen(ge + 2));
            orders[(*order_count)++] = (assay_smaa_order){(size_t)a, (size_t)b};
            continue;
        }
        const char *eq = strchr(t, '=');
        const char *option = rules[r].kind == 'b' ? "--bound" : "--fix";
        if (!eq)
            return assay_usage_error("%s %s: write it %s", option, t,
                                     rules[r].kind == 'b' ? "D=LO:HI, e.g. "
                                                            "--bound quality=0.1:0.4"
                                                          : "D=W, e.g. --fix "
                                                            "cost=0.2"),
                   -1;
        long j = criterion_of(p, criteria, k, t, (size_t)(eq - t));
        if (j < 0)
            return unknown_domain(p, criteria, k, option, t, (size_t)(eq - t));
        if (rules[r].kind == 'f') {
            double w;
            if (parse_number(eq + 1, &w) || w < 0 || w > 1)
                return assay_usage_error("--fix %s: the weight must be a "
                                         "number from 0 to 1",
                                         t),
                       -1;
            lower[j] = upper[j] = w;
            fixed[j] = 1;
            continue;
        }
        char lo_text[64], *colon;
        snprintf(lo_text, sizeof lo_text, "%s", eq + 1);
        colon = strchr(lo_text, ':');
        double lo, hi;
        if (!colon || (*colon = '\0', parse_number(lo_text, &lo)) ||
            parse_number(colon + 1, &hi))
            return assay_usage_error("--bound %s: write it D=LO:HI with two "
                                     "numbers, e.g. --bound quality=0.1:0.4",
                                     t),
                   -1;
        lower[j] = lo;
        upper[j] = hi;
    }
    return 0;
}

static void json_weights(assay_buffer *b, const assay_policy *p,
                         const size_t *criteria, size_t k, const double *w)
{
    assay_buffer_putc(b, '{');
    for (size_t j = 0; j < k; j++) {
        if (j)
            assay_buffer_putc(b, ',');
        assay_json_string(b, p->domains[criteria[j]].name);
        assay_buffer_putc(b, ':');
        assay_json_score(b, w[j]);
    }
    assay_buffer_putc(b, '}');
}

static int stability_main(int argc, char **argv)
{
    const char *output = NULL, *policy_path = NULL;
    double error = 0.01, threshold = 0.9;
    size_t samples = 0, seed = 1, jobs = 0;
    weight_rule *rules = calloc((size_t)argc + 1, sizeof *rules);
    size_t rule_count = 0;
    int c, rc = ASSAY_EXIT_USAGE;
    if (!rules)
        return assay_usage_error("out of memory");
    assay_options opts;
    assay_options_begin(&opts, &assay_cmd_stability, argc, argv);
    while ((c = assay_options_next(&opts)) >= 0) {
        switch (c) {
        case 'o': output = assay_cli_output(opts.arg); break;
        case OPT_POLICY: policy_path = opts.arg; break;
        case OPT_ERROR:
            if (parse_number(opts.arg, &error) || error <= 0 || error >= 0.5) {
                assay_usage_error("--error is a number above 0 and below "
                                  "0.5, e.g. 0.01");
                goto done;
            }
            break;
        case OPT_SAMPLES:
            if (assay_parse_size("--samples", opts.arg, &samples))
                goto done;
            if (samples == 0) {
                assay_usage_error("--samples must be at least 1");
                goto done;
            }
            break;
        case OPT_SEED:
            if (assay_parse_size("--seed", opts.arg, &seed))
                goto done;
            break;
        case OPT_THRESHOLD:
            if (parse_number(opts.arg, &threshold) || threshold < 0 ||
                threshold > 1) {
                assay_usage_error("--threshold is a number from 0 to 1");
                goto done;
            }
            break;
        case 'j':
            if (assay_parse_size("--jobs", opts.arg, &jobs))
                goto done;
            break;
        case OPT_BOUND: rules[rule_count++] = (weight_rule){'b', opts.arg}; break;
        case OPT_FIX: rules[rule_count++] = (weight_rule){'f', opts.arg}; break;
        case OPT_ORDER: rules[rule_count++] = (weight_rule){'o', opts.arg}; break;
        }
    }
    if (c == ASSAY_OPTIONS_STOP) {
        rc = opts.status;
        goto done;
    }
    if (opts.index == argc) {
        assay_usage_error("stability needs scored records (assay score "
                          "output); see `assay stability --help`");
        goto done;
    }
    if (!samples)
        samples = assay_smaa_samples_for(error);
    assay_policy *p = assay_cli_load_policy(policy_path);
    if (!p)
        goto done;
    size_t nin = (size_t)(argc - opts.index);
    assay_decide_input *inputs = calloc(nin, sizeof *inputs);
    if (!inputs) {
        assay_policy_free(p);
        goto done;
    }
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
    assay_scored_set set;
    if (bad_input || assay_scored_set_read(&set, p, inputs, nin) != 0) {
        if (!bad_input)
            assay_scored_set_free(&set);
        for (size_t i = 0; i < nin; i++)
            if (inputs[i].file && inputs[i].file != stdin)
                fclose(inputs[i].file);
        free(inputs);
        assay_policy_free(p);
        goto done;
    }
    size_t k_cap = p->domain_count ? p->domain_count : 1;
    size_t *criteria = calloc(k_cap, sizeof *criteria);
    double *lower = calloc(k_cap, sizeof *lower), *upper = calloc(k_cap, sizeof *upper);
    unsigned char *fixed = calloc(k_cap, 1);
    assay_smaa_order *orders = calloc(rule_count + 1, sizeof *orders);
    uint32_t *current = calloc(set.count ? set.count : 1, sizeof *current);
    assay_buffer out;
    assay_buffer_init(&out);
    assay_smaa_result r = {0};
    size_t order_count = 0, flagged = 0;
    if (!criteria || !lower || !upper || !fixed || !orders || !current) {
        assay_usage_error("out of memory");
        goto cleanup;
    }
    size_t k = assay_stability_criteria(p, criteria);
    if (k < 2) {
        assay_usage_error("stability: the policy weighs %zu domain%s; there "
                          "is nothing to vary",
                          k, k == 1 ? "" : "s");
        goto cleanup;
    }
    if (build_space(p, criteria, k, rules, rule_count, lower, upper, fixed,
                    orders, &order_count) != 0)
        goto cleanup;
    assay_smaa_space space = {k, lower, upper, fixed, orders, order_count};
    assay_stability_input in = {p, set.scores, set.cands, set.count};
    char err[512];
    unsigned threads = jobs ? (unsigned)jobs : assay_online_processors();
    if (assay_stability_run(&in, &space, samples, seed, threads, current, &r,
                            err, sizeof err) != 0) {
        assay_usage_error("stability: %s", err);
        goto cleanup;
    }
    size_t no = r.outcomes;
    for (size_t i = 0; i < set.count; i++) {
        const uint32_t now = current[i];
        double confidence = (double)r.count[i * no + now] / (double)r.samples;
        int flag = confidence < threshold;
        flagged += flag;
        assay_buffer_puts(&out, "{\"id\":");
        assay_json_string(&out, set.cands[i].id);
        assay_buffer_puts(&out, ",\"decision\":");
        assay_json_string(&out, assay_stability_outcome_name(p, now));
        assay_buffer_puts(&out, ",\"confidence\":");
        assay_json_score(&out, confidence);
        assay_buffer_puts(&out, ",\"flagged\":");
        assay_buffer_puts(&out, flag ? "true" : "false");
        assay_buffer_puts(&out, ",\"acceptability\":{");
        for (size_t o = 0; o < no; o++) {
            if (o)
                assay_buffer_putc(&out, ',');
            assay_json_string(&out, assay_stability_outcome_name(p, (uint32_t)o));
            assay_buffer_putc(&out, ':');
            assay_json_score(&out, (double)r.count[i * no + o] / (double)r.samples);
        }
        assay_buffer_puts(&out, "},\"central_weights\":");
        if (r.count[i * no + now])
            json_weights(&out, p, criteria, k, &r.central[(i * no + now) * k]);
        else
            assay_buffer_puts(&out, "null");
        assay_buffer_puts(&out, "}\n");
    }
    /* The summary names everything needed to reproduce the run. */
    assay_buffer_puts(&out, "{\"summary\":{\"samples\":");
    assay_json_uint(&out, r.samples);
    assay_buffer_puts(&out, ",\"seed\":");
    assay_json_uint(&out, seed);
    assay_buffer_puts(&out, ",\"error\":");
    assay_buffer_printf(&out, "%.4f", assay_smaa_error_of(r.samples));
    assay_buffer_puts(&out, ",\"draws\":");
    assay_json_uint(&out, (size_t)r.tries);
    assay_buffer_puts(&out, ",\"threshold\":");
    assay_json_score(&out, threshold);
    assay_buffer_puts(&out, ",\"flagged\":");
    assay_json_uint(&out, flagged);
    assay_buffer_puts(&out, ",\"records\":");
    assay_json_uint(&out, set.count);
    assay_buffer_puts(&out, ",\"weights\":[");
    for (size_t j = 0; j < k; j++) {
        const assay_policy_domain *d = &p->domains[criteria[j]];
        assay_buffer_puts(&out, j ? ",{\"domain\":" : "{\"domain\":");
        assay_json_string(&out, d->name);
        assay_buffer_puts(&out, ",\"policy\":");
        assay_json_score(&out, d->weight);
        assay_buffer_puts(&out, ",\"lower\":");
        assay_json_score(&out, lower[j]);
        assay_buffer_puts(&out, ",\"upper\":");
        assay_json_score(&out, upper[j]);
        assay_buffer_puts(&out, fixed[j] ? ",\"fixed\":true}" : ",\"fixed\":false}");
    }
    assay_buffer_puts(&out, "],\"orders\":[");
    for (size_t o = 0; o < order_count; o++) {
        assay_buffer_puts(&out, o ? ",{\"heavier\":" : "{\"heavier\":");
        assay_json_string(&out, p->domains[criteria[orders[o].heavier]].name);
        assay_buffer_puts(&out, ",\"lighter\":");
        assay_json_string(&out, p->domains[criteria[orders[o].lighter]].name);
        assay_buffer_putc(&out, '}');
    }
    assay_buffer_puts(&out, "],\"assay\":");
    assay_json_string(&out, assay_version());
    assay_buffer_puts(&out, ",\"policy\":");
    assay_manifest_file(&out, p->path);
    assay_buffer_puts(&out, ",\"scored\":[");
    for (size_t i = 0; i < nin; i++) {
        if (i)
            assay_buffer_putc(&out, ',');
        assay_manifest_file(&out, inputs[i].name);
    }
    assay_buffer_puts(&out, "]}}\n");
    if (output) {
        assay_atomic_file a;
        FILE *f = assay_cli_create(&a, "output ", output);
        if (!f)
            goto cleanup;
        assay_buffer_write(&out, f);
        if (assay_cli_commit(&a))
            goto cleanup;
    } else if (assay_buffer_write(&out, stdout) != out.len ||
               fflush(stdout) != 0) {
        assay_usage_error("cannot write to stdout: %m");
        goto cleanup;
    }
    fprintf(stderr,
            "assay: stability: %zu samples (seed %zu; each acceptability "
            "within %.4f at 95%%): %zu of %zu decisions below confidence "
            "%g\n",
            r.samples, seed, assay_smaa_error_of(r.samples), flagged,
            set.count, threshold);
    rc = flagged ? ASSAY_EXIT_RECORDS : ASSAY_EXIT_OK;
cleanup:
    assay_smaa_result_free(&r);
    assay_buffer_free(&out);
    free(criteria);
    free(lower);
    free(upper);
    free(fixed);
    free(orders);
    free(current);
    assay_scored_set_free(&set);
    for (size_t i = 0; i < nin; i++)
        if (inputs[i].file && inputs[i].file != stdin)
            fclose(inputs[i].file);
    free(inputs);
    assay_policy_free(p);
done:
    free(rules);
    return rc;
}

static const assay_option stability_options[] = {
    {"output", 'o', "FILE",
     "JSON Lines to FILE (default: stdout): one object per applicant, "
     "then a summary"},
    {"policy", OPT_POLICY, "FILE", "the policy (default: the shipped one)"},
    {"error", OPT_ERROR, "E",
     "Monte Carlo error: the 95% half-width of every acceptability "
     "(default 0.01: 9604 samples)"},
    {"samples", OPT_SAMPLES, "N", "exactly N samples instead"},
    {"seed", OPT_SEED, "N",
     "the random seed (default 1): the same seed gives the same bytes, "
     "for any -j"},
    {"bound", OPT_BOUND, "D=LO:HI",
     "domain D's weight within [LO, HI] (repeatable)"},
    {"fix", OPT_FIX, "D=W", "domain D's weight fixed at W (repeatable)"},
    {"order", OPT_ORDER, "A>=B",
     "domain A at least as heavy as B (repeatable)"},
    {"threshold", OPT_THRESHOLD, "P",
     "flag decisions whose confidence is below P (default 0.9)"},
    {"jobs", 'j', "N", "threads (default: one per processor)"},
    {NULL, 0, NULL, NULL}};
static const assay_option *const stability_tables[] = {stability_options,
                                                       NULL};
const assay_command assay_cmd_stability = {
    .name = "stability",
    .summary = "how sure each decision is when the weights move",
    .synopsis = "[OPTIONS] SCORED...",
    .description =
        "Re-decides scored records (as `assay score` writes them) under "
        "many weight vectors and says, for each applicant, how often it "
        "gets each tier, the waitlist, review and reject (its "
        "acceptabilities), which weights give it today's decision (their "
        "mean, the central weights), and its confidence: the acceptability "
        "of today's decision. Weights are uniform over all weight vectors "
        "(non-negative, summing to 1) of the policy's weighted domains, "
        "unless bounded, fixed or ordered below. Every sample applies the "
        "whole policy: strategy, capacities, waitlist (docs/stability.md).",
    .options = stability_tables,
    .exit_status =
        "Exit status: 0 every decision at or above the threshold, 1 some "
        "flagged, 2 usage error or input that is not scored records.",
    .main = stability_main};
