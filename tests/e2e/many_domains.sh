#!/usr/bin/env bash
# Forty domains in one run, all declared by one generated rule file and
# weighted by a generated policy (domain dNN weighs NN): no limit of 8, 32
# or 64 anywhere. Exact overall scores and decisions; the listing, the CSV
# and the policy error for a domain it does not weigh.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL many_domains: $*" >&2; exit 1; }

python3 - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
names = ["d%02d" % i for i in range(1, 41)]
with open(f"{tmp}/rules.lua", "w") as f:
    f.write('plugin { name = "many", version = "1.0.0", domain = "d01",\n'
            '         description = "one rule a domain" }\n')
    for n in names:
        f.write(f'domain {{ name = "{n}", label = "Domain {n[1:]}", '
                f'description = "the {n} score" }}\n')
        f.write(f'rule {{ id = "many.{n}", domain = "{n}", weight = 1, '
                f'description = "s.{n}", score = function(app)\n'
                f'  local v = get(app, "s.{n}")\n'
                f'  if v == nil then return nil end\n'
                f'  return v, "s.{n} is " .. v end }}\n')
with open(f"{tmp}/policy.lua", "w") as f:
    f.write("weights { " + ", ".join(f"{n} = {i}" for i, n in
                                    enumerate(names, 1)) + " }\n")
    f.write('tier { name = "t", min_score = 0.5, capacity = 2, '
            'requires = "training" }\n')
with open(f"{tmp}/short.lua", "w") as f:  # weighs d01..d39 only
    f.write("weights { " + ", ".join(f"{n} = 1" for n in names[:-1]) + " }\n")
    f.write('tier { name = "t", min_score = 0.5, capacity = 2, '
            'requires = "training" }\n')
apps = [
    # every domain claimed and 0.5: the mean is 0.5 whatever the weights
    {"id": "R1", "domains": names, "s": {n: 0.5 for n in names}},
    # only d40, at 1
    {"id": "R2", "domains": ["d40"], "s": {"d40": 1}},
    # d01 = 0 (weight 1), d40 = 1 (weight 40): 40/41 = 0.9756
    {"id": "R3", "domains": ["d01", "d40"], "s": {"d01": 0, "d40": 1}},
    # d33 claimed at 0.25; d05 scored but not claimed, so it does not count
    {"id": "R4", "domains": ["d33"], "s": {"d33": 0.25, "d05": 1}},
]
with open(f"{tmp}/apps.jsonl", "w") as f:
    for a in apps:
        a["requests"] = ["training"]
        f.write(json.dumps(a) + "\n")
PY

"$ASSAY_BIN" check --policy "$tmp/policy.lua" "$tmp/rules.lua" >"$tmp/check" ||
  fail "check: $(cat "$tmp/check")"
grep -qx 'ok: 1 plugins (1 Lua rule files), 40 rules' "$tmp/check" ||
  fail "check said: $(cat "$tmp/check")"

"$ASSAY_BIN" run -q --no-default-plugins --rules "$tmp/rules.lua" --policy "$tmp/policy.lua" \
  --csv "$tmp/report.csv" "$tmp/apps.jsonl" >"$tmp/out.jsonl"
python3 - "$tmp/out.jsonl" <<'PY' || fail "decisions"
import json, sys
got = {r["id"]: (r["rank"], r["decision"], r["score"], len(r["domains"]))
       for r in map(json.loads, open(sys.argv[1]))}
want = {"R2": (1, "t", 1, 1), "R3": (2, "t", 0.9756, 2),
        "R1": (3, "reject", 0.5, 40), "R4": (4, "reject", 0.25, 2)}
assert got == want, got
PY

# Forty domain columns, by name, between score and the rules.
head -n 1 "$tmp/report.csv" | tr -d '\r' | sed 's/^\xEF\xBB\xBF//' >"$tmp/header"
python3 - "$tmp/header" <<'PY' || fail "CSV header: $(cat "$tmp/header")"
import sys
cols = open(sys.argv[1]).read().strip().split(",")
assert cols[5:45] == ["d%02d" % i for i in range(1, 41)], cols[:46]
assert cols[45] == "many.d01", cols[45]
PY

"$ASSAY_BIN" plugins --json --no-default-plugins --rules "$tmp/rules.lua" | python3 -c '
import json, sys
d = json.load(sys.stdin)["domains"]
assert len(d) == 40, len(d)
assert d[39]["name"] == "d40" and d[39]["label"] == "Domain 40", d[39]
' || fail "plugins listing"

# A policy that does not weigh d40 stops the run before any record.
status=0
"$ASSAY_BIN" run -q --no-default-plugins --rules "$tmp/rules.lua" --policy "$tmp/short.lua" \
  "$tmp/apps.jsonl" >"$tmp/short.jsonl" 2>"$tmp/err" || status=$?
[ "$status" -eq 2 ] && [ ! -s "$tmp/short.jsonl" ] || fail "short policy: exit $status"
want="assay: $tmp/short.lua:1: the policy does not weigh domain \"d40\" (declared by $tmp/rules.lua:198); add d40 = <weight> to weights, or declare default_weight(<weight>) for the domains it does not name"
[ "$(cat "$tmp/err")" = "$want" ] || fail "short policy said: $(cat "$tmp/err")"
echo "many_domains: 40 domains declared, weighted and scored"
