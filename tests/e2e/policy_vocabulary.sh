#!/usr/bin/env bash
# Requests and record fields are the policy's data: a policy whose tiers
# require lab_space and bench, and whose fields {...} put the claims, the
# requests and the name elsewhere in the record, decides with no core
# edit; score --policy and report --policy read the same fields; a tier
# named after a decision is refused at its file:line.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL policy_vocabulary: $*" >&2; exit 1; }

cat >"$tmp/rules.lua" <<'LUA'
plugin { name = "labs", version = "1.0.0", domain = "wet_lab",
         description = "Wet-lab readiness" }
domain { name = "wet_lab", label = "Wet lab", description = "Can it use a lab" }
rule { id = "labs.safety", weight = 1, description = "safety training share",
       inputs = { ["lab.trained"] = "number" },
       score = function(app)
         local v = get(app, "lab.trained", "number")
         if v == nil then return nil end
         return clamp(v), string.format("%.0f%% trained", v * 100)
       end }
LUA
cat >"$tmp/policy.lua" <<'LUA'
weights { wet_lab = 1 }
fields { claims = "application.areas", requests = "application.wants",
         name = "title" }
tier { name = "lab", min_score = 0.7, capacity = 1, requires = "lab_space" }
tier { name = "bench_only", min_score = 0.5, capacity = 2,
       requires = { "bench", "lab_space" } }
waitlist(1)
LUA
cat >"$tmp/apps.jsonl" <<'JSON'
{"id":"A","title":"Alpha Bio","application":{"areas":["wet_lab"],"wants":["lab_space"]},"lab":{"trained":0.9}}
{"id":"B","title":"Beta Cells","application":{"areas":["wet_lab"],"wants":["lab_space"]},"lab":{"trained":0.8}}
{"id":"C","title":"Gamma","application":{"areas":["wet_lab"],"wants":["bench","desk"]},"lab":{"trained":0.6}}
{"id":"D","title":"Delta","application":{"areas":["wet_lab"],"wants":["desk"]},"lab":{"trained":1}}
{"id":"E","title":"Epsilon","domains":["wet_lab"],"requests":["lab_space"],"lab":{"trained":1}}
JSON

"$ASSAY_BIN" run -q --no-default-plugins --rules "$tmp/rules.lua" --policy "$tmp/policy.lua" \
  --csv "$tmp/report.csv" "$tmp/apps.jsonl" >"$tmp/run.jsonl" ||
  fail "run exit $?"
python3 - "$tmp/run.jsonl" >"$tmp/got" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    print(r["id"], r["rank"], r["decision"], r["score"], r["why"])
    for w in r["why_not"]:
        print("  not", w["tier"] + ":", w["reason"])
PY
# E keeps its claims and requests where the defaults would look, so under
# this policy it claims nothing (every scored domain counts) and requests
# nothing; D requests only what no tier offers.
cat >"$tmp/want" <<'EOF_WANT'
A 3 lab 0.9 Ranked 3 of 5 with score 0.9: given lab, seat 1 of 1.
B 4 bench_only 0.8 Ranked 4 of 5 with score 0.8: given bench_only, seat 1 of 2.
  not lab: all 1 seats filled at rank 3 with cut-off score 0.9
C 5 bench_only 0.6 Ranked 5 of 5 with score 0.6: given bench_only, seat 2 of 2.
  not lab: not requested (it needs a request for lab_space)
D 1 reject 1 Ranked 1 of 5 with score 1: it requested none of what the tiers offer (lab_space or bench).
  not lab: not requested (it needs a request for lab_space)
  not bench_only: not requested (it needs a request for lab_space or bench)
E 2 reject 1 Ranked 2 of 5 with score 1: it requested none of what the tiers offer (lab_space or bench).
  not lab: not requested (it needs a request for lab_space)
  not bench_only: not requested (it needs a request for lab_space or bench)
EOF_WANT
diff -u "$tmp/want" "$tmp/got" || fail "decisions differ"

# The map and reduce steps read the same fields when given the policy.
"$ASSAY_BIN" score -q --no-default-plugins --rules "$tmp/rules.lua" --policy "$tmp/policy.lua" \
  "$tmp/apps.jsonl" >"$tmp/scored.jsonl"
"$ASSAY_BIN" decide -q --policy "$tmp/policy.lua" "$tmp/scored.jsonl" \
  >"$tmp/decided.jsonl"
cmp "$tmp/run.jsonl" "$tmp/decided.jsonl" || fail "score|decide differs from run"

# The names come from the policy's name field, in the run's CSV and in a
# report made later from the same files.
grep -q '"Alpha Bio"\|,Alpha Bio,' "$tmp/report.csv" || fail "run's CSV has no names: $(head -3 "$tmp/report.csv")"
"$ASSAY_BIN" report --policy "$tmp/policy.lua" --input "$tmp/apps.jsonl" \
  --csv "$tmp/later.csv" "$tmp/run.jsonl"
cmp "$tmp/report.csv" "$tmp/later.csv" || fail "report --policy CSV differs from the run's"

# A tier named after a decision is refused where it is declared.
printf 'weights { wet_lab = 1 }\n\ntier { name = "review", min_score = 0.5, capacity = 1, requires = "bench" }\n' >"$tmp/bad.lua"
set +e
"$ASSAY_BIN" check --policy "$tmp/bad.lua" "$tmp/rules.lua" >"$tmp/out" 2>&1
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "check of a tier named review: exit $rc"
grep -qxF "$tmp/bad.lua:3: tier review: the name is a decision that is not a tier (reject, review, waitlist, error); name the tier after what it gives" "$tmp/out" ||
  fail "check said: $(cat "$tmp/out")"
echo "policy_vocabulary: ok"
