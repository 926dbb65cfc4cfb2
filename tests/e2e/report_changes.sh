# assay report --previous and run --report --previous (docs/report.md,
# "Changes since the previous run"): the hand-made case of diff_decisions.sh,
# where a new rule moves the funding seat from A to B, gives a section
# that names both, with the moves, the lowest seated score and why each
# decision changed; identical runs say nothing changed; bad uses exit 2.
source "$(dirname "$0")/lib/common.bash"
source "$(dirname "$0")/lib/browser.bash"

mkdir -p "$work/old" "$work/new"
cat > "$work/old/pitch.lua" <<'LUA'
plugin { name = "pitch", version = "1.0.0", domain = "business",
         description = "The pitch" }
rule { id = "pitch.quality", weight = 1, description = "The pitch's quality",
       score = function(app)
         local q = get(app, "pitch", "number")
         if q == nil then return nil end
         return clamp(q), string.format("pitch %g", q)
       end }
LUA
cp "$work/old/pitch.lua" "$work/new/pitch.lua"
cat >> "$work/new/pitch.lua" <<'LUA'
rule { id = "pitch.demo", weight = 1, description = "The demo day",
       score = function(app)
         local d = get(app, "demo", "number")
         if d == nil then return nil end
         return clamp(d), string.format("demo %g", d)
       end }
LUA
cat > "$work/policy.lua" <<'LUA'
strategy "weighted_mean"
weights { business = 1 }
tier { name = "funding", min_score = 0.5, capacity = 1, requires = "funding",
       benefits = { "funding" } }
waitlist(1)
LUA
cat > "$work/in.jsonl" <<'JSONL'
{"id":"A","name":"Alpha <Robotics>","requests":["funding"],"pitch":0.9,"demo":0.1}
{"id":"B","name":"Beta","requests":["funding"],"pitch":0.8,"demo":1}
{"id":"C","requests":["funding"],"pitch":0.3}
JSONL
"$ASSAY_BIN" run --quiet --no-default-plugins --rules "$work/old/pitch.lua" --policy "$work/policy.lua" \
    "$work/in.jsonl" -o "$work/old.jsonl"
"$ASSAY_BIN" run --quiet --no-default-plugins --rules "$work/new/pitch.lua" --policy "$work/policy.lua" \
    "$work/in.jsonl" -o "$work/new.jsonl" --summary "$work/summary.json"

section()
{
    python3 - "$1" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
a = s.index('<section id="changes">')
print(s[a:s.index("</section>", a) + len("</section>")])
PY
}

run_assay report "$work/new.jsonl" --previous "$work/old.jsonl" \
    --summary "$work/summary.json" --input "$work/in.jsonl" --html "$work/report.html"
expect_status 0
expect_eq "stderr" "$(cat "$err_file")" ""
expect_eq "the section" "$(section "$work/report.html")" \
"<section id=\"changes\"><h2>Changes since the previous run</h2><p class=\"note\">Compared with <code>$work/old.jsonl</code>, applicant by applicant (as <code>assay diff</code> does). 3 applicants in both: 2 decisions changed, 0 moved in rank with the same decision, 0 changed score only; 0 added, 0 removed.</p><h3>Moves between decisions</h3><div class=tw><table id=moves><thead><tr><th>Before<th>Now<th class=n>Applicants<tbody><tr><td><span class=k1>waitlist</span><td><span class=k0>funding</span><td class=n>1<tr><td><span class=k0>funding</span><td><span class=k1>waitlist</span><td class=n>1</table></div><h3>Seats that changed hands</h3><div class=tw><table id=handovers><thead><tr><th>Tier<th>Held before by<th>Now given to<tbody><tr><td><span class=k0>funding</span><td><a class=id href=#a1>A</a> <bdi class=nm>Alpha &lt;Robotics&gt;</bdi><td><a class=id href=#a0>B</a> <bdi class=nm>Beta</bdi></table></div><h3>Lowest seated score</h3><div class=tw><table id=floors><thead><tr><th>Tier<th class=n>Before<th class=n>Now<tbody><tr><td><span class=k0>funding</span><td class=n>0.9<td class=n>0.9</table></div><h3>Applicants whose decision changed</h3><div class=tw><table id=changed><thead><tr><th>Applicant<th>Before<th>Now<th>Why it changed<tbody><tr><td><a class=id href=#a0>B</a> <bdi class=nm>Beta</bdi><td><span class=k1>waitlist</span>, rank 2, score 0.8<td><span class=k0>funding</span>, rank 1, score 0.9<td><ul><li><code>pitch.demo</code> applies now: score 1, weight 1 (demo 1)<li>domain business: 0.8 → 0.9<li>took the funding seat of <a class=id href=#a1>A</a> <bdi class=nm>Alpha &lt;Robotics&gt;</bdi></ul><tr><td><a class=id href=#a1>A</a> <bdi class=nm>Alpha &lt;Robotics&gt;</bdi><td><span class=k0>funding</span>, rank 1, score 0.9<td><span class=k1>waitlist</span>, rank 2, score 0.5<td><ul><li><code>pitch.demo</code> applies now: score 0.1, weight 1 (demo 0.1)<li>domain business: 0.9 → 0.5<li>its funding seat went to <a class=id href=#a0>B</a> <bdi class=nm>Beta</bdi></ul></table></div></section>"
expect_eq "the contents link it" "$(grep -c '<a href="#changes">Changes</a>' "$work/report.html")" 1

# The same from the run itself.
run_assay run --no-default-plugins --rules "$work/new/pitch.lua" --policy "$work/policy.lua" \
    "$work/in.jsonl" -o "$work/run.jsonl" --report "$work/run.html" \
    --previous "$work/old.jsonl"
expect_status 0
expect_eq "run --report --previous: the same section" \
    "$(section "$work/run.html")" "$(section "$work/report.html")"

# Nothing changed: the section says so.
run_assay report "$work/new.jsonl" --previous "$work/run.jsonl" --html "$work/same.html"
expect_status 0
expect_eq "no changes" "$(section "$work/same.html")" \
"<section id=\"changes\"><h2>Changes since the previous run</h2><p class=\"note\">Compared with <code>$work/run.jsonl</code>, applicant by applicant (as <code>assay diff</code> does). No decision, rank or score changed.</p></section>"

# Bad uses: exit 2 with what to do, nothing written.
run_assay report - --previous "$work/old.jsonl" --html "$work/x.html" <"$work/new.jsonl"
expect_status 2
expect_eq "stdin" "$(cat "$err_file")" \
    "assay: --previous compares two files: give the decisions as a file, not on stdin"
printf '%s\n' '{"id":"A","line":1,"status":"ok"}' >"$work/bad.jsonl"
run_assay report "$work/new.jsonl" --previous "$work/bad.jsonl" --html "$work/x.html"
expect_status 2
expect_eq "not decisions" "$(cat "$err_file")" \
    "assay: $work/bad.jsonl:1: record A has no \"decision\"; is this scored output (assay score)? Give decision files (assay run -o, assay decide -o)"
[ ! -e "$work/x.html" ] || fail "a page was written after a bad --previous"
run_assay run "$work/in.jsonl" --no-default-plugins --rules "$work/new/pitch.lua" --previous "$work/old.jsonl"
expect_status 2
expect_eq "run without --report" "$(cat "$err_file")" \
    "assay: --previous is for the report: give --report FILE too"
run_assay run "$work/in.jsonl" --no-default-plugins --rules "$work/new/pitch.lua" --report "$work/x.html" \
    --previous "$work/missing.jsonl"
expect_status 2
expect_eq "missing previous" "$(cat "$err_file")" \
    "assay: cannot open previous decisions $work/missing.jsonl: No such file or directory"

require_browser
browser_check check_sections.mjs "$work/report.html" "$artefacts" report-changes \
    changed=2 handovers=1
echo "ok $test_name"
