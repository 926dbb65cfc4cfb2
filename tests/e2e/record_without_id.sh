# A record without an id (or with an unusable one) is an error record that
# names its line; records around it are evaluated.
source "$(dirname "$0")/lib/common.bash"

cat >"$work/in.jsonl" <<'JSONL'
{"id":"A","connectivity":{"certified":true}}
{"name":"No Id Robotics","connectivity":{"certified":true}}
{"id":"","name":"Empty Id"}
{"id":null,"name":"Null Id"}
{"id":"B","connectivity":{"certified":false}}
JSONL
run_assay run "${compiled_plugins[@]}" "$work/in.jsonl"
expect_status 1
expect_eq "records" "$(output_lines)" 5
expect_eq "line 2" "$(sed -n 2p "$out_file")" \
    '{"line":2,"status":"error","error":"line 2: record has no \"id\"; add a unique string id"}'
expect_eq "line 3" "$(sed -n 3p "$out_file")" \
    '{"line":3,"status":"error","error":"line 3: \"id\" must be a non-empty string"}'
expect_eq "line 4" "$(sed -n 4p "$out_file")" \
    '{"line":4,"status":"error","error":"line 4: record has no \"id\"; add a unique string id"}'
expect_eq "line 1 id" "$(json_field 1 id)" '"A"'
expect_eq "line 1 score" "$(json_field 1 score)" '1'
expect_eq "line 5 id" "$(json_field 5 id)" '"B"'
expect_eq "line 5 score" "$(json_field 5 score)" '0.3'
echo "ok $test_name"
