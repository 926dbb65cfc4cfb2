/* The Lua host: rule files as plugins.
 *
 * A rule file names itself with plugin { name, version, domain,
 * description } and declares rules with rule { id, domain, weight,
 * description, score = function(app) ... end }. Loading runs the file once
 * in a throwaway sandbox to read and check these declarations (every
 * problem is reported with file:line); each worker then runs it again in
 * a Lua state of its own (one per file and worker, with its own memory
 * cap), frozen once the file has run so evaluation cannot write globals
 * or keep anything from one record to the next. The environment itself is lua_env.c; see
 * docs/rules.md for the language. */
#ifndef ASSAY_LUA_PLUGIN_H
#define ASSAY_LUA_PLUGIN_H

#include <stddef.h>

#include "engine/lua_env.h"
#include "engine/plugin_set.h"
#include "util/problems.h"
#include "lua/sandbox.h"

/* What loading one file found. */
typedef enum assay_lua_load_status {
    ASSAY_LUA_LOADED,  /* a plugin, added to the set */
    ASSAY_LUA_HELPER,  /* declares nothing: a helper file (allowed only
                          when scanning a directory) */
    ASSAY_LUA_PROBLEMS /* problems were added; nothing was loaded */
} assay_lua_load_status;

/* Loads the rule file at path into set. shown is how error findings name
 * the file (NULL: path); load problems name path. helper_ok: a file that
 * declares no plugin and no rule is a helper and is skipped (directory
 * scans); otherwise it is a problem. */
assay_lua_load_status assay_lua_load_file(assay_plugin_set *set,
                                          const char *path, const char *shown,
                                          const assay_sandbox_limits *limits,
                                          int helper_ok,
                                          assay_problems *problems);

/* Loads a rule file, or every rule file of a directory (*.lua in path
 * order, skipping *_test.lua and helper files). Returns the number of
 * problems added. */
size_t assay_lua_load_path(assay_plugin_set *set, const char *path,
                           const assay_sandbox_limits *limits,
                           assay_problems *problems);

/* How findings name path, a file under the scanned directory dir: from
 * dir's last component on ("/opt/assay/plugins" and ".../plugins/soil/x.lua"
 * give "plugins/soil/x.lua"), so output records do not depend on where
 * assay is installed. A path not under dir is shown as it is. */
void assay_lua_shown_name(const char *dir, const char *path, char *out,
                          size_t out_size);

/* 1 if name ends in ".lua" and is not a test file (*_test.lua). */
int assay_lua_is_rule_file_name(const char *name);
/* 1 if name ends in "_test.lua". */
int assay_lua_is_test_file_name(const char *name);

#endif
