# A record whose id an earlier record of the run has is an error record
# naming the line of the first, which is kept: never two applicants of one
# name. The same for every -j, since the writer checks in input order.
source "$(dirname "$0")/lib/common.bash"

dup_message()
{
    echo "line $1: duplicate id \\\"$2\\\", first seen on line $3; give each application its own id (the first record is kept)"
}

cat >"$work/in.jsonl" <<'JSONL'
{"id":"A","connectivity":{"certified":true}}
{"id":"B","connectivity":{"certified":false}}
{"id":"A","connectivity":{"certified":false}}

{"id":"C","connectivity":{"certified":true}}
{"id":"A","name":"A again, other content"}
JSONL
run_assay score "${compiled_plugins[@]}" -j 1 "$work/in.jsonl"
expect_status 1
expect_eq "records" "$(output_lines)" 5
expect_eq "line 1 kept" "$(json_field 1 id)" '"A"'
expect_eq "line 1 status" "$(json_field 1 status)" '"ok"'
expect_eq "line 3" "$(sed -n 3p "$out_file")" \
    "{\"line\":3,\"part\":0,\"status\":\"error\",\"error\":\"$(dup_message 3 A 1)\"}"
expect_eq "line 6" "$(sed -n 5p "$out_file")" \
    "{\"line\":6,\"part\":0,\"status\":\"error\",\"error\":\"$(dup_message 6 A 1)\"}"
cp "$out_file" "$work/j1"
for j in 2 4; do
    run_assay score "${compiled_plugins[@]}" -j "$j" "$work/in.jsonl"
    expect_status 1
    cmp -s "$out_file" "$work/j1" || fail "score -j $j differs from -j 1"
done

# run decides the first and reports the others as error records.
run_assay run "${compiled_plugins[@]}" "$work/in.jsonl"
expect_status 1
expect_eq "run line 3" "$(sed -n 3p "$out_file")" \
    "{\"line\":3,\"status\":\"error\",\"error\":\"$(dup_message 3 A 1)\"}"
expect_eq "run ids" "$(grep -c '^{"id":"A"' "$out_file")" 1

# 500 records of one id, across batches and workers: one applicant, one
# seat at most; every copy after the first is an error record.
for i in $(seq 500); do
    echo '{"id":"SAME","domains":["connectivity"],"requests":["funding"],"connectivity":{"certified":true,"tech":["5G"],"latency_ms":5}}'
done >"$work/same.jsonl"
for j in 1 2 4; do
    run_assay run "${compiled_plugins[@]}" -j "$j" "$work/same.jsonl"
    expect_status 1
    expect_eq "-j $j records" "$(output_lines)" 500
    expect_eq "-j $j ok records" "$(grep -c '"status":"ok"' "$out_file")" 1
    expect_eq "-j $j last" "$(sed -n 500p "$out_file")" \
        "{\"line\":500,\"status\":\"error\",\"error\":\"$(dup_message 500 SAME 1)\"}"
    [ "$j" = 1 ] && cp "$out_file" "$work/same_j1"
    cmp -s "$out_file" "$work/same_j1" || fail "run -j $j differs from -j 1"
done

# Ids are compared as the output writes them: "\u0041" is "A". An error
# record has no claim on its id (line 2 is scored), and a later copy that
# is an error already keeps its own message.
cat >"$work/kinds.jsonl" <<'JSONL'
{"id":"X","a":1} trailing
{"id":"X"}
{"id":"X"} trailing
{"id":"A"}
{"id":"\u0041"}
{"id":"q\"uote"}
{"id":"q\"uote"}
JSONL
run_assay score "${compiled_plugins[@]}" "$work/kinds.jsonl"
expect_status 1
expect_eq "error record first" "$(json_field 1 error)" \
    '"line 1: unexpected text after the JSON object at column 18; put one record on each line"'
expect_eq "an error record has no claim on its id" "$(json_field 2 status)" '"ok"' 
expect_eq "error copy keeps its error" "$(json_field 3 error)" \
    '"line 3: unexpected text after the JSON object at column 12; put one record on each line"'
expect_eq "escaped the same" "$(json_field 5 error)" "\"$(dup_message 5 A 4)\""
expect_eq "quote in id" "$(json_field 7 error)" \
    '"line 7: duplicate id \"q\\\"uote\", first seen on line 6; give each application its own id (the first record is kept)"'

# A shard numbers its lines from --first-line; --max-errors counts a
# duplicate as an error record.
run_assay score "${compiled_plugins[@]}" --first-line 101 --part 3 "$work/in.jsonl"
expect_status 1
expect_eq "shard line" "$(sed -n 3p "$out_file")" \
    "{\"line\":103,\"part\":3,\"status\":\"error\",\"error\":\"$(dup_message 103 A 101)\"}"
run_assay score "${compiled_plugins[@]}" --max-errors 0 "$work/in.jsonl"
expect_status 1
expect_eq "stopped at the duplicate" "$(output_lines)" 3
grep -q "stopped after line 3" "$err_file" || fail "no stop message"
echo "ok $test_name"
