# A plugin's log lines go to stderr, named by plugin and record line; the
# output is unaffected.
source "$(dirname "$0")/lib/common.bash"

printf '%s\n' '{"id":"A","good":{"score":0.8}}' \
    '{"id":"B","good":{"score":0.6,"log":"calibration table is stale"}}' \
    >"$work/in.jsonl"
run_assay run -j 1 --no-default-plugins --plugin "$ASSAY_TEST_PLUGIN_DIR/good.so" "$work/in.jsonl"
expect_status 0
expect_eq "stderr" "$(cat "$err_file")" \
    "assay: good: line 2: warning: calibration table is stale"
expect_eq "records" "$(output_lines)" 2
expect_eq "score of B" "$(json_field 2 score)" '0.6'
echo "ok $test_name"
