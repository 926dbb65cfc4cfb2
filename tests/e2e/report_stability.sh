# assay report --stability (docs/report.md, "How sure each decision is"):
# the JSON Lines of assay stability give the ranking a Confidence column,
# flagged ones marked, and a chart of the least sure decisions; a file of
# other decisions is a warning, a file that is not one is an error. Then
# the real pipeline on the sample data: every flagged decision is marked.
source "$(dirname "$0")/lib/common.bash"
source "$(dirname "$0")/lib/browser.bash"

cat > "$work/pitch.lua" <<'LUA'
plugin { name = "pitch", version = "1.0.0", domain = "business",
         description = "The pitch" }
rule { id = "pitch.quality", weight = 1, description = "The pitch's quality",
       score = function(app)
         local q = get(app, "pitch", "number")
         if q == nil then return nil end
         return clamp(q), string.format("pitch %g", q)
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
{"id":"A","requests":["funding"],"pitch":0.8}
{"id":"B","requests":["funding"],"pitch":0.9}
{"id":"C","requests":["funding"],"pitch":0.3}
JSONL
"$ASSAY_BIN" run --quiet --no-default-plugins --rules "$work/pitch.lua" --policy "$work/policy.lua" \
    "$work/in.jsonl" -o "$work/decisions.jsonl" --summary "$work/summary.json"
# As assay stability writes it (docs/stability.md), with values chosen to
# be read back exactly.
cat > "$work/stability.jsonl" <<'JSONL'
{"id":"B","decision":"funding","confidence":0.55,"flagged":true,"acceptability":{"funding":0.55,"waitlist":0.4,"review":0,"reject":0.05},"central_weights":{"business":1}}
{"id":"A","decision":"waitlist","confidence":0.55,"flagged":true,"acceptability":{"funding":0.45,"waitlist":0.55,"review":0,"reject":0},"central_weights":{"business":1}}
{"id":"C","decision":"reject","confidence":1,"flagged":false,"acceptability":{"funding":0,"waitlist":0,"review":0,"reject":1},"central_weights":{"business":1}}
{"summary":{"samples":9604,"seed":1,"error":0.0100,"draws":9604,"threshold":0.9,"flagged":2,"records":3,"weights":[],"orders":[]}}
JSONL
run_assay report "$work/decisions.jsonl" --summary "$work/summary.json" \
    --stability "$work/stability.jsonl" --html "$work/report.html"
expect_status 0
expect_eq "stderr" "$(cat "$err_file")" ""
page="$work/report.html"
expect_eq "the column" "$(grep -o '<th title="[^"]*">Confidence' "$page")" \
    '<th title="how often the sampled weights give this decision">Confidence'
expect_eq "each row's confidence" \
    "$(grep -o '<td><span class=unsure[^<]*</span><td class=why>\|<td>1<td class=why>' "$page" | tr -d '\n')" \
    '<td><span class=unsure title="below the stability threshold">⚠ 0.55</span><td class=why><td><span class=unsure title="below the stability threshold">⚠ 0.55</span><td class=why><td>1<td class=why>'
expect_eq "an application's section" "$(grep -o '<dt>Confidence<dd>[^/]*/span> ([^)]*)' "$page" | head -1)" \
    '<dt>Confidence<dd><span class=unsure title="below the stability threshold">⚠ 0.55</span> (funding 0.55, waitlist 0.4, reject 0.05)'
expect_eq "the section's note" "$(grep -o '<section id="stability">.*marked ⚠ in the ranking.</p>' "$page")" \
    "<section id=\"stability\"><h2>How sure each decision is</h2><p class=\"note\">From <code>$work/stability.jsonl</code> (<code>assay stability</code>, docs/stability.md): 9604 weight samples (seed 1), each share within 0.01 at 95%. The confidence of a decision is how often the weights give it; 2 of 3 are below 0.9 and marked ⚠ in the ranking.</p>"
# The chart: B and A (C is sure), least sure first, ties in rank order;
# each bar's parts are the outcomes in the file's order, the decision
# outlined, and labelled where there is room.
expect_eq "the bars" "$(grep -o '<g class="acc" data-id="[^"]*">' "$page" | tr -d '\n')" \
    '<g class="acc" data-id="B"><g class="acc" data-id="A">'
expect_eq "B's bar" "$(grep -o '<g class="acc" data-id="B">.*</g><g class="acc" data-id="A">' "$page" | sed 's/<g class="acc" data-id="A">$//')" \
    '<g class="acc" data-id="B"><text class="yt" x="144" y="41">B</text><rect class="c0 given" x="150.0" y="28" width="297.0" height="16"><title>B: funding 0.55 (the decision)</title></rect><text class="sl" x="154.0" y="40">funding 0.55</text><rect class="c1" x="447.0" y="28" width="216.0" height="16"><title>B: waitlist 0.4</title></rect><text class="sl" x="451.0" y="40">waitlist 0.4</text><rect class="c2" x="663.0" y="28" width="27.0" height="16"><title>B: reject 0.05</title></rect></g>'

# Another run's stability: a warning on stderr and on the page.
sed 's/"id":"C","decision":"reject"/"id":"C","decision":"waitlist"/' "$work/stability.jsonl" >"$work/other.jsonl"
run_assay report "$work/decisions.jsonl" --stability "$work/other.jsonl" --html "$work/other.html"
expect_status 0
expect_eq "other decisions" "$(cat "$err_file")" \
    "assay: warning: 1 decisions differ from those $work/other.jsonl was computed for; is it the stability of this run?"
# Not a stability file: exit 2 with its place, nothing written.
head -n 1 "$work/stability.jsonl" >"$work/cut.jsonl"
run_assay report "$work/decisions.jsonl" --stability "$work/cut.jsonl" --html "$work/cut.html"
expect_status 2
expect_eq "cut short" "$(cat "$err_file")" \
    "assay: $work/cut.jsonl:1: no summary line at the end (was the run cut short?); give the output of \`assay stability\`"
printf '%s\n' '{"id":"B","decision":"funding"}' >"$work/bad.jsonl"
run_assay report "$work/decisions.jsonl" --stability "$work/bad.jsonl" --html "$work/bad.html"
expect_status 2
expect_eq "not stability" "$(cat "$err_file")" \
    "assay: $work/bad.jsonl:1: a record needs \"decision\", \"confidence\", \"flagged\" and \"acceptability\"; give the output of \`assay stability\`"
[ ! -e "$work/cut.html" ] && [ ! -e "$work/bad.html" ] || fail "a page was written after a bad --stability"

# The sample data: score, decide, ask how sure; every flagged decision is
# marked, and the run's decisions are the ones stability was given.
"$ASSAY_BIN" run --quiet "$examples/applications.jsonl" -o "$work/s-decisions.jsonl" \
    --summary "$work/s-summary.json"
"$ASSAY_BIN" score --quiet "$examples/applications.jsonl" -o "$work/s-scored.jsonl"
"$ASSAY_BIN" stability --samples 2000 "$work/s-scored.jsonl" -o "$work/s-stability.jsonl" 2>/dev/null || true
flagged=$(tail -n 1 "$work/s-stability.jsonl" | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["flagged"])')
run_assay report "$work/s-decisions.jsonl" --summary "$work/s-summary.json" \
    --stability "$work/s-stability.jsonl" --input "$examples/applications.jsonl" \
    --html "$work/sample.html"
expect_status 0
expect_eq "sample: stderr" "$(cat "$err_file")" ""
expect_eq "sample: marked" "$(grep -o '<td><span class=unsure' "$work/sample.html" | wc -l)" "$flagged"

require_browser
browser_check check_sections.mjs "$page" "$artefacts" report-stability bars=2 unsure=2
browser_check check_sections.mjs "$work/sample.html" "$artefacts" report-stability-sample unsure="$flagged"
echo "ok $test_name (sample: $flagged flagged)"
