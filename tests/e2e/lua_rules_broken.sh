#!/usr/bin/env bash
# A rule that raises an error and one that never ends give error findings
# naming the rule, its file and line on every record; no record is lost,
# the good rule still scores, and the run exits 0. Files of a rule
# directory are named from the directory on (broken/broken.lua), so output
# does not depend on where the rules are.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rules="$ASSAY_SOURCE_DIR/tests/rules/broken"
printf '%s\n' '{"id":"A","team":{"size":5}}' '{"id":"B"}' '{"id":"C","team":{"size":20}}' > "$tmp/in.jsonl"

status=0
"$ASSAY_BIN" run --no-default-plugins --rules "$rules" --lua-instructions 50000 "$tmp/in.jsonl" > "$tmp/out.jsonl" || status=$?
[ "$status" -eq 0 ] || { echo "exit status $status, expected 0"; exit 1; }

python3 - "$tmp/out.jsonl" > "$tmp/got" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    print(r["id"], r["status"], r["score"])
    for f in r["findings"]:
        print("  ", f["rule"], f.get("error") or f["reason"])
PY
cat > "$tmp/want" <<'TXT'
A ok 0.5
   broken.nil_index broken/broken.lua:10: rule failed: broken/broken.lua:15: attempt to index a nil value (field 'nothing')
   broken.loop broken/broken.lua:19: rule failed: broken/broken.lua:24: instruction budget of 50000 exceeded (an endless loop?); raise --lua-instructions if the rule really needs more
   broken.good team of 5
B ok None
   broken.nil_index broken/broken.lua:10: rule failed: broken/broken.lua:15: attempt to index a nil value (field 'nothing')
   broken.loop broken/broken.lua:19: rule failed: broken/broken.lua:24: instruction budget of 50000 exceeded (an endless loop?); raise --lua-instructions if the rule really needs more
C ok 1
   broken.nil_index broken/broken.lua:10: rule failed: broken/broken.lua:15: attempt to index a nil value (field 'nothing')
   broken.loop broken/broken.lua:19: rule failed: broken/broken.lua:24: instruction budget of 50000 exceeded (an endless loop?); raise --lua-instructions if the rule really needs more
   broken.good team of 20
TXT
diff -u "$tmp/want" "$tmp/got"
echo "lua_rules_broken: ok"
