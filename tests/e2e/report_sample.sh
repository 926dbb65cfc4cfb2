# The report of the sample data (examples/applications.jsonl) as assay
# decides it, rendered in headless Chromium like report_browser.sh.
source "$(dirname "$0")/lib/common.bash"
source "$(dirname "$0")/lib/browser.bash"
require_browser

run_assay run "$examples/applications.jsonl" -o "$work/decisions.jsonl"
expect_status 0
run_assay report "$work/decisions.jsonl" --input "$examples/applications.jsonl" \
    --html "$work/sample.html"
expect_status 0
browser_check check_report.mjs "$work/sample.html" "$work/decisions.jsonl" \
    "$artefacts" report-sample rows=72 errors=0
