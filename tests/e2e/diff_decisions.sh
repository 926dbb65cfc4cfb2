# assay diff: two decision files, or two rule versions over one input.
# Identical runs print nothing and exit 0; a changed weight names exactly
# the applicants it moved and the finding that moved them; a seat that
# changes hands names both applicants; bad files exit 2 with file:line.
source "$(dirname "$0")/lib/common.bash"

# --- identical runs: nothing printed, exit 0 ---
"$ASSAY_BIN" run --quiet "$examples/applications.jsonl" -o "$work/a.jsonl"
"$ASSAY_BIN" run --quiet "$examples/applications.jsonl" -o "$work/b.jsonl"
run_assay diff "$work/a.jsonl" "$work/b.jsonl"
expect_status 0
expect_eq "identical: stdout" "$(cat "$out_file")" ""
expect_eq "identical: stderr" "$(cat "$err_file")" ""
run_assay diff --json "$work/a.jsonl" "$work/b.jsonl"
expect_status 0
expect_eq "identical: json" "$(cat "$out_file")" ""

# --- one rule's weight changed in a copy of the shipped rules ---
cp -r "$shipped" "$work/old"
cp -r "$shipped" "$work/new"
python3 - "$work/new/common/traction.lua" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path).read()
# The first rule of the file: its weight from whatever it is to 3.
new, n = re.subn(r"weight = [0-9.]+,", "weight = 3,", text, count=1)
assert n == 1
open(path, "w").write(new)
PY
first_rule=$(grep -m1 -o 'id = "[^"]*"' "$work/new/common/traction.lua" | cut -d'"' -f2)
run_assay diff --json --rules-old "$work/old" --rules-new "$work/new" \
  "$examples/applications.jsonl"
expect_status 1
# Every decision change is explained by that rule's weight alone: each
# changed applicant's only changed finding is that rule, 1 -> 3 (or its
# declared weight -> 3).
python3 - "$out_file" "$first_rule" "$work/a.jsonl" > "$work/check" <<'PY'
import json, sys
out, rule, old = sys.argv[1], sys.argv[2], sys.argv[3]
lines = [json.loads(l) for l in open(out)]
summary = lines[-1]["summary"]
changes = [l for l in lines[:-1] if l["change"] == "decision"]
assert summary["decisions_changed"] == len(changes) > 0, summary
assert summary["compared"] == 72
for c in changes:
    rules = {(f["rule"], f["change"]) for f in c["findings"]}
    assert rules == {(rule, "changed")}, (c["id"], rules)
    f = c["findings"][0]
    assert f["new"]["weight"] == 3 and f["old"]["weight"] != 3, f
print(" ".join(sorted(c["id"] for c in changes)))
PY
# The applicants whose decision differs, computed independently from the
# two runs' own decision files.
"$ASSAY_BIN" run --quiet --no-default-plugins --plugin-dir "$work/new" "$examples/applications.jsonl" \
  -o "$work/new.jsonl" || true
python3 - "$work/a.jsonl" "$work/new.jsonl" > "$work/want" <<'PY'
import json, sys
old = {r["id"]: r["decision"] for r in map(json.loads, open(sys.argv[1]))}
new = {r["id"]: r["decision"] for r in map(json.loads, open(sys.argv[2]))}
print(" ".join(sorted(i for i in old if old[i] != new[i])))
PY
expect_eq "changed applicants" "$(cat "$work/check")" "$(cat "$work/want")"

# --- a seat that changes hands between two named applicants ---
mkdir -p "$work/seat/old" "$work/seat/new"
cat > "$work/seat/old/pitch.lua" <<'LUA'
plugin { name = "pitch", version = "1.0.0", domain = "business",
         description = "The pitch" }
rule { id = "pitch.quality", weight = 1, description = "The pitch's quality",
       score = function(app)
         local q = get(app, "pitch", "number")
         if q == nil then return nil end
         return clamp(q), string.format("pitch %g", q)
       end }
LUA
cp "$work/seat/old/pitch.lua" "$work/seat/new/pitch.lua"
cat >> "$work/seat/new/pitch.lua" <<'LUA'
rule { id = "pitch.demo", weight = 1, description = "The demo day",
       score = function(app)
         local d = get(app, "demo", "number")
         if d == nil then return nil end
         return clamp(d), string.format("demo %g", d)
       end }
LUA
cat > "$work/seat/policy.lua" <<'LUA'
strategy "weighted_mean"
weights { business = 1 }
tier { name = "funding", min_score = 0.5, capacity = 1, requires = "funding",
       benefits = { "funding" } }
waitlist(1)
LUA
cat > "$work/seat/in.jsonl" <<'JSONL'
{"id":"A","requests":["funding"],"pitch":0.9,"demo":0.1}
{"id":"B","requests":["funding"],"pitch":0.8,"demo":1}
{"id":"C","requests":["funding"],"pitch":0.3}
JSONL
for v in old new; do
  "$ASSAY_BIN" run --quiet --no-default-plugins --rules "$work/seat/$v/pitch.lua" \
    --policy "$work/seat/policy.lua" "$work/seat/in.jsonl" -o "$work/seat/$v.jsonl"
done
run_assay diff "$work/seat/old.jsonl" "$work/seat/new.jsonl"
expect_status 1
expect_eq "seat: text" "$(cat "$out_file")" \
"B: waitlist, rank 2, score 0.8 -> funding, rank 1, score 0.9
    finding pitch.demo (pitch): new, score 1, weight 1 (demo 1)
    domain business: 0.8 -> 0.9
    took the funding seat of A (was funding, rank 1, score 0.9)
A: funding, rank 1, score 0.9 -> waitlist, rank 2, score 0.5
    finding pitch.demo (pitch): new, score 0.1, weight 1 (demo 0.1)
    domain business: 0.9 -> 0.5
    its funding seat went to B (funding, rank 1, score 0.9)
2 of 3 decisions changed; same decision, other rank: 0; other score only: 0; added: 0; removed: 0
moves (old -> new):
  waitlist -> funding: 1
  funding -> waitlist: 1
seats that changed hands:
  funding: A -> B"
# The same through the two-versions form, as JSON Lines.
run_assay diff --json --rules-old "$work/seat/old/pitch.lua" \
  --rules-new "$work/seat/new/pitch.lua" --policy-old "$work/seat/policy.lua" \
  --policy-new "$work/seat/policy.lua" "$work/seat/in.jsonl"
expect_status 1
expect_eq "seat: json" "$(cat "$out_file")" \
'{"id":"B","change":"decision","old":{"decision":"waitlist","rank":2,"score":0.8},"new":{"decision":"funding","rank":1,"score":0.9},"findings":[{"rule":"pitch.demo","plugin":"pitch","change":"added","old":null,"new":{"score":1,"weight":1,"reason":"demo 1"}}],"vetoes":[],"flags":[],"domains":[{"domain":"business","change":"changed","old":0.8,"new":0.9}],"weights":[],"seat_to":null,"seat_from":"A"}
{"id":"A","change":"decision","old":{"decision":"funding","rank":1,"score":0.9},"new":{"decision":"waitlist","rank":2,"score":0.5},"findings":[{"rule":"pitch.demo","plugin":"pitch","change":"added","old":null,"new":{"score":0.1,"weight":1,"reason":"demo 0.1"}}],"vetoes":[],"flags":[],"domains":[{"domain":"business","change":"changed","old":0.9,"new":0.5}],"weights":[],"seat_to":"B","seat_from":null}
{"summary":{"compared":3,"decisions_changed":2,"ranks_changed":0,"scores_changed":0,"added":0,"removed":0,"moves":[{"from":"waitlist","to":"funding","count":1},{"from":"funding","to":"waitlist","count":1}],"seats":[{"tier":"funding","from":"A","to":"B"}],"lowest_seated":[{"tier":"funding","old":0.9,"new":0.9}]}}'

# Options may follow the files, and what follows -- goes to both runs.
run_assay diff "$work/seat/old.jsonl" "$work/seat/new.jsonl" --json
expect_status 1
expect_eq "options after files" "$(tail -n 1 "$out_file" | cut -c1-40)" '{"summary":{"compared":3,"decisions_chan'
run_assay diff --rules-old "$work/seat/old/pitch.lua" --rules-new "$work/seat/new/pitch.lua" \
  "$work/seat/in.jsonl" -- --policy "$work/seat/policy.lua" --max-errors 5
expect_status 1
expect_eq "run options after --" "$(tail -n 1 "$out_file")" "  funding: A -> B"

# --- applicants added and removed, a rank-only move, -o ---
head -n 2 "$work/seat/new.jsonl" > "$work/seat/two.jsonl"
printf '%s\n' '{"id":"D","line":4,"status":"error","error":"not JSON"}' >> "$work/seat/two.jsonl"
run_assay diff --ranks -o "$work/seat/diff.txt" "$work/seat/new.jsonl" "$work/seat/two.jsonl"
expect_status 1
expect_eq "added/removed: stdout" "$(cat "$out_file")" ""
expect_eq "added/removed" "$(cat "$work/seat/diff.txt")" \
"D: added (error)
C: removed (was reject, rank 3, score 0.3)
0 of 2 decisions changed; same decision, other rank: 0; other score only: 0; added: 1; removed: 1"

# --- files that are not decisions: exit 2, file:line, nothing on stdout ---
printf '%s\n' '{"id":"A","decision":"funding","rank":1,"score":1}' 'not json' > "$work/bad.jsonl"
run_assay diff "$work/a.jsonl" "$work/bad.jsonl"
expect_status 2
expect_eq "bad: stderr" "$(cat "$err_file")" \
"assay: $work/bad.jsonl:2: not valid JSON; give decision files written by assay run or assay decide"
expect_eq "bad: stdout" "$(cat "$out_file")" ""
printf '%s\n' '{"id":"A","line":1,"status":"ok","domains":{}}' > "$work/scored.jsonl"
run_assay diff "$work/scored.jsonl" "$work/a.jsonl"
expect_status 2
expect_eq "scored: stderr" "$(cat "$err_file")" \
"assay: $work/scored.jsonl:1: record A has no \"decision\"; is this scored output (assay score)? Give decision files (assay run -o, assay decide -o)"
printf '%s\n' '{"id":"A","decision":"reject"}' '{"id":"A","decision":"reject"}' > "$work/dup.jsonl"
run_assay diff "$work/dup.jsonl" "$work/a.jsonl"
expect_status 2
expect_eq "duplicate: stderr" "$(cat "$err_file")" \
"assay: $work/dup.jsonl:2: id A appears again (first at line 1); ids must be unique to be compared"
run_assay diff "$work/missing.jsonl" "$work/a.jsonl"
expect_status 2
expect_eq "missing: stderr" "$(cat "$err_file")" \
"assay: $work/missing.jsonl: No such file or directory"
run_assay diff "$work/a.jsonl"
expect_status 2
run_assay diff --rules-old "$work/old" "$examples/applications.jsonl"
expect_status 2
expect_eq "half a pair: stderr" "$(cat "$err_file")" \
"assay: diff: give --rules-old with --rules-new and --policy-old with --policy-new"
echo "ok $test_name"
