# docs/batch.md's fault example, run as written: a plugin that loops on
# one record costs that record (an error record naming the plugin, the
# limit and the line), exit 1, and the guide quotes the record exactly.
source "$(dirname "$0")/lib/common.bash"

doc="$ASSAY_SOURCE_DIR/docs/batch.md"
doc_block "$doc" faults/timeout.sh >"$work/timeout.sh"
doc_block "$doc" faults/timeout-line2.jsonl >"$work/expected.jsonl"
[ -s "$work/timeout.sh" ] && [ -s "$work/expected.jsonl" ] ||
    fail "docs/batch.md has no fault example"
cd "$work"
PATH="$(dirname "$ASSAY_BIN"):$PATH" PLUGIN="$ASSAY_TEST_PLUGIN_DIR/fault_hang.so" \
    bash timeout.sh >"$out_file" 2>"$err_file"
expect_eq "printed" "$(cat "$out_file")" "exit 1"
grep -qx 'prints `exit 1` after about two seconds (the record, then its retry), and' "$doc" ||
    fail "docs/batch.md does not say what the example prints"
expect_eq "lines" "$(wc -l <scored.jsonl | tr -d ' ')" 3
expect_eq "line 2" "$(sed -n 2p scored.jsonl)" "$(cat expected.jsonl)"
echo "ok $test_name"
