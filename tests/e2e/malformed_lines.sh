# Malformed lines become error records with their line numbers; the records
# around them are evaluated as if alone; the exit status is 1.
# examples/MALFORMED.md maps every line of the file.
source "$(dirname "$0")/lib/common.bash"

input="$examples/malformed.jsonl"
run_assay run "${compiled_plugins[@]}" "$input"
expect_status 1
expect_valid_json_lines
# 11 lines, line 9 blank: 10 records.
expect_eq "records" "$(output_lines)" 10
expect_eq "error records" "$(grep -c '"status":"error"' "$out_file")" 7
expect_eq "line numbers" \
    "$(grep -o '"line":[0-9]*' "$out_file" | cut -d: -f2 | tr '\n' ' ')" \
    "1 2 3 4 5 6 7 8 10 11 "

expect_eq "error records, exactly" "$(grep '"status":"error"' "$out_file")" \
'{"line":2,"status":"error","error":"line 2: malformed JSON near column 58; each line must be one complete JSON object"}
{"line":4,"status":"error","error":"line 4: a record must be a JSON object, found an array"}
{"line":5,"status":"error","error":"line 5: a record must be a JSON object, found a string"}
{"line":6,"status":"error","error":"line 6: record has no \"id\"; add a unique string id"}
{"line":7,"status":"error","error":"line 7: \"id\" must be a non-empty string"}
{"id":"BAD-005","line":8,"status":"error","error":"line 8: unexpected text after the JSON object at column 75; put one record on each line"}
{"line":10,"status":"error","error":"line 10: record nested deeper than 64 levels; flatten it"}'

# Neighbours are unaffected: each ok record is scored as the line alone is
# (but for its line number). Decisions rank records against each other, so
# it is the scored record (assay score) that stands alone.
cp "$out_file" "$work/all"
run_assay score "${compiled_plugins[@]}" "$input"
cp "$out_file" "$work/all.scored"
for n in 1 3 11; do
    sed -n "${n}p" "$input" >"$work/alone.jsonl"
    run_assay score "${compiled_plugins[@]}" "$work/alone.jsonl"
    expect_status 0
    alone="$(sed "s/^\(.*\)\"line\":1,/\1\"line\":$n,/" "$out_file")"
    expect_eq "record of line $n" "$(grep "\"line\":$n," "$work/all.scored")" "$alone"
done
expect_eq "OK-001 decision" "$(json_field 1 decision "$work/all")" '"financial_incubation"'
expect_eq "OK-003 name survives" "$(grep -c '"id":"OK-003"' "$work/all")" 1
echo "ok $test_name"
