#!/usr/bin/env bash
# The review panel (--reviews): a harsh reviewer (H), a lenient one (L)
# and one who gives 3 to everyone (M) score five applications that the
# rules rate alike (merit 0.5, business weight 1; panel weight 1). The
# normalisation of docs/office.md turns each score into the panel-wide
# value with the same z-score; the exact numbers, the ranking they give
# (and that raw means would give the other way round), a conflict of
# interest left out, min_reviewers, the summary's Krippendorff's alpha,
# the manifest's hash, CSV and JSON Lines alike, run and decide alike, and
# every mistake in a reviews file named with its line.
source "$(dirname "$0")/lib/common.bash"
source "$(dirname "$0")/lib/merit.bash"
cd "$work"
merit_rules business Business "The company"
cat >policy.lua <<'LUA'
weights { business = 1, panel = 1 }
always { "business" }
panel { scale = { 1, 5 }, min_reviewers = 2 }
tier { name = "office", min_score = 0, capacity = 2, requires = "office" }
waitlist(10)
LUA
for id in P Q R S T; do
  echo "{\"id\":\"$id\",\"merit\":0.5,\"requests\":[\"office\"]}"
done >apps.jsonl
cat >reviews.csv <<'CSV'
reviewer,id,criterion,score,comment,conflict
H,P,merit,3,Best of my pile,
H,R,merit,1,,
H,S,merit,2,,
L,Q,merit,4,Weakest I saw,no
L,R,merit,5,,
L,S,merit,5,,
M,P,merit,3,,
M,Q,merit,3,,
M,R,merit,3,,
M,S,merit,3,,
M,T,merit,3,,
C,P,merit,5,Former colleague,yes
CSV
run_assay run -q --no-default-plugins --rules rules --policy policy.lua --reviews reviews.csv \
  apps.jsonl -o run.jsonl --summary summary.json
expect_status 0
table() {
  python3 - "$1" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    panel = [f for f in r["findings"] if f["plugin"] == "panel"]
    print(r["id"], r["rank"], r["decision"], r["score"],
          r["domains"].get("panel"), json.dumps(r["panel"]), sep=" | ")
    for f in panel:
        print("  ", f["rule"], f["score"], f["reason"])
PY
}
# C declared a conflict on P: left out of P and of the normalisation.
# Counted scores: H 3, 1, 2 (mean 2, sd 0.8165); L 4, 5, 5 (mean 4.6667,
# sd 0.4714); M 3 five times (sd 0: no information, the panel mean). All
# eleven: mean 35/11 = 3.1818, sd 1.1134. H's 3 is z = +1.2247, so
# 3.1818 + 1.1134 * 1.2247 = 4.5455, (4.5455 - 1) / 4 = 0.8864; L's 4 is
# z = -1.4142: 1.6072, 0.1518; every M score 3.1818: 0.5455.
# P: (0.8864 + 0.5455) / 2 = 0.716 (raw mean 3, 0.5); Q: (0.1518 +
# 0.5455) / 2 = 0.3487 (raw mean 3.5, 0.625): raw means would rank Q
# above P; normalised, P's harsh reviewer's best beats Q's lenient
# reviewer's worst. T has one reviewer of the two needed: no panel score.
expect_eq "decisions" "$(table run.jsonl)" \
'P | 1 | office | 0.608 | 0.716 | {"reviewers": 2, "min_reviewers": 2, "conflicts": 1, "counted": true}
   panel.merit 0.716 H gave 3 of 1 to 5, 0.8864 normalised: "Best of my pile"; M gave 3, 0.5455 normalised; C left out (conflict of interest)
Q | 5 | waitlist | 0.4244 | 0.3487 | {"reviewers": 2, "min_reviewers": 2, "conflicts": 0, "counted": true}
   panel.merit 0.3487 L gave 4 of 1 to 5, 0.1518 normalised: "Weakest I saw"; M gave 3, 0.5455 normalised
R | 4 | waitlist | 0.4987 | 0.4974 | {"reviewers": 3, "min_reviewers": 2, "conflicts": 0, "counted": true}
   panel.merit 0.4974 H gave 1 of 1 to 5, 0.2045 normalised; L gave 5, 0.7423 normalised; M gave 3, 0.5455 normalised
S | 2 | office | 0.5556 | 0.6111 | {"reviewers": 3, "min_reviewers": 2, "conflicts": 0, "counted": true}
   panel.merit 0.6111 H gave 2 of 1 to 5, 0.5455 normalised; L gave 5, 0.7423 normalised; M gave 3, 0.5455 normalised
T | 3 | waitlist | 0.5 | None | {"reviewers": 1, "min_reviewers": 2, "conflicts": 0, "counted": false}
   panel.merit 0.5455 M gave 3 of 1 to 5, 0.5455 normalised'
expect_eq "counted" "$(json_field 1 counted run.jsonl)" '["business","panel"]'
expect_eq "T counted" "$(json_field 5 counted run.jsonl)" '["business"]'
# Interval alpha of the raw scores, units P (3, 3), Q (4, 3), R (1, 5,
# 3), S (2, 5, 3); T has one value and pairs with nothing:
# 1 - D_o / D_e = 1 - 2.8 / 2.1164 = -0.3235.
expect_eq "summary" "$(python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["panel"]))' summary.json)" \
  '{"domain": "panel", "reviews": 12, "left_out": 1, "reviewers": 4, "applications": 5, "counted": 4, "level": "interval", "criteria": [{"criterion": "merit", "applications": 5, "alpha": -0.3235}]}'
sha=$(sha256sum reviews.csv | cut -d' ' -f1)
expect_eq "manifest" "$(json_field 1 reviews run.jsonl.manifest.json)" \
  "{\"path\":\"reviews.csv\",\"sha256\":\"$sha\"}"

# The same reviews as JSON Lines, and decide on the scored records, give
# the same decisions byte for byte.
python3 - reviews.csv >reviews.jsonl <<'PY'
import csv, json, sys
for row in csv.DictReader(open(sys.argv[1])):
    r = {k: v for k, v in row.items() if v != ""}
    r["score"] = int(r["score"])
    if "conflict" in r:
        r["conflict"] = r["conflict"] == "yes"
    print(json.dumps(r))
PY
run_assay score -q --no-default-plugins --rules rules apps.jsonl -o scored.jsonl
expect_status 0
run_assay decide -q --policy policy.lua --reviews reviews.jsonl scored.jsonl \
  -o decided.jsonl
expect_status 0
cmp run.jsonl decided.jsonl || fail "decide --reviews reviews.jsonl differs from run --reviews reviews.csv"

# Mistakes, each with its file:line; nothing is decided (status 2).
printf 'reviewer,id,scor\nH,P,3\n' >bad-column.csv
run_assay run -q --no-default-plugins --rules rules --policy policy.lua --reviews bad-column.csv apps.jsonl
expect_status 2
expect_eq "bad column" "$(cat "$err_file")" \
'assay: bad-column.csv:1: unknown column "scor" (did you mean "score"?); the columns of reviews are reviewer, id, score, criterion, comment, conflict
assay: bad-column.csv:2: no score; every row of reviews needs one'
printf 'reviewer,id,score,conflict\nH,P,7,\nH,P,3,\nH,P,4,\nH,Q,2,maybe\nH,R,x\n' >bad-rows.csv
run_assay run -q --no-default-plugins --rules rules --policy policy.lua --reviews bad-rows.csv apps.jsonl
expect_status 2
expect_eq "bad rows" "$(cat "$err_file")" \
'assay: bad-rows.csv:2: score 7 is outside the panel'"'"'s scale, 1 to 5 (the policy'"'"'s panel {scale})
assay: bad-rows.csv:4: H already scored P on overall at line 3; keep one score
assay: bad-rows.csv:5: conflict "maybe" is neither yes nor no; leave it empty for no
assay: bad-rows.csv:6: score "x" is not a number; give a number from 1 to 5'
printf '{"reviewer":"H","id":"P","score":3}\n{"reviewer":"H","id":"X","score":2}\n' >unknown.jsonl
run_assay run -q --no-default-plugins --rules rules --policy policy.lua --reviews unknown.jsonl apps.jsonl
expect_status 2
expect_eq "unknown id" "$(cat "$err_file")" \
  'assay: unknown.jsonl:2: application "X" is not in apps.jsonl; check its id'
grep -v '^panel' policy.lua >no-panel.lua
run_assay run -q --no-default-plugins --rules rules --policy no-panel.lua --reviews reviews.csv apps.jsonl
expect_status 2
expect_eq "no panel" "$(cat "$err_file")" \
  'assay: no-panel.lua: the policy declares no panel; add panel { scale = { 1, 5 } } (the scale the reviewers score on; docs/office.md) and weigh its domain'
echo "ok $test_name"
