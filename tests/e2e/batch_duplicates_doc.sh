# docs/batch.md's duplicate-id example, run as written: the second record
# of an id is an error record naming the first line, exit 1, and the guide
# quotes the record exactly.
source "$(dirname "$0")/lib/common.bash"

doc="$ASSAY_SOURCE_DIR/docs/batch.md"
doc_block "$doc" duplicates/score.sh >"$work/score.sh"
doc_block "$doc" duplicates/line3.jsonl >"$work/expected.jsonl"
[ -s "$work/score.sh" ] && [ -s "$work/expected.jsonl" ] ||
    fail "docs/batch.md has no duplicate-id example"
cd "$work"
PATH="$(dirname "$ASSAY_BIN"):$PATH" bash score.sh >"$out_file" 2>"$err_file"
expect_eq "printed" "$(cat "$out_file")" "exit 1"
grep -qx 'prints `exit 1`, and line 3 of `scored.jsonl` is' "$doc" ||
    fail "docs/batch.md does not say what the example prints"
expect_eq "lines" "$(wc -l <scored.jsonl | tr -d ' ')" 3
expect_eq "line 1" "$(cut -c1-27 scored.jsonl | head -1)" '{"id":"D-1","line":1,"part"'
expect_eq "line 3" "$(sed -n 3p scored.jsonl)" "$(cat expected.jsonl)"
echo "ok $test_name"
