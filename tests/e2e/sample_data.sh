# The bundled sample applications, out of the box and with exact decisions.
source "$(dirname "$0")/lib/common.bash"

# Out of the box: the shipped plugins, one ok record per application.
run_assay run "$examples/applications.jsonl"
expect_status 0
expect_eq "records" "$(output_lines)" 72
expect_eq "ok records" "$(grep -c '"status":"ok"' "$out_file")" 72
expect_eq "error records" "$(grep -c '"status":"error"' "$out_file" || true)" 0
expect_valid_json_lines
expect_eq "line numbers in input order" \
    "$(grep -o '"line":[0-9]*' "$out_file" | cut -d: -f2 | tr '\n' ' ')" \
    "$(seq 1 72 | tr '\n' ' ')"
expect_eq "ids in input order" \
    "$(grep -o '^{"id":"[^"]*"' "$out_file" | cut -d'"' -f4)" \
    "$(python3 -c 'import json,sys
for l in open(sys.argv[1]): print(json.loads(l)["id"])' "$examples/applications.jsonl")"
expect_eq "stderr" "$(cat "$err_file")" ""

# The compiled plugins and the shipped default policy: exact decisions.
run_assay run "${compiled_plugins[@]}" "$examples/applications.jsonl"
expect_status 0
expect_eq "decision counts" \
    "$(grep -o '"decision":"[a-z_]*"' "$out_file" | sort | uniq -c | tr -s ' ')" \
    " 10 \"decision\":\"financial_incubation\"
 9 \"decision\":\"office\"
 10 \"decision\":\"reject\"
 27 \"decision\":\"review\"
 16 \"decision\":\"training\""

n=$(line_of_id APP-2026-002)
expect_eq "APP-2026-002 decision" "$(json_field "$n" decision)" '"training"'
expect_eq "APP-2026-002 rank" "$(json_field "$n" rank)" '3'
expect_eq "APP-2026-002 why" "$(json_field "$n" why)" '"Ranked 3 of 72 with score 0.9489: given training, seat 3 of 100."'
expect_eq "APP-2026-002 score" "$(json_field "$n" score)" '0.9489'
expect_eq "APP-2026-002 domains" "$(json_field "$n" domains)" '{"connectivity":0.9489}'

n=$(line_of_id APP-2026-004)
expect_eq "APP-2026-004 decision (vetoed)" "$(json_field "$n" decision)" '"reject"'
expect_eq "APP-2026-004 veto" "$(json_field "$n" vetoes)" \
    '[{"rule":"ad.safety_case","plugin":"autonomous_driving","reason":"SAE level 4 claimed without any safety case (ISO 26262, ISO 21448 or UL 4600)"}]'

n=$(line_of_id APP-2026-046)
expect_eq "APP-2026-046 decision (flagged)" "$(json_field "$n" decision)" '"review"'
expect_eq "APP-2026-046 score" "$(json_field "$n" score)" '0.8158'
expect_eq "APP-2026-046 flag" "$(json_field "$n" flags)" \
    '[{"rule":"ai.benchmark_quality","plugin":"ai","reason":"mAP 0.90 from only 300 hours of training data: check the benchmark for test-set overlap or overfitting"}]'

n=$(line_of_id APP-2026-015)
expect_eq "APP-2026-015 status (wrong type is a finding)" "$(json_field "$n" status)" '"ok"'
expect_eq "APP-2026-015 error finding" "$(json_field "$n" findings.0)" \
    '{"rule":"conn.v2x_readiness","plugin":"connectivity","domain":"connectivity","error":"connectivity.tech must be an array of strings, e.g. [\"5G\", \"C-V2X\"]; fix the record'"'"'s field"}'
expect_eq "APP-2026-015 decision" "$(json_field "$n" decision)" '"reject"'
expect_eq "APP-2026-015 why" "$(json_field "$n" why)" '"Ranked 46 of 72 with score 0.2743: below the minimum score of every tier it requested."'

n=$(line_of_id APP-2026-005)
expect_eq "APP-2026-005 (cloud only) score" "$(json_field "$n" score)" 'null'
expect_eq "APP-2026-005 decision" "$(json_field "$n" decision)" '"review"'
expect_eq "APP-2026-005 rank (unscored rank last)" "$(json_field "$n" rank)" '50'
echo "ok $test_name"
