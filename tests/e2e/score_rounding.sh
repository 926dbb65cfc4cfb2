#!/usr/bin/env bash
# Scores are rounded to four decimals where they are written, as
# docs/output.md says: x * 10000 in double precision, rounded to the
# nearest integer with halves away from zero (C's round()), divided by
# 10000. decide (and so run) combines the rounded domain scores it reads,
# and a Lua strategy receives them: 0.00044 reaches it as 0.0004.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL score_rounding: $*" >&2; exit 1; }

cat >"$tmp/rules.lua" <<'LUA'
plugin { name = "round", version = "1.0.0", domain = "x",
         description = "scores as the record gives them" }
domain { name = "x", label = "X", description = "s.x" }
domain { name = "y", label = "Y", description = "s.y" }
rule { id = "round.x", weight = 1, description = "s.x as it is",
       score = function(app)
         local v = get(app, "s.x")
         if v == nil then return nil end
         return v, "s.x"
       end }
rule { id = "round.y", domain = "y", weight = 1, description = "s.y as it is",
       score = function(app)
         local v = get(app, "s.y")
         if v == nil then return nil end
         return v, "s.y"
       end }
LUA
# The strategy scales x by 1000: it shows the value it was given.
cat >"$tmp/policy.lua" <<'LUA'
weights { x = 1, y = 1 }
strategy(function(scores) return scores.x * 1000 end)
tier { name = "t", min_score = 0.42, capacity = 5, requires = "training" }
LUA
cat >"$tmp/apps.jsonl" <<'EOF2'
{"id":"A","domains":["x","y"],"requests":["training"],"s":{"x":0.00044,"y":0.12345}}
{"id":"B","domains":["x","y"],"requests":["training"],"s":{"x":0.00045,"y":0.125}}
{"id":"C","domains":["x","y"],"requests":["training"],"s":{"x":0.00005,"y":0.99995}}
EOF2

"$ASSAY_BIN" score -q --no-default-plugins --rules "$tmp/rules.lua" "$tmp/apps.jsonl" >"$tmp/scored.jsonl"
python3 - "$tmp/scored.jsonl" <<'PY' || fail "scored records"
import json, sys
got = [(r["id"], r["domains"], [f["score"] for f in r["findings"]])
       for r in map(json.loads, open(sys.argv[1]))]
want = [
    ("A", {"x": 0.0004, "y": 0.1235}, [0.0004, 0.1235]),  # 4.4 -> 4; 1234.5 -> 1235
    ("B", {"x": 0.0005, "y": 0.125}, [0.0005, 0.125]),    # 4.5 -> 5 (away from zero)
    ("C", {"x": 0.0001, "y": 1}, [0.0001, 1]),            # 0.5 -> 1; 9999.5 -> 10000
]
if got != want:
    sys.exit(f"got {got}")
PY

"$ASSAY_BIN" run -q --no-default-plugins --rules "$tmp/rules.lua" --policy "$tmp/policy.lua" \
  "$tmp/apps.jsonl" >"$tmp/decisions.jsonl"
python3 - "$tmp/decisions.jsonl" <<'PY' || fail "decisions"
import json, sys
got = [(r["id"], r["score"], r["decision"])
       for r in map(json.loads, open(sys.argv[1]))]
# A: the strategy saw 0.0004, not 0.00044, so 0.4 < 0.42 and no seat.
want = [("A", 0.4, "reject"), ("B", 0.5, "t"), ("C", 0.1, "reject")]
if got != want:
    sys.exit(f"got {got}")
PY
echo "score_rounding: ok"
