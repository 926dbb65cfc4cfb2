# Wrong-typed fields fail the rules that read them (error findings); the
# record is still evaluated on what is usable, and is not an error record.
source "$(dirname "$0")/lib/common.bash"

cat >"$work/in.jsonl" <<'JSONL'
{"id":"W-1","domains":["connectivity","ai"],"connectivity":{"tech":"5G","latency_ms":"fast","certified":true},"ai":{"edge_deploy":"yes","data_hours":1000,"benchmarks":{"mAP":71,"latency_ms":33}}}
JSONL
run_assay run "${compiled_plugins[@]}" "$work/in.jsonl"
expect_status 0
# The plugin guide's error table says so too (it once said 1).
grep -qF 'exit status 0 (an error finding is not an error record' \
  "$(dirname "$0")/../../docs/plugins.md" ||
  { echo "FAIL $test_name: docs/plugins.md no longer says a fail() finding exits 0" >&2; exit 1; }
expect_eq "status" "$(json_field 1 status)" '"ok"'
expect_eq "findings" "$(json_field 1 findings)" \
'[{"rule":"ai.benchmark_quality","plugin":"ai","domain":"ai","error":"ai.benchmarks.mAP is 71; give it as a fraction from 0 to 1 (71% is 0.71)"},'\
'{"rule":"ai.inference_latency","plugin":"ai","domain":"ai","score":1,"weight":1.5,"reason":"33 ms per inference keeps up with a 30 fps camera (33 ms a frame)"},'\
'{"rule":"ai.edge_deployment","plugin":"ai","domain":"ai","error":"ai.edge_deploy must be true or false; fix the record'"'"'s field"},'\
'{"rule":"ai.training_data","plugin":"ai","domain":"ai","score":0.6001,"weight":1,"reason":"1000 hours of training data (100000 for full marks)"},'\
'{"rule":"conn.v2x_readiness","plugin":"connectivity","domain":"connectivity","error":"connectivity.tech must be an array of strings, e.g. [\"5G\", \"C-V2X\"]; fix the record'"'"'s field"},'\
'{"rule":"conn.latency","plugin":"connectivity","domain":"connectivity","error":"connectivity.latency_ms must be a number; fix the record'"'"'s field"},'\
'{"rule":"conn.certification","plugin":"connectivity","domain":"connectivity","score":1,"weight":1,"reason":"V2X equipment certified (connectivity.certified is true)"}]'
# ai: (1.5*1 + 1*0.6001) / 2.5; connectivity: 1; overall their mean.
expect_eq "domains" "$(json_field 1 domains)" '{"ai":0.84,"connectivity":1}'
expect_eq "score" "$(json_field 1 score)" '0.92'
# It requested nothing the default policy's tiers offer.
expect_eq "decision" "$(json_field 1 decision)" '"reject"'
echo "ok $test_name"
