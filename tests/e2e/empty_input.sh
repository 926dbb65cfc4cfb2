# Empty input, or input of blank lines only, gives no output and exit 0.
source "$(dirname "$0")/lib/common.bash"

: >"$work/empty.jsonl"
run_assay run "$work/empty.jsonl"
expect_status 0
expect_eq "output of an empty file" "$(wc -c <"$out_file")" 0
expect_eq "stderr" "$(cat "$err_file")" ""

status=0
"$ASSAY_BIN" run - </dev/null >"$out_file" 2>"$err_file" || status=$?
expect_status 0
expect_eq "output of empty stdin" "$(wc -c <"$out_file")" 0

printf '\n  \n\t\r\n\n' >"$work/blank.jsonl"
run_assay run "$work/blank.jsonl"
expect_status 0
expect_eq "output of blank lines" "$(wc -c <"$out_file")" 0
echo "ok $test_name"
