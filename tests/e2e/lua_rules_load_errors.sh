#!/usr/bin/env bash
# Configuration errors in rule files stop the run before any record: exit 2,
# nothing on stdout, every problem on stderr with file:line and the fix.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/rules"
cat > "$tmp/rules/bad.lua" <<'LUA'
plugin { name = "bad", version = "1", domain = "ai", description = "d" }
rule { id = "bad.weight", weight = -1, description = "d", score = function() end }
rule { id = "bad.domain", domain = "space", weight = 1, description = "d", score = function() end }
rule { id = "ad.safety_case", weight = 1, description = "d", score = function() end }
LUA
cat > "$tmp/rules/syntax.lua" <<'LUA'
plugin { name = "syntax", version = "1", domain = "ai", description = "d" }
rule { id = "syntax.x" weight = 1 }
LUA
echo '{"id":"A"}' > "$tmp/in.jsonl"

status=0
"$ASSAY_BIN" run --no-default-plugins --plugin "$ASSAY_BUILD_DIR/plugins/autonomous_driving/autonomous_driving.so" \
  --no-default-plugins --rules "$tmp/rules" "$tmp/in.jsonl" > "$tmp/out" 2> "$tmp/err" || status=$?
[ "$status" -eq 2 ] || { echo "exit status $status, expected 2"; cat "$tmp/err"; exit 1; }
[ ! -s "$tmp/out" ] || { echo "records were written:"; cat "$tmp/out"; exit 1; }
so="$ASSAY_BUILD_DIR/plugins/autonomous_driving/autonomous_driving.so"
cat > "$tmp/want" <<TXT
assay: $tmp/rules/bad.lua:2: rule "bad.weight": weight -1 is not a positive number; give it a weight above 0, e.g. weight = 1.0
assay: $tmp/rules/bad.lua:4: rule id "ad.safety_case" is already declared by compiled plugin "autonomous_driving" ($so); rule ids must be unique, rename yours
assay: $tmp/rules/syntax.lua:2: '}' expected near 'weight'
assay: $tmp/rules/bad.lua:3: rule "bad.domain" names undeclared domain "space" (declared: ai, autonomous_driving); declare it with domain { name = ..., label = ..., description = ... } in a rule file, or in a compiled plugin's domains array
TXT
diff -u "$tmp/want" "$tmp/err"
echo "lua_rules_load_errors: ok"
