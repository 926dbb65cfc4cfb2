#!/usr/bin/env bash
# --lua-memory and --lua-instructions: a rule past the memory cap gets an
# error finding that says which option to raise, the next rule and record
# are unaffected; bad option values stop the run with exit 2.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rules="$ASSAY_SOURCE_DIR/tests/rules/bomb"
printf '%s\n' '{"id":"A"}' '{"id":"B"}' > "$tmp/in.jsonl"

"$ASSAY_BIN" run --no-default-plugins --rules "$rules" --lua-memory 8388608 --lua-instructions 100000000 \
  "$tmp/in.jsonl" > "$tmp/out.jsonl"
python3 - "$tmp/out.jsonl" > "$tmp/got" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    for f in r["findings"]:
        print(r["id"], f["rule"], f.get("error") or f["reason"])
PY
cat > "$tmp/want" <<'TXT'
A bomb.table bomb/bomb.lua:5: rule failed: Lua memory cap of 8388608 bytes exceeded (a huge string or an ever-growing table?); raise --lua-memory if the rules really need more
A bomb.fine fine
B bomb.table bomb/bomb.lua:5: rule failed: Lua memory cap of 8388608 bytes exceeded (a huge string or an ever-growing table?); raise --lua-memory if the rules really need more
B bomb.fine fine
TXT
diff -u "$tmp/want" "$tmp/got"

for args in "--lua-memory lots" "--lua-instructions 0" "--lua-instructions -5"; do
  status=0
  # shellcheck disable=SC2086
  "$ASSAY_BIN" run --no-default-plugins --rules "$rules" $args "$tmp/in.jsonl" > "$tmp/out" 2> "$tmp/err" || status=$?
  [ "$status" -eq 2 ] || { echo "$args: exit $status, expected 2"; exit 1; }
  [ ! -s "$tmp/out" ] || { echo "$args: records written"; exit 1; }
  set -- $args
  echo "assay: $1 expects a whole number above 0, got \"$2\"" | diff -u - "$tmp/err"
done
echo "lua_rules_limits: ok"
