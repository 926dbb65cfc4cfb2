# Input from stdin, as "-" and with no file, gives what a file gives.
source "$(dirname "$0")/lib/common.bash"

input="$examples/applications.jsonl"
run_assay run "${compiled_plugins[@]}" "$input"
expect_status 0
cp "$out_file" "$work/from_file"

status=0
"$ASSAY_BIN" run "${compiled_plugins[@]}" - <"$input" >"$out_file" 2>"$err_file" || status=$?
expect_status 0
cmp -s "$out_file" "$work/from_file" || fail "run - differs from run FILE"

status=0
"$ASSAY_BIN" run "${compiled_plugins[@]}" <"$input" >"$out_file" 2>"$err_file" || status=$?
expect_status 0
cmp -s "$out_file" "$work/from_file" || fail "run without FILE differs from run FILE"

# A pipe, not a regular file.
status=0
cat "$input" | "$ASSAY_BIN" run "${compiled_plugins[@]}" >"$out_file" 2>"$err_file" || status=$?
expect_status 0
cmp -s "$out_file" "$work/from_file" || fail "run from a pipe differs from run FILE"

# -o FILE writes the same records to the file and nothing to stdout.
run_assay run "${compiled_plugins[@]}" -o "$work/decisions.jsonl" "$input"
expect_status 0
expect_eq "stdout with -o" "$(cat "$out_file")" ""
cmp -s "$work/decisions.jsonl" "$work/from_file" || fail "-o FILE differs from stdout"
echo "ok $test_name"
