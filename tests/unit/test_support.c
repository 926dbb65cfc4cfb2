#include "test_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decide/strategy.h"
#include "util/buffer.h"

static const char *env_path(const char *var, const char *relative)
{
    static char buf[4096];
    const char *base = getenv(var);
    ck_assert_msg(base != NULL, "%s is not set; run the tests through ctest",
                  var);
    snprintf(buf, sizeof buf, "%s/%s", base, relative);
    return buf;
}

const char *ts_build_path(const char *relative)
{
    return env_path("ASSAY_BUILD_DIR", relative);
}

const char *ts_source_path(const char *relative)
{
    return env_path("ASSAY_SOURCE_DIR", relative);
}

assay_worker *ts_worker_for_plugin(const char *build_relative_so)
{
    char err[1024];
    assay_engine *e = assay_engine_new();
    ck_assert_ptr_nonnull(e);
    int rc = assay_engine_load_plugin(e, ts_build_path(build_relative_so),
                                      NULL, err, sizeof err);
    ck_assert_msg(rc == 0, "load failed: %s", err);
    assay_worker *w = assay_worker_new(e, err, sizeof err);
    ck_assert_msg(w != NULL, "worker failed: %s", err);
    return w;
}

void ts_worker_done(assay_worker *w)
{
    assay_engine *e = w->engine;
    assay_worker_free(w);
    assay_engine_free(e);
}

const assay_result *ts_evaluate(assay_worker *w, const char *json)
{
    size_t len;
    int is_error;
    const char *out = assay_worker_evaluate_line(w, json, strlen(json), 1,
                                                 &len, &is_error);
    ck_assert_msg(!is_error, "record was an error record: %s", out);
    return &w->result;
}

const assay_finding *ts_finding(const assay_result *r, const char *rule)
{
    for (size_t i = 0; i < r->finding_count; i++)
        if (strcmp(r->findings[i].rule, rule) == 0)
            return &r->findings[i];
    return NULL;
}

const char *ts_temp_file(const char *text, const char *suffix)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/assay-test-XXXXXX%s", suffix);
    int fd = mkstemps(path, (int)strlen(suffix));
    ck_assert_msg(fd >= 0, "cannot create %s", path);
    size_t n = strlen(text);
    ck_assert(write(fd, text, n) == (ssize_t)n);
    close(fd);
    return path;
}

assay_policy *ts_policy(const char *lua)
{
    char err[1024];
    const char *path = ts_temp_file(lua, ".lua");
    assay_policy *p = assay_policy_load(path, err, sizeof err);
    ck_assert_msg(p != NULL, "policy failed to load: %s", err);
    unlink(path);
    return p;
}

const char *ts_policy_error(const char *lua)
{
    static char out[1024];
    char err[1024];
    const char *path = ts_temp_file(lua, ".lua");
    assay_policy *p = assay_policy_load(path, err, sizeof err);
    ck_assert_msg(p == NULL, "policy loaded but should not have");
    unlink(path);
    const char *at = strstr(err, path);
    if (at)
        snprintf(out, sizeof out, "%.*spolicy.lua%s", (int)(at - err), err,
                 at + strlen(path));
    else
        snprintf(out, sizeof out, "%s", err);
    return out;
}

const char *ts_score(double v)
{
    static char text[64];
    assay_buffer b;
    assay_buffer_init(&b);
    assay_json_score(&b, v);
    snprintf(text, sizeof text, "%s", assay_buffer_cstr(&b));
    assay_buffer_free(&b);
    return text;
}

void ts_check_finding(const assay_result *r, const char *rule,
                      const char *score, const char *reason)
{
    const assay_finding *f = ts_finding(r, rule);
    ck_assert_msg(f != NULL, "no finding for %s", rule);
    ck_assert_msg(f->error == NULL, "%s: error finding: %s", rule, f->error);
    ck_assert_str_eq(ts_score(f->score), score);
    ck_assert_str_eq(f->reason, reason);
}

void ts_check_error(const assay_result *r, const char *rule,
                    const char *message)
{
    const assay_finding *f = ts_finding(r, rule);
    ck_assert_msg(f != NULL, "no finding for %s", rule);
    ck_assert_msg(f->error != NULL, "%s: not an error finding (score %g)",
                  rule, f->score);
    ck_assert_str_eq(f->error, message);
}

void ts_check_only_mark(const assay_mark *marks, size_t count,
                        const char *rule, const char *reason)
{
    ck_assert_uint_eq(count, 1);
    ck_assert_str_eq(marks[0].rule, rule);
    ck_assert_str_eq(marks[0].reason, reason);
}

int ts_run(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

const char *const ts_hub_names[HUB_COUNT] = {
    "ai", "connectivity", "autonomous_driving", "cloud", "digitalization",
    "business"};

void ts_hub_domains(assay_domains *d)
{
    char err[512];
    assay_domains_init(d);
    for (int i = 0; i < HUB_COUNT; i++) {
        ck_assert_int_eq(assay_domains_declare(d, ts_hub_names[i],
                                               ts_hub_names[i], "",
                                               "test", err, sizeof err),
                         i);
        d->items[i].judged = i != HUB_CLOUD && i != HUB_DIGITALIZATION;
    }
}

int ts_domain(const assay_result *r, const char *name)
{
    int d = assay_domains_find(r->domains, name);
    ck_assert_msg(d >= 0, "domain %s is not declared", name);
    return d;
}

void ts_strategy_scores(assay_policy *p, const ts_scores *s, size_t n,
                        double *score, unsigned char *has, char **errors)
{
    assay_domain_scores *sp = calloc(n ? n : 1, sizeof *sp);
    assay_domain_score *values =
        calloc((n ? n : 1) * HUB_COUNT, sizeof *values);
    uint32_t *claimed = calloc((n ? n : 1) * HUB_COUNT, sizeof *claimed);
    ck_assert(sp && values && claimed);
    for (size_t i = 0; i < n; i++) {
        assay_domain_score *v = values + i * HUB_COUNT;
        uint32_t *c = claimed + i * HUB_COUNT;
        sp[i].scores = v;
        sp[i].claimed = c;
        for (int d = 0; d < HUB_COUNT; d++) {
            int k = assay_policy_domain_index(p, ts_hub_names[d]);
            if (k < 0)
                continue;
            if ((s[i].scored >> d) & 1)
                v[sp[i].score_count++] =
                    (assay_domain_score){(uint32_t)k, s[i].score[d]};
            if ((s[i].claimed >> d) & 1)
                c[sp[i].claimed_count++] = (uint32_t)k;
        }
    }
    assay_strategy_scores(p, sp, n, score, has, errors);
    free(sp);
    free(values);
    free(claimed);
}
