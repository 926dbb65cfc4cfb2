# assay run --report and --csv on the sample data (examples/applications.jsonl):
# the decisions are those of a plain run, the CSV is that of assay report
# over the run's files, names come from the input (a file or stdin), and
# the page passes the browser checks of report_browser.sh.
source "$(dirname "$0")/lib/common.bash"
source "$(dirname "$0")/lib/browser.bash"

apps="$examples/applications.jsonl"
run_assay run "$apps" -o "$work/plain.jsonl"
expect_status 0
run_assay run "$apps" -o "$work/decisions.jsonl" --summary "$work/summary.json" \
    --report "$work/sample.html" --csv "$work/sample.csv"
expect_status 0
expect_eq "stderr" "$(cat "$err_file")" ""
cmp "$work/plain.jsonl" "$work/decisions.jsonl" || fail "--report changed the decisions"
expect_eq "CSV rows" "$(wc -l <"$work/sample.csv")" 73
run_assay report "$work/decisions.jsonl" --summary "$work/summary.json" \
    --input "$apps" --csv "$work/files.csv"
cmp "$work/sample.csv" "$work/files.csv" || fail "run --csv differs from report --csv over the run's files"
expect_eq "tier minimum scores from the policy" \
    "$(grep -o '<line class="min c[0-9]"' "$work/sample.html" | wc -l)" 3
expect_eq "manifest in the page" "$(grep -c '<dt>Policy<dd>' "$work/sample.html")" 1

# Input on stdin, decisions on stdout: the names still come.
run_assay run --report "$work/stdin.html" <"$apps"
expect_status 0
cmp "$out_file" "$work/plain.jsonl" || fail "decisions on stdout differ"
expect_eq "names from stdin" \
    "$(grep -o '<td><a href=#a6>APP-2026-001</a><td>[^<]*' "$work/stdin.html")" \
    "<td><a href=#a6>APP-2026-001</a><td>Lumenway Perception"
expect_eq "names say stdin" "$(grep -c '<dt>Names<dd>from <code>stdin</code>' "$work/stdin.html")" 1

run_assay run "$apps" --report "$work/no/such/dir.html"
expect_status 2
expect_eq "unwritable report" "$(cat "$err_file")" \
    "assay: cannot create $work/no/such/dir.html: No such file or directory"

require_browser
browser_check check_report.mjs "$work/sample.html" "$work/decisions.jsonl" \
    "$artefacts" report-sample rows=72 errors=0 pages=14 borderline=0 fits=1100
