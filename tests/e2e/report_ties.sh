# A tie at a cut-off in the report is the one the decision records mark
# (their `tie`, the summary's tiers[].tie), with the tie-break that settled
# it: four applications with the same record but their id tie for the
# last of two financial incubation seats; T-a wins on the smaller id.
# Training fills at the same score, but nobody reaching it was left out,
# so no tie is marked there (equal scores alone are not a tie).
source "$(dirname "$0")/lib/common.bash"
source "$(dirname "$0")/lib/browser.bash"

cat >"$work/policy.lua" <<'EOF'
always { "business" }
tier { name = "financial_incubation", min_score = 0.5, capacity = 2,
       requires = "funding", benefits = { "funding" } }
tier { name = "training", min_score = 0.3, capacity = 3,
       requires = "training", benefits = { "training" } }
waitlist(2)
EOF
team='"team":{"size":12,"phd":2,"automotive_years":6},"funding":{"stage":"seed","raised_musd":2}'
{
    echo "{\"id\":\"T-top\",\"name\":\"Top\",\"requests\":[\"funding\",\"training\"],$team,\"traction\":{\"pilots\":6,\"oem_partners\":3}}"
    for id in T-e T-b T-d T-a; do
        echo "{\"id\":\"$id\",\"name\":\"Team $id\",\"requests\":[\"funding\",\"training\"],$team,\"traction\":{\"pilots\":2,\"oem_partners\":1}}"
    done
    echo "{\"id\":\"T-low\",\"name\":\"Low\",\"requests\":[\"training\"],\"team\":{\"size\":3,\"phd\":2,\"automotive_years\":6},\"funding\":{\"stage\":\"seed\",\"raised_musd\":2},\"traction\":{\"pilots\":2,\"oem_partners\":1}}"
} >"$work/apps.jsonl"

run_assay run --policy "$work/policy.lua" "$work/apps.jsonl" \
    -o "$work/decisions.jsonl" --summary "$work/summary.json" \
    --report "$work/ties.html"
expect_status 0
cut=$(json_field 2 tie.score "$work/decisions.jsonl")
expect_eq "T-e's tie" "$(json_field 2 tie "$work/decisions.jsonl")" \
    "{\"tier\":\"financial_incubation\",\"score\":$cut,\"seated\":1,\"unseated\":3,\"settled_by\":\"smaller id\"}"
expect_eq "training's cut-off is the same score" \
    "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["tiers"][1]["cutoff_score"])' "$work/summary.json")" "$cut"

page="$work/ties.html"
expect_eq "seats table: the tie and its tie-break, on financial incubation only" \
    "$(grep -o '<td class="n">[0-9.]* (rank [0-9]*)[^<]*\(<span class=tie>[^<]*</span>\)\?' "$page")" \
    "<td class=\"n\">$cut (rank 2) <span class=tie>= a tie at the cut-off: 1 seated, 3 without a seat, settled by smaller id</span>
<td class=\"n\">$cut (rank 5)"
expect_eq "borderline heading" \
    "$(grep -o '<h4>financial_incubation cut-off [^/]*/span>' "$page")" \
    "<h4>financial_incubation cut-off $cut: <span class=tie>a tie at the cut-off: 1 seated, 3 without a seat, settled by smaller id</span>"
expect_eq "borderline: T-a seated by the tie-break, T-b, T-d, T-e not" \
    "$(grep -o '<table class="border">.*' "$page" | sed 's,</table>.*,,' |
       grep -o 'href=#a[0-9]*>T-[a-z]*</a>\|title="[^"]*">=' | sed 's/href=#a[0-9]*>//; s,</a>,,' | paste -sd' ')" \
    'T-top T-a title="tied at the cut-off of financial_incubation: seated by the tie-break (smaller id)">= T-b title="tied at the cut-off of financial_incubation: no seat, by the tie-break (smaller id)">= T-d title="tied at the cut-off of financial_incubation: no seat, by the tie-break (smaller id)">= T-e title="tied at the cut-off of financial_incubation: no seat, by the tie-break (smaller id)">='
expect_eq "T-e's section" \
    "$(grep -o '<dt>Tie<dd>[^<]*<span class=tie>=</span>[^<]*' "$page" | tail -1)" \
    "<dt>Tie<dd><span class=tie>=</span> no seat in financial_incubation at score $cut, a tie at the cut-off: 1 seated, 3 without a seat, settled by smaller id"

# The records alone decide: strip their tie and the report marks none, and
# says the summary's tie is not in the records.
sed 's/,"tie":{[^}]*}//' "$work/decisions.jsonl" >"$work/untied.jsonl"
run_assay report "$work/untied.jsonl" --summary "$work/summary.json" \
    --html "$work/untied.html"
expect_status 0
expect_eq "warning" "$(cat "$err_file")" \
    'assay: warning: the summary says tier "financial_incubation" had a tie at its cut-off (1 seated, 3 without a seat, settled by smaller id), the decision records mark none'
expect_eq "no tie marks without the records' tie" "$(grep -c 'class=tie' "$work/untied.html" || true)" 0

require_browser
browser_check check_report.mjs "$page" "$work/decisions.jsonl" \
    "$artefacts" report-ties rows=6 errors=0 borderline=9 ties=14
echo "ok $test_name"
