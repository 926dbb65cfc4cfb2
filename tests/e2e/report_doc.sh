# docs/report.md: its command runs as shown, its CSV rows are the ones
# written, its screenshot is there.
source "$(dirname "$0")/lib/common.bash"

doc="$ASSAY_SOURCE_DIR/docs/report.md"

doc_block "$doc" report-commands >"$work/commands.sh"
[ -s "$work/commands.sh" ] || fail "no commands in $doc"
ln -s "$ASSAY_SOURCE_DIR/tests" "$work/tests"
ln -s "$ASSAY_SOURCE_DIR/examples" "$work/examples"
(cd "$work" && assay() { "$ASSAY_BIN" "$@"; } && source ./commands.sh) \
    >"$out_file" 2>"$err_file" || fail "the commands of $doc failed"
expect_eq "stderr" "$(cat "$err_file")" ""
[ -s "$work/report.html" ] || fail "the commands wrote no report.html"
doc_block "$doc" report-csv >"$work/expected.csv"
expect_eq "CSV rows in the doc" \
    "$(head -n 3 "$work/report.csv" | sed '1s/^\xEF\xBB\xBF//' | tr -d '\r')" \
    "$(cat "$work/expected.csv")"
grep -q '^!\[[^]]*\](img/report.png)$' "$doc" || fail "no screenshot in $doc"
[ -s "$ASSAY_SOURCE_DIR/docs/img/report.png" ] || fail "docs/img/report.png is missing"

# The run command of the doc, with the shipped plugins and policy.
doc_block "$doc" report-run >"$work/run.sh"
[ -s "$work/run.sh" ] || fail "no run command in $doc"
(cd "$work" && assay() { "$ASSAY_BIN" "$@"; } && source ./run.sh) \
    >"$out_file" 2>"$err_file" || fail "the run command of $doc failed"
expect_eq "stderr of the run" "$(cat "$err_file")" ""
[ -s "$work/out/report.html" ] && [ -s "$work/out/report.csv" ] ||
    fail "the run command wrote no report"
