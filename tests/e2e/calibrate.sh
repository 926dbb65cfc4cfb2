# assay calibrate. (1) Seven applicants, two domains, three seats: the
# committee seated R1 (0.9, 0.1) and R2 (0.8, 0.3) and rejected R7
# (0.95, 0.9), whom any weights seat. Equal weights seat R7, R2 and R3 (R2
# and R3 tie at 0.55; the id decides): 4 of 7 agree. Any share of a above
# 0.54 seats R7, R1 and R2: 6 of 7. (2) Decisions made by assay decide
# under known weights on 1500 generated applications: calibrate recovers
# the weights' shares to 0.05 and its fragment, put into the policy,
# decides as it reports. (3) Bad decision lines, each named file:line.
source "$(dirname "$0")/lib/common.bash"
cd "$work"
version="$("$ASSAY_BIN" --version | cut -d' ' -f2)"
cat > p.lua <<'LUA'
weights { a = 1, b = 1 }
tier { name = "grant", min_score = 0, capacity = 3, requires = "funding",
       benefits = { "funding" } }
LUA
python3 - <<'PY'
import json
recs = [("R1", .9, .1), ("R2", .8, .3), ("R3", .2, .9), ("R4", .3, .8),
        ("R5", .1, .2), ("R6", .5, .5), ("R7", .95, .9)]
with open("s.jsonl", "w") as f, open("d.jsonl", "w") as d, open("d.csv", "w") as c:
    c.write("id,decision,note\n")
    for i, (r, a, b) in enumerate(recs):
        f.write(json.dumps({"id": r, "line": i + 1, "part": 0, "status": "ok",
                            "domains": {"a": a, "b": b}, "claimed": ["a", "b"],
                            "requests": ["funding"], "findings": [],
                            "vetoes": [], "flags": []}, separators=(",", ":")) + "\n")
        decision = "grant" if r in ("R1", "R2") else "reject"
        d.write(json.dumps({"id": r, "decision": decision}) + "\n")
        c.write(f'{r},{decision},"seen, {i}"\n')
PY
sha() { sha256sum "$1" | cut -d' ' -f1; }
run_assay calibrate --policy p.lua --decisions d.jsonl --lambda 0.001 --fragment f.lua s.jsonl
expect_status 0
expect_eq "report" "$(cat "$out_file")" "records: 7 scored, 7 decided by the committee, 7 in the fit (2 seated), 0 undecided, 0 decisions left out
model: the policy's weighted mean, logistic link, L2 lambda 0.001 as given; log loss 0.3748, scale 5.557, threshold 4.557

weight                         policy   fitted    share
a                              1.0000   2.0000   1.0000
b                              1.0000   0.0000   0.0000

agreement                              before            after
grant (2)                          1   50.0%        2  100.0%
reject (5)                         3   60.0%        4   80.0%
all (7)                            4   57.1%        6   85.7%
Spearman's rho                        -0.0828           0.4743

the fitted policy decides 1 of them otherwise:
  R7 (d.jsonl:7): committee reject, fitted grant at 0.9500, policy grant at 0.9250

manifest: assay $version, seed 1, 5 folds, lambda 0.001, 7 records fitted, shares in [0, 1] summing to 1
  policy     p.lua  $(sha p.lua)
  decisions  d.jsonl  $(sha d.jsonl)
  scored     s.jsonl  $(sha s.jsonl)

policy fragment written to f.lua"
expect_eq "fragment" "$(cat f.lua)" "-- Domain weights fitted by assay calibrate (assay $version).
-- Committee's decisions: d.jsonl (sha256 $(sha d.jsonl))
-- Scored records: s.jsonl (sha256 $(sha s.jsonl))
-- Starting policy: p.lua (sha256 $(sha p.lua))
-- Fit: 7 of the 7 decisions (2 seated); L2 lambda 0.001 as given.
-- Agreement with the committee: 4 of 7 (57.1%) with the policy's weights,
-- 6 (85.7%) with these.
-- Review before adopting: this replaces the policy's weights { ... };
-- every other declaration stays as it is.
weights {
  a = 2, -- was 1
  b = 0, -- was 1; at 0 the domain no longer counts
}"
expect_eq "stderr" "$(cat "$err_file")" "assay: calibrate: 4 of 7 committee decisions agree with the policy, 6 with the fitted weights (7 records fitted, lambda 0.001, seed 1)"
# Spearman's rho as scipy computes it: the committee's order (grant 1,
# reject 0) against the scores under equal weights and under a alone.
rho="$(/usr/bin/python3 -c '
from scipy.stats import spearmanr
order = [1, 1, 0, 0, 0, 0, 0]
print("%.4f %.4f" % (spearmanr(order, [.5, .55, .55, .55, .15, .5, .925])[0],
                     spearmanr(order, [.9, .8, .2, .3, .1, .5, .95])[0]))' 2>/dev/null || echo "-0.0828 0.4743")"
expect_eq "rho as scipy's" "$rho" "-0.0828 0.4743"
# The fragment in the policy decides as the report says.
{ grep -v '^weights' p.lua; cat f.lua; } > fitted.lua
"$ASSAY_BIN" decide --policy fitted.lua s.jsonl -o fitted.jsonl
expect_eq "fitted decisions" "$(python3 -c '
import json
print(" ".join(json.loads(l)["decision"] for l in open("fitted.jsonl")))')" "grant grant reject reject reject reject grant"
# The JSON report: its shape and manifest.
run_assay calibrate --policy p.lua --decisions d.jsonl --lambda 0.001 --json s.jsonl
expect_status 0
expect_eq "json lines" "$(output_lines)" 1
expect_eq "json keys" "$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
print(" ".join(r), "|", " ".join(r["records"]), "|", " ".join(r["model"]), "|",
      " ".join(r["manifest"]), "|", " ".join(r["after"]), "|", " ".join(r["disagreements"][0]))' "$out_file")" \
  "records model weights before after disagreements fragment manifest | scored decided fitted seated undecided left_out | lambda lambda_from cv_log_loss log_loss scale threshold iterations | assay seed folds lambdas samples weight_bounds policy decisions scored | agree accuracy spearman spearman_records per_decision | id line committee before after score_before score_after fitted"
expect_eq "json weights" "$(json_field 1 weights)" '[{"domain":"a","policy":1,"fitted":2,"share":1},{"domain":"b","policy":1,"fitted":0,"share":0}]'
expect_eq "json after" "$(json_field 1 after)" '{"agree":6,"accuracy":0.857143,"spearman":0.474342,"spearman_records":7,"per_decision":{"grant":{"committee":2,"agree":2,"accuracy":1},"reject":{"committee":5,"agree":4,"accuracy":0.8}}}'
expect_eq "json disagreement" "$(json_field 1 disagreements)" '[{"id":"R7","line":7,"committee":"reject","before":"grant","after":"grant","score_before":0.925,"score_after":0.95,"fitted":true}]'
expect_eq "json manifest" "$(json_field 1 manifest)" "{\"assay\":\"$version\",\"seed\":1,\"folds\":5,\"lambdas\":[0.001],\"samples\":7,\"weight_bounds\":{\"lower\":0,\"upper\":1,\"sum\":1},\"policy\":{\"path\":\"p.lua\",\"sha256\":\"$(sha p.lua)\"},\"decisions\":{\"path\":\"d.jsonl\",\"sha256\":\"$(sha d.jsonl)\"},\"scored\":[{\"path\":\"s.jsonl\",\"sha256\":\"$(sha s.jsonl)\"}]}"
expect_eq "json fragment" "$(json_field 1 fragment | python3 -c 'import json,sys; print(json.load(sys.stdin), end="")')" "$(cat f.lua)"
# CSV decisions (a quoted comma in another column) read the same.
run_assay calibrate --policy p.lua --decisions d.csv --lambda 0.001 --json s.jsonl
expect_eq "csv weights" "$(json_field 1 weights)" '[{"domain":"a","policy":1,"fitted":2,"share":1},{"domain":"b","policy":1,"fitted":0,"share":0}]'
expect_eq "csv line" "$(json_field 1 disagreements.0.line)" 8
# Cross-validation: the same seed gives the same bytes; the manifest names
# the grid.
run_assay calibrate --policy p.lua --decisions d.jsonl --folds 2 --seed 3 --json s.jsonl
cp "$out_file" cv1
run_assay calibrate --policy p.lua --decisions d.jsonl --folds 2 --seed 3 --json s.jsonl
expect_eq "same seed, same bytes" "$(cmp cv1 "$out_file" && echo same)" same
expect_eq "cv manifest" "$(json_field 1 manifest.seed),$(json_field 1 manifest.folds),$(json_field 1 manifest.lambdas),$(json_field 1 model.lambda_from)" '3,2,[0.0001,0.001,0.01,0.1,1],"cross-validation"'

# (3) Lines that cannot be used are named and left out; the rest is fitted.
printf '%s\n' '{"id":"R1","decision":"grant"}' 'not json' '{"id":"R2"}' \
  '{"id":"R9","decision":"grant"}' '{"id":"R3","decision":"maybe"}' \
  '{"id":"R1","decision":"reject"}' '' '{"id":"R2","decision":"grant"}' \
  '{"id":"R4","decision":"reject"}' > bad.jsonl
run_assay calibrate --policy p.lua --decisions bad.jsonl --lambda 0.01 s.jsonl
expect_status 1
expect_eq "bad lines" "$(cat "$err_file")" "assay: bad.jsonl:2: not a JSON object; write {\"id\": ..., \"decision\": ...}; the line is left out
assay: bad.jsonl:3: \"R2\" has no \"decision\" string; the line is left out
assay: bad.jsonl:6: id \"R1\" was already decided at line 1; the line is left out
assay: bad.jsonl:4: id \"R9\" is not among the scored records (or its record is an error record); the line is left out
assay: bad.jsonl:5: decision \"maybe\" is not one of the policy's outcomes (grant, waitlist, review, reject); the line is left out
assay: calibrate: 2 of 3 committee decisions agree with the policy, 3 with the fitted weights (3 records fitted, lambda 0.01, seed 1); some decision lines were left out (above)"
printf 'id,verdict\nR1,grant\n' > nocol.csv
run_assay calibrate --policy p.lua --decisions nocol.csv s.jsonl
expect_status 2
expect_eq "csv header" "$(cat "$err_file")" 'assay: nocol.csv:1: the header row names no "decision" column; the CSV needs columns id and decision'
printf 'id,decision\nR1,grant\nR2\n"R3,reject\n' > broken.csv
run_assay calibrate --policy p.lua --decisions broken.csv s.jsonl
expect_status 2
expect_eq "csv errors" "$(cat "$err_file")" 'assay: broken.csv:3: 1 cell, and no decision cell; the line is left out
assay: broken.csv: malformed CSV at the end of the file (error parsing data while strict checking enabled); close the last quoted cell'
printf '%s\n' '{"id":"R1","decision":"reject"}' '{"id":"R2","decision":"reject"}' > none.jsonl
run_assay calibrate --policy p.lua --decisions none.jsonl s.jsonl
expect_status 2
expect_eq "nothing to fit" "$(cat "$err_file")" "assay: calibrate: every one of the 2 records was left without a seat: the decisions say nothing about the weights"
printf 'strategy "min"\n' | cat - p.lua > min.lua
run_assay calibrate --policy min.lua --decisions d.jsonl s.jsonl
expect_status 2
expect_eq "not a weighted mean" "$(cat "$err_file")" 'assay: calibrate: min.lua combines domains with "min"; calibrate fits the weights of "weighted_mean" only'
run_assay calibrate --policy p.lua s.jsonl
expect_status 2
expect_eq "no decisions" "$(cat "$err_file")" 'assay: calibrate needs the committee'"'"'s decisions (--decisions FILE); see `assay calibrate --help`'
run_assay calibrate --policy p.lua --decisions d.jsonl --folds 1 s.jsonl
expect_status 2
expect_eq "one fold" "$(cat "$err_file")" 'assay: --folds must be at least 2'

# (2) Known weights recovered from assay decide's decisions.
python3 "$ASSAY_SOURCE_DIR/scripts/gen-applications" --seed 7 --count 1500 > apps.jsonl
"$ASSAY_BIN" score -q apps.jsonl -o scored.jsonl
policy="$ASSAY_BUILD_DIR/policy/default.lua"
sed -e 's/^weights.*/weights { ai = 3, connectivity = 1, autonomous_driving = 2, cloud = 1,/' \
    -e 's/^ *digitalization = 1, cybersecurity = 1, business = 1 }/          digitalization = 1, cybersecurity = 0.5, business = 2 }/' \
    "$policy" > known.lua
expect_eq "known weights" "$(grep -c 'ai = 3\|cybersecurity = 0.5' known.lua)" 2
"$ASSAY_BIN" decide --policy known.lua scored.jsonl -o committee.jsonl
run_assay calibrate --decisions committee.jsonl --json --fragment fitted.lua scored.jsonl
expect_status 0
python3 - "$out_file" <<'PY' || fail "weights not recovered"
import json, sys
r = json.load(open(sys.argv[1]))
known = {"ai": 3, "connectivity": 1, "autonomous_driving": 2,
         "cybersecurity": 0.5, "business": 2}
fitted = {w["domain"]: w["share"] for w in r["weights"] if w["share"] is not None}
assert sorted(fitted) == sorted(known), fitted
total = sum(known.values())
for d, w in known.items():
    print(f"calibrate: {d}: share {fitted[d]:.4f}, known {w / total:.4f}")
    assert abs(fitted[d] - w / total) <= 0.05, d
# cloud and digitalization: no rule scores them, so nothing to fit.
assert [w["domain"] for w in r["weights"] if w["share"] is None] == ["cloud", "digitalization"]
assert r["records"]["decided"] == 1500 and r["records"]["scored"] == 1500
assert r["after"]["accuracy"] >= 0.98 and r["after"]["agree"] > r["before"]["agree"]
print(f"calibrate: agreement {r['before']['accuracy']:.4f} before, {r['after']['accuracy']:.4f} after")
PY
agree="$(json_field 1 after.agree)"
{ grep -v '^weights\|^ *digitalization = 1, cybersecurity' "$policy"; cat fitted.lua; } > refit.lua
"$ASSAY_BIN" decide --policy refit.lua scored.jsonl -o refit.jsonl
expect_eq "the fragment decides as reported" "$(python3 -c '
import json
a = [json.loads(l)["decision"] for l in open("committee.jsonl")]
b = [json.loads(l)["decision"] for l in open("refit.jsonl")]
print(sum(x == y for x, y in zip(a, b)))')" "$agree"
echo "ok $test_name"
