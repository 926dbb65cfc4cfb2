# scripts/demo: a quiet build of the command and the shipped plugins only
# (its own build tree here), then the tally of every action, best first.
source "$(dirname "$0")/lib/common.bash"
status=0
ASSAY_BUILD_DIR="$work/build" ASSAY_DEMO_OUT="$work/out" \
    bash "$ASSAY_SOURCE_DIR/scripts/demo" >"$out_file" 2>"$err_file" || status=$?
expect_status 0
expect_eq "demo's output" "$(cat "$out_file")" "demo: 72 decisions in $work/out/decisions.jsonl (assay exit status 0):
  financial_incubation     9
  office                  13
  training                21
  waitlist                 0
  review                  17
  reject                  12
demo: the committee report is $work/out/report.html (and $work/out/report.csv)"
expect_eq "demo's stderr" "$(cat "$err_file")" ""
expect_eq "unit tests built" "$(find "$work/build" -name 'test_*' -type f -perm -u+x | wc -l)" 0
[ ! -e "$work/build/assay_cjson_floor" ] || fail "the demo built the benchmark"
echo "ok $test_name"
