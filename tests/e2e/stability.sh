# assay stability on a case computed exactly: two applicants, two domains,
# one seat. A scores (0.9, 0.2), B (0.3, 0.8); with weights (w, 1 - w) A
# takes the seat exactly when w > 1/2, so uniform weights give each an
# acceptability of 1/2 for the seat and A's central weights (3/4, 1/4);
# bounding w to [0.2, 1] gives A 0.625; ordering b >= a gives A 0.
source "$(dirname "$0")/lib/common.bash"
cat > "$work/p.lua" <<'LUA'
weights { a = 1, b = 1 }
tier { name = "grant", min_score = 0, capacity = 1, requires = "funding",
       benefits = { "funding" } }
LUA
cat > "$work/s.jsonl" <<'JSONL'
{"id":"A","line":1,"part":0,"status":"ok","domains":{"a":0.9,"b":0.2},"claimed":["a","b"],"requests":["funding"],"findings":[],"vetoes":[],"flags":[]}
{"id":"B","line":2,"part":0,"status":"ok","domains":{"a":0.3,"b":0.8},"claimed":["a","b"],"requests":["funding"],"findings":[],"vetoes":[],"flags":[]}
JSONL
within() { python3 -c "import sys; sys.exit(0 if abs($1 - $2) <= $3 else 1)" || fail "$4: $1 is not within $3 of $2"; }
run_assay stability --policy "$work/p.lua" -j 1 "$work/s.jsonl"
expect_status 1 # both decisions are below the default threshold 0.9
cp "$out_file" "$work/j1"
within "$(json_field 1 acceptability.grant)" 0.5 0.01 "A's seat"
within "$(json_field 2 acceptability.grant)" 0.5 0.01 "B's seat"
within "$(json_field 1 central_weights.a)" 0.75 0.01 "A's central weight"
expect_eq "decision" "$(json_field 1 decision)" '"grant"'
expect_eq "summary" "$(json_field 3 summary.samples),$(json_field 3 summary.seed),$(json_field 3 summary.error),$(json_field 3 summary.flagged)" "9604,1,0.01,2"
sha="$(sha256sum "$work/s.jsonl" | cut -d' ' -f1)"
expect_eq "manifest" "$(json_field 3 summary.weights),$(json_field 3 summary.scored)" "[{\"domain\":\"a\",\"policy\":1,\"lower\":0,\"upper\":1,\"fixed\":false},{\"domain\":\"b\",\"policy\":1,\"lower\":0,\"upper\":1,\"fixed\":false}],[{\"path\":\"$work/s.jsonl\",\"sha256\":\"$sha\"}]"
expect_eq "policy hashed" "$(json_field 3 summary.policy.sha256)" "\"$(sha256sum "$work/p.lua" | cut -d' ' -f1)\""
expect_eq "stderr" "$(cat "$err_file")" "assay: stability: 9604 samples (seed 1; each acceptability within 0.0100 at 95%): 2 of 2 decisions below confidence 0.9"
# The same seed: the same bytes for any -j; another seed: other draws.
run_assay stability --policy "$work/p.lua" -j 2 "$work/s.jsonl"
expect_eq "same bytes at -j 2" "$(cmp "$work/j1" "$out_file" && echo same)" "same"
run_assay stability --policy "$work/p.lua" --seed 2 "$work/s.jsonl"
expect_eq "another seed" "$(cmp -s "$work/j1" "$out_file" || echo differs)" "differs"
run_assay stability --policy "$work/p.lua" --bound a=0.2:1 "$work/s.jsonl"
within "$(json_field 1 acceptability.grant)" 0.625 0.01 "bounded"
run_assay stability --policy "$work/p.lua" --order 'b>=a' --samples 2000 "$work/s.jsonl"
# Only where w is within rounding of 1/2 do the scores tie (as printed, to
# 4 decimals), and the tie goes to A by id: a sliver, not 0.
within "$(json_field 1 acceptability.grant)" 0 0.001 "ordered"
expect_eq "ordered samples" "$(json_field 3 summary.samples)" "2000"
run_assay stability --policy "$work/p.lua" --threshold 0.4 -o "$work/t.jsonl" "$work/s.jsonl"
expect_status 0
expect_eq "written to -o" "$(wc -l < "$work/t.jsonl" | tr -d ' ')" "3"
# Usage errors.
run_assay stability --policy "$work/p.lua" --bound c=0:1 "$work/s.jsonl"
expect_status 2
expect_eq "unknown domain" "$(cat "$err_file")" 'assay: --bound: "c" is not a weighted domain of the policy; use one of a, b'
run_assay stability --policy "$work/p.lua" --bound a=0.9:1 --bound b=0.9:1 "$work/s.jsonl"
expect_status 2
run_assay stability --policy "$work/p.lua"
expect_status 2
# The shipped sample: every applicant once, then the summary.
"$ASSAY_BIN" score -q "$examples/applications.jsonl" -o "$work/sample.jsonl"
run_assay stability --samples 500 "$work/sample.jsonl"
expect_eq "sample lines" "$(wc -l < "$out_file" | tr -d ' ')" "73"
echo "ok $test_name"
