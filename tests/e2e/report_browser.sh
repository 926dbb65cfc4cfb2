# The HTML report rendered in headless Chromium (tests/browser/check_report.mjs):
# no console errors, one row per application, the histogram bars the
# decisions call for, sorting and filtering with and without JavaScript,
# phone width, print width. Screenshots land in build/test-artefacts/.
# This one renders a run's files written by hand to the shared contract;
# report_sample.sh renders the sample data's.
source "$(dirname "$0")/lib/common.bash"
source "$(dirname "$0")/lib/browser.bash"
require_browser

fixture="$ASSAY_SOURCE_DIR/tests/fixtures/report"
run_assay report "$fixture/decisions.jsonl" --summary "$fixture/summary.json" \
    --manifest "$fixture/manifest.json" --input "$fixture/applications.jsonl" \
    --html "$work/fixture.html"
expect_status 0
# The cohort's quartiles of each domain, once in the page's style (ai's
# scores 0.5667, 0.8667, 0.9333 give 0.7167, 0.8667, 0.9), each bar titled with them.
expect_eq "quartiles of the first domain" \
    "$(grep -o '#ranked td:nth-child(7) .q{[^}]*}' "$work/fixture.html")" \
    '#ranked td:nth-child(7) .q{--l:71.67%;--m:86.67%;--h:90.00%}'
expect_eq "first bar's title" \
    "$(grep -o '<span class=q [^>]*>' "$work/fixture.html" | head -1)" \
    '<span class=q role=img title="0.9333; cohort quartiles 0.7167, 0.8667, 0.9" style=--v:93.33%>'
browser_check check_report.mjs "$work/fixture.html" "$fixture/decisions.jsonl" \
    "$artefacts" report-fixture rows=12 bins=9 errors=2 borderline=16 ties=0
