#!/usr/bin/env bash
# Committee overrides (--overrides): an override into a full tier displaces
# its lowest-ranked holder to the waitlist, and both records say so; an
# override out of a seat leaves it free for another override; the record
# keeps assay's own decision and why beside the committee's; the summary
# counts them, the manifest hashes the file; run and decide alike; every
# mistake named with its file:line.
source "$(dirname "$0")/lib/common.bash"
source "$(dirname "$0")/lib/merit.bash"
cd "$work"
merit_rules business Business "The company"
cat >policy.lua <<'LUA'
always { "business" }
tier { name = "office", min_score = 0.5, capacity = 2, requires = "office" }
waitlist(5)
LUA
merit_applications A B C D E
cat >overrides.csv <<'CSV'
id,decision,reason,who,when
E,office,Strategic fit with the OEM programme,Dr. Li,2026-05-04
CSV
run_assay run -q --no-default-plugins --rules rules --policy policy.lua --overrides overrides.csv \
  apps.jsonl -o run.jsonl --summary summary.json
expect_status 0
brief() {
  python3 - "$1" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    print(r["id"], r["rank"], r["decision"], r["why"], sep=" | ")
PY
}
# assay: A and B seated, C, D, E waitlisted 1 to 3. E is overridden into
# office, which is full: B, its lowest-ranked holder, moves to the
# waitlist, which is numbered again in rank order (B 1, C 2, D 3).
expect_eq "decisions" "$(brief run.jsonl)" \
'A | 1 | office | Ranked 1 of 5 with score 0.9: given office, seat 1 of 2.
B | 2 | waitlist | Ranked 2 of 5 with score 0.8: given office, seat 2 of 2, until the committee'"'"'s override gave office to E (Dr. Li, 2026-05-04: Strategic fit with the OEM programme); as its lowest-ranked holder, moved to the waitlist, position 1.
C | 3 | waitlist | Ranked 3 of 5 with score 0.7: qualifies for office, but its 2 seats were filled; waitlist position 2 of 5.
D | 4 | waitlist | Ranked 4 of 5 with score 0.6: qualifies for office, but its 2 seats were filled; waitlist position 3 of 5.
E | 5 | office | The committee decided office (Dr. Li, 2026-05-04: Strategic fit with the OEM programme); assay had decided waitlist; it took the office seat of B, the lowest-ranked holder, who moves to the waitlist.'
expect_eq "E override" "$(json_field 5 override run.jsonl)" \
  '{"decision":"office","reason":"Strategic fit with the OEM programme","who":"Dr. Li","when":"2026-05-04","displaced":"B","assay":{"decision":"waitlist","why":"Ranked 5 of 5 with score 0.5: qualifies for office, but its 2 seats were filled; waitlist position 3 of 5.","why_not":[{"tier":"office","reason":"all 2 seats filled at rank 2 with cut-off score 0.8"}]}}'
expect_eq "B displaced_by" "$(json_field 2 displaced_by run.jsonl)" \
  '{"id":"E","decision":"office","reason":"Strategic fit with the OEM programme","who":"Dr. Li","when":"2026-05-04","assay":{"decision":"office","why":"Ranked 2 of 5 with score 0.8: given office, seat 2 of 2."}}'
expect_eq "E why_not (assay's)" "$(json_field 5 why_not run.jsonl)" '[]'
expect_eq "no override elsewhere" "$(json_field 1 override run.jsonl)" absent
expect_eq "summary" "$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(s["counts"], s["overrides"])' summary.json)" \
  "{'office': 2, 'waitlist': 3, 'review': 0, 'reject': 0} {'applied': 1, 'displaced': 1}"
sha=$(sha256sum overrides.csv | cut -d' ' -f1)
expect_eq "manifest" "$(json_field 1 overrides run.jsonl.manifest.json)" \
  "{\"path\":\"overrides.csv\",\"sha256\":\"$sha\"}"

# An override out of a seat leaves it free, and a later one may fill it
# without displacing anyone; JSON Lines and decide give the same.
cat >overrides.jsonl <<'JSONL'
{"id":"A","decision":"reject","reason":"Withdrew","who":"Office","when":"2026-05-02"}
{"id":"D","decision":"office","reason":"Next in line by the committee","who":"Dr. Li","when":"2026-05-04"}
JSONL
run_assay score -q --no-default-plugins --rules rules apps.jsonl -o scored.jsonl
run_assay decide -q --policy policy.lua --overrides overrides.jsonl scored.jsonl -o decided.jsonl
expect_status 0
expect_eq "freed seat" "$(brief decided.jsonl)" \
'A | 1 | reject | The committee decided reject (Office, 2026-05-02: Withdrew); assay had decided office; its office seat is left free.
B | 2 | office | Ranked 2 of 5 with score 0.8: given office, seat 2 of 2.
C | 3 | waitlist | Ranked 3 of 5 with score 0.7: qualifies for office, but its 2 seats were filled; waitlist position 1 of 5.
D | 4 | office | The committee decided office (Dr. Li, 2026-05-04: Next in line by the committee); assay had decided waitlist.
E | 5 | waitlist | Ranked 5 of 5 with score 0.5: qualifies for office, but its 2 seats were filled; waitlist position 2 of 5.'
run_assay run -q --no-default-plugins --rules rules --policy policy.lua --overrides overrides.jsonl apps.jsonl -o run2.jsonl
cmp run2.jsonl decided.jsonl || fail "run and decide differ with the same overrides"

# Mistakes: an unknown decision (did you mean), a second override of one
# id, a missing column; an id no record has. Nothing is decided.
cat >bad.csv <<'CSV'
id,decision,reason,who,when
A,ofice,r,w,2026
A,reject,r,w,2026
B,reject,r,w,2026
B,office,r,w,2026
C,reject,,w,2026
CSV
run_assay run -q --no-default-plugins --rules rules --policy policy.lua --overrides bad.csv apps.jsonl
expect_status 2
expect_eq "bad rows" "$(cat "$err_file")" \
'assay: bad.csv:6: no reason; every row of overrides needs one
assay: bad.csv:2: unknown decision "ofice" (did you mean "office"?); a decision is one of: office, waitlist, review, reject
assay: bad.csv:5: B is already overridden at line 4; keep one decision for it'
printf 'id,decision,reason,who,when\nX,office,r,w,2026\n' >unknown.csv
run_assay run -q --no-default-plugins --rules rules --policy policy.lua --overrides unknown.csv apps.jsonl
expect_status 2
expect_eq "unknown id" "$(cat "$err_file")" \
  'assay: unknown.csv:2: application "X" is not among the decided records; check its id'
echo "ok $test_name"
