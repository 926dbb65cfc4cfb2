#!/usr/bin/env bash
# Lua rules and a compiled plugin in one run: findings of both kinds side by
# side, combined into exact domain and overall scores; a Lua veto counts.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat > "$tmp/in.jsonl" <<'JSON'
{"id":"A","domains":["autonomous_driving"],"team":{"size":5},"autonomous_driving":{"safety_case":"UL 4600","hd_map":true}}
{"id":"B","team":{"size":200},"autonomous_driving":{"hd_map":false}}
JSON

"$ASSAY_BIN" run --no-default-plugins --plugin "$ASSAY_BUILD_DIR/plugins/autonomous_driving/autonomous_driving.so" \
  --no-default-plugins --rules "$ASSAY_SOURCE_DIR/tests/rules/mixed" "$tmp/in.jsonl" > "$tmp/out.jsonl"

# One line a record: id, score, domain scores, each finding, each veto.
python3 - "$tmp/out.jsonl" > "$tmp/got" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    print(r["id"], r["score"], json.dumps(r["domains"], sort_keys=True))
    for f in r["findings"]:
        print("  finding", f["rule"], f["plugin"], f["domain"], f["score"], f["weight"], f["reason"])
    for v in r["vetoes"]:
        print("  veto", v["rule"], v["plugin"], v["reason"])
PY

cat > "$tmp/want" <<'TXT'
A 0.75 {"autonomous_driving": 1, "business": 0.5}
  finding ad.safety_case autonomous_driving autonomous_driving 1 2 safety case follows UL 4600
  finding mixed.hd_map mixed autonomous_driving 1 2 has an HD map
  finding mixed.team mixed business 0.5 1 team of 5
B 0.5625 {"autonomous_driving": 0.125, "business": 1}
  finding ad.safety_case autonomous_driving autonomous_driving 0 2 no safety case standard given
  finding mixed.hd_map mixed autonomous_driving 0.25 2 no HD map
  finding mixed.team mixed business 1 1 team of 200
  veto mixed.team mixed a team of 200 is no startup
TXT
diff -u "$tmp/want" "$tmp/got"
echo "lua_rules_mixed: ok"
