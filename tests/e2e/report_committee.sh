# The committee's overrides in the report, beside what assay decided: E is
# overridden into the full office tier and takes B's seat; A is held for
# review by the committee. The ranking marks the three decisions with
# assay's own, their sections say who decided what, when and why, whose
# seat was taken, and what assay had decided and why; the review queue
# groups A under the committee's override. A reviewed application's
# section says how many reviewed it and whether the panel counted.
source "$(dirname "$0")/lib/common.bash"
source "$(dirname "$0")/lib/merit.bash"
source "$(dirname "$0")/lib/browser.bash"
cd "$work"
merit_rules merit Merit "Merit as given"
cat >policy.lua <<'LUA'
always { "merit" }
tier { name = "office", min_score = 0.5, capacity = 2, requires = "office" }
waitlist(5)
weights { merit = 1, panel = 1 }
default_weight(1)
panel { scale = { 1, 5 }, min_reviewers = 2 }
LUA
merit_applications A B C D E
cat >overrides.csv <<'CSV'
id,decision,reason,who,when
E,office,Strategic fit with the OEM programme,Dr. Li,2026-05-04
A,review,Conflicting references,Dr. Li,2026-05-05
CSV
cat >reviews.csv <<'CSV'
reviewer,id,score,comment,conflict
Chen,C,4,Solid pilots,
Okafor,C,5,,
Chen,D,3,,yes
CSV
run_assay run -q --rules rules --policy policy.lua --overrides overrides.csv \
  --reviews reviews.csv apps.jsonl -o run.jsonl --summary summary.json \
  --report report.html
expect_status 0
expect_eq "decisions" "$(python3 -c '
import json
for l in open("run.jsonl"):
    r = json.loads(l); print(r["id"], r["decision"])' | paste -sd' ')" \
  "A review B waitlist C waitlist D waitlist E office"

row() { grep -o "<a href=#a[0-9]*>$1</a><td><td>office<td class=k[0-9]>[^<]*\(<span class=ovr[^<]*</span>\)\?" report.html; }
expect_eq "A in the ranking" "$(row A)" \
  "<a href=#a0>A</a><td><td>office<td class=k2>review<span class=ovr title=\"the committee's override; assay decided office\"> ✎ assay: office</span>"
expect_eq "B in the ranking" "$(row B)" \
  "<a href=#a1>B</a><td><td>office<td class=k1>waitlist<span class=ovr title=\"the committee's override; assay decided office\"> ✎ assay: office</span>"
expect_eq "C in the ranking, as assay decided" "$(row C)" \
  "<a href=#a2>C</a><td><td>office<td class=k1>waitlist"
expect_eq "E in the ranking" "$(row E)" \
  "<a href=#a4>E</a><td><td>office<td class=k0>office<span class=ovr title=\"the committee's override; assay decided waitlist\"> ✎ assay: waitlist</span>"

section() { grep -o "<details id=a$1>.*" report.html | sed 's,</details>.*,,' | grep -o '<dt>\(Committee\|Displaced\|assay decided\|Panel\)<dd>.*</dl>' | sed 's,</dl>.*,,'; }
expect_eq "E's section" "$(section 4)" \
  "<dt>Committee<dd><b>office</b> (Dr. Li, 2026-05-04: Strategic fit with the OEM programme); it took the seat of B<dt>assay decided<dd><b>waitlist</b>: Ranked 5 of 5 with score 0.5: qualifies for office, but its 2 seats were filled; waitlist position 3 of 5."
expect_eq "B's section" "$(section 1)" \
  "<dt>Displaced<dd>its seat went to E by the committee's override to <b>office</b> (Dr. Li, 2026-05-04: Strategic fit with the OEM programme)<dt>assay decided<dd><b>office</b>: Ranked 2 of 5 with score 0.8: given office, seat 2 of 2."
expect_eq "C's section: two reviewers, the panel counts" "$(section 2)" \
  "<dt>Panel<dd>2 reviewers; the panel's score counts"
expect_eq "D's section: one conflict, too few" "$(section 3)" \
  "<dt>Panel<dd>0 reviewers, 1 left out for a conflict of interest; too few for the panel's score to count"
expect_eq "the review queue's group" \
  "$(grep -o "<h4>the committee's override ([0-9]*)</h4>" report.html)" \
  "<h4>the committee's override (1)</h4>"

require_browser
browser_check check_report.mjs report.html run.jsonl "$artefacts" \
  report-committee rows=5 errors=0
echo "ok $test_name"
