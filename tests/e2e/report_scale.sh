# A report of a cohort too large to show every application in full
# (docs/report.md, "Size"): 3,000 generated applications. The page shows
# every seat, the first of the waitlist, either side of each cut-off, the
# first held for each reason and the first in rank order, says how many
# it leaves out and where they are; the CSV keeps every one.
source "$(dirname "$0")/lib/common.bash"

python3 "$ASSAY_SOURCE_DIR/scripts/gen-applications" --seed 11 --count 3000 \
    >"$work/apps.jsonl"
run_assay run "$work/apps.jsonl" -o "$work/decisions.jsonl" \
    --summary "$work/summary.json" --report "$work/report.html" \
    --csv "$work/report.csv"
expect_status 0
page="$work/report.html"
expect_eq "CSV rows" "$(wc -l <"$work/report.csv")" 3001
expect_eq "ranking rows" "$(grep -o '<tr class="d' "$page" | wc -l)" 375
expect_eq "application sections" "$(grep -o '<details id=a' "$page" | wc -l)" 375
expect_eq "what is left out" \
    "$(grep -o '<p class="note" id="not-shown">[^<]*' "$page")" \
    '<p class="note" id="not-shown">375 of 3000 applications are shown in full: every seat, the first 50 of the waitlist, 3 on either side of each cut-off, the first 25 held for each reason and the first 250 in rank order. The other 2625 (480 review, 2145 reject) are in the CSV and XLSX files, with their scores; '
# The review queue: every reason with its count (627 in all), 25 or all of
# them shown each.
expect_eq "held by reason" \
    "$(grep -o '<h4><code>[^<]*</code> ([0-9]*)</h4>' "$page" | tr -d '\n')" \
    "<h4><code>ai.edge_claim</code> (189)</h4><h4><code>ad.level_evidence</code> (27)</h4><h4><code>conn.v2x_readiness</code> (63)</h4><h4><code>ad.hd_map</code> (110)</h4><h4><code>traction.revenue</code> (216)</h4><h4><code>funding.profile_completeness</code> (1)</h4><h4><code>cyber.ota_signing</code> (19)</h4>"
expect_eq "held, more than shown" \
    "$(grep -o '<p class="note">[0-9]* shown; the other [0-9]* are in the CSV' "$page" | head -2 | tr -d '\n')" \
    '<p class="note">25 shown; the other 164 are in the CSV<p class="note">25 shown; the other 2 are in the CSV'
size=$(wc -c <"$page")
[ "$size" -lt 1500000 ] || fail "a page of $size bytes for 3,000 applications (under 1.5 MB expected)"
echo "report of 3000 applications: $size bytes, 375 shown in full"
