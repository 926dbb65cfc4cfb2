/* Shared fixtures for the unit tests. */
#ifndef ASSAY_TEST_SUPPORT_H
#define ASSAY_TEST_SUPPORT_H

#include <check.h>

#include "engine/domain.h"
#include "engine/engine.h"
#include "decide/policy.h"
#include "engine/result.h"

/* $ASSAY_BUILD_DIR/relative (static storage, valid until the next call). */
const char *ts_build_path(const char *relative);
/* $ASSAY_SOURCE_DIR/relative (static storage, valid until the next call). */
const char *ts_source_path(const char *relative);

/* An engine with the compiled plugin at build-relative path loaded, and a
 * worker on it; fails the test if either cannot be made. */
assay_worker *ts_worker_for_plugin(const char *build_relative_so);
void ts_worker_done(assay_worker *w);

/* Evaluates one JSON line and returns the worker's result. */
const assay_result *ts_evaluate(assay_worker *w, const char *json);
/* The finding of rule in r, or NULL. */
const assay_finding *ts_finding(const assay_result *r, const char *rule);

/* Writes text to a new temporary file and returns its path (static
 * storage, valid until the next call); the file is left for the OS. */
const char *ts_temp_file(const char *text, const char *suffix);
/* Loads a policy from Lua text; fails the test when it does not load. */
assay_policy *ts_policy(const char *lua);
/* Loads a policy that must fail and returns the message with the temporary
 * file's path replaced by "policy.lua" (static storage). */
const char *ts_policy_error(const char *lua);

/* A score as the output writer prints it ("0.8724", "1"), so tests compare
 * scores exactly as a reader of the output sees them (static storage,
 * valid until the next call). */
const char *ts_score(double v);
/* Asserts that rule has a finding with this printed score and reason. */
void ts_check_finding(const assay_result *r, const char *rule,
                      const char *score, const char *reason);
/* Asserts that rule has an error finding with this message. */
void ts_check_error(const assay_result *r, const char *rule,
                    const char *message);
/* Asserts that the only veto (or flag) is rule's, with this reason. */
void ts_check_only_mark(const assay_mark *marks, size_t count,
                        const char *rule, const char *reason);

/* The hub's six domains, for tests written against them: HUB_* index
 * ts_hub_names and the registry ts_hub_domains makes. */
enum { HUB_AI, HUB_CONNECTIVITY, HUB_AUTONOMOUS_DRIVING, HUB_CLOUD,
       HUB_DIGITALIZATION, HUB_BUSINESS, HUB_COUNT };
extern const char *const ts_hub_names[HUB_COUNT];
/* Declares the six in d (label = name), judged all but cloud and
 * digitalization, like the shipped rule set. */
void ts_hub_domains(assay_domains *d);
/* The index of domain name in a result's domains; fails the test when it
 * is not declared. */
int ts_domain(const assay_result *r, const char *name);

/* A record's domain scores over the HUB_* domains: bit d of scored and
 * claimed for domain d. */
typedef struct ts_scores {
    double score[HUB_COUNT];
    unsigned scored, claimed;
} ts_scores;
/* assay_strategy_scores over n such records; domains p does not weigh
 * (and no default_weight covers) are left out. */
void ts_strategy_scores(assay_policy *p, const ts_scores *s, size_t n,
                        double *score, unsigned char *has, char **errors);

/* Runs a suite and returns the process exit status. */
int ts_run(Suite *s);

#endif
