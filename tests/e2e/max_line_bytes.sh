# A line longer than --max-line-bytes becomes an error record without being
# held in memory; the lines around it are evaluated; exit status 1.
source "$(dirname "$0")/lib/common.bash"

short='{"id":"S","connectivity":{"certified":true}}'   # 46 bytes
other='{"id":"T","connectivity":{"certified":true}}'   # 46 bytes
long="{\"id\":\"L\",\"description\":\"$(printf 'x%.0s' $(seq 1 100))\"}"
printf '%s\n%s\n%s\n' "$short" "$long" "$other" >"$work/in.jsonl"
run_assay run "${compiled_plugins[@]}" --max-line-bytes 100 "$work/in.jsonl"
expect_status 1
expect_eq "records" "$(output_lines)" 3
expect_eq "line 2" "$(sed -n 2p "$out_file")" \
    '{"line":2,"status":"error","error":"line 2: longer than 100 bytes; split the record or raise --max-line-bytes"}'
expect_eq "line 1" "$(json_field 1 status)/$(json_field 1 line)" '"ok"/1'
expect_eq "line 3" "$(json_field 3 status)/$(json_field 3 line)" '"ok"/3'

# A line of exactly the limit is accepted.
run_assay run "${compiled_plugins[@]}" --max-line-bytes 46 "$work/in.jsonl"
expect_eq "at the limit" "$(json_field 1 status)" '"ok"'

# A line far longer than the reader's chunks: skipped to its end, and the
# next line keeps its number.
big="{\"id\":\"B\",\"description\":\"$(head -c 300000 /dev/zero | tr '\0' y)\"}"
printf '%s\n%s\n' "$big" "$short" >"$work/big.jsonl"
run_assay run "${compiled_plugins[@]}" --max-line-bytes 70000 "$work/big.jsonl"
expect_status 1
expect_eq "big line" "$(sed -n 1p "$out_file")" \
    '{"line":1,"status":"error","error":"line 1: longer than 70000 bytes; split the record or raise --max-line-bytes"}'
expect_eq "after the big line" "$(json_field 2 id)/$(json_field 2 line)" '"S"/2'

# The default (1 MiB) takes the 300 kB line.
run_assay run "${compiled_plugins[@]}" "$work/big.jsonl"
expect_status 0

run_assay run --max-line-bytes 0 "$work/in.jsonl"
expect_status 2
expect_eq "zero limit" "$(cat "$err_file")" "assay: --max-line-bytes must be at least 1"
echo "ok $test_name"
