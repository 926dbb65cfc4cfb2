/* Shared fixtures for the unit tests. */
#ifndef ASSAY_TEST_SUPPORT_H
#define ASSAY_TEST_SUPPORT_H

#include <check.h>

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

/* Runs a suite and returns the process exit status. */
int ts_run(Suite *s);

#endif
