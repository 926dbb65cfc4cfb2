#!/usr/bin/env bash
# `assay check` reports every problem of a broken rule directory, each with
# file:line and what to do, and exits 2; on the shipped plugins it reports
# none and exits 0.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$ASSAY_BIN" check > "$tmp/shipped"
grep -qE '^ok: [0-9]+ plugins \([0-9]+ Lua rule files\), [0-9]+ rules$' "$tmp/shipped" \
  || { echo "shipped plugins have problems:"; cat "$tmp/shipped"; exit 1; }

d="$ASSAY_SOURCE_DIR/tests/rules/check"
so="$ASSAY_BUILD_DIR/plugins/autonomous_driving/autonomous_driving.so"
status=0
"$ASSAY_BIN" check "$d" "$so" > "$tmp/out" || status=$?
[ "$status" -eq 2 ] || { echo "exit status $status, expected 2"; cat "$tmp/out"; exit 1; }
cat > "$tmp/want" <<TXT
$d/noplugin.lua:3: rules declared without a plugin; start the file with plugin { name = ..., version = ..., domain = ..., description = ... }
$d/syntax.lua:6: '}' expected (to close '{' at line 3) near <eof>
$d/weights.lua:4: rule "w.zero": weight 0 is not a positive number; give it a weight above 0, e.g. weight = 1.0
$d/weights.lua:6: rule "w.word": weight "heavy" is not a positive number; give it a weight above 0, e.g. weight = 1.0
$d/weights.lua:8: rule "w.typo" has no description; add description = "what the rule judges"
$d/weights.lua:8: rule "w.typo" has no score function; add score = function(app) ... return score, reason end
$d/weights.lua:8: rule "w.typo" has an unknown field "scroe"; a rule has id, domain, weight, description, inputs and score
$d/weights.lua:4: rule id "w.zero" is already declared by plugin "domains" at $d/domains.lua:6; rule ids must be unique, rename one
$so: rule id "ad.safety_case" is already declared by plugin "weights" ($d/weights.lua:14); rule ids must be unique
$d/domains.lua:5: rule "d.cloud" names undeclared domain "spcae"; did you mean "space"? (declared: space); declare it with domain { name = ..., label = ..., description = ... } in a rule file, or in a compiled plugin's domains array
$ASSAY_BUILD_DIR/policy/default.lua:9: the policy does not weigh domain "space" (declared by $d/domains.lua:4); add space = <weight> to weights, or declare default_weight(<weight>) for the domains it does not name
11 problems found
TXT
diff -u "$tmp/want" "$tmp/out"

# The same problems stop a run before any record: exit 2, nothing written.
status=0
echo '{"id":"A"}' | "$ASSAY_BIN" run --no-default-plugins --rules "$d" > "$tmp/run" 2> "$tmp/err" || status=$?
[ "$status" -eq 2 ] || { echo "run exit status $status, expected 2"; exit 1; }
[ ! -s "$tmp/run" ] || { echo "run wrote records"; exit 1; }
[ "$(wc -l < "$tmp/err")" -eq 9 ] || { echo "run reported:"; cat "$tmp/err"; exit 1; }
echo "lua_check: ok"
