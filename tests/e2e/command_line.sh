# --help, --version, and usage errors: exit 2 with one line on what to do.
source "$(dirname "$0")/lib/common.bash"

run_assay --help
expect_status 0
expect_eq "help" "$(head -1 "$out_file")" "usage: assay COMMAND [OPTIONS] [ARGS]"
grep -q '^  run        evaluate JSON Lines records and decide$' "$out_file" \
    || fail "--help does not list run"

run_assay run --help
expect_status 0
expect_eq "run help" "$(head -1 "$out_file")" "usage: assay run [OPTIONS] [FILE|-]"
grep -q -- '--max-line-bytes N' "$out_file" || fail "run --help lacks --max-line-bytes"

run_assay --version
expect_status 0
expect_eq "version" "$(cat "$out_file")" "assay 0.1.0 (plugin ABI 2)"

run_assay
expect_status 2
expect_eq "no command" "$(head -1 "$err_file")" "usage: assay COMMAND [OPTIONS] [ARGS]"

usage_error()
{
    local want="$1"
    shift
    run_assay "$@"
    expect_status 2
    expect_eq "stderr of assay $*" "$(cat "$err_file")" "$want"
    expect_eq "stdout of assay $*" "$(wc -c <"$out_file")" 0
}
usage_error 'assay: unknown command "frob"; run `assay --help` for the list' frob
usage_error 'assay: unknown option --bogus; see `assay run --help`' run --bogus
usage_error 'assay: unknown option -x; see `assay run --help`' run -x
usage_error 'assay: option -o needs a value; see `assay run --help`' run -o
usage_error 'assay: run takes one input file, got 2; concatenate them or use stdin' run a b
usage_error "assay: cannot open input $work/none.jsonl: No such file or directory" run "$work/none.jsonl"
usage_error 'assay: --max-line-bytes expects a whole number, got "-5"' run --max-line-bytes -5
usage_error "assay: $work/none.lua: cannot open: No such file or directory" run --policy "$work/none.lua" "$examples/applications.jsonl"
usage_error 'assay: unknown option --accept; see `assay run --help`' run --accept 0.3
usage_error "assay: cannot create output $work/no/dir/out.jsonl: No such file or directory" run -o "$work/no/dir/out.jsonl" "$examples/applications.jsonl"

# The policy moves decisions: the same record gets the tier at a minimum
# score it reaches, and is rejected at one it does not.
printf '%s\n' '{"id":"T","requests":["training"],"connectivity":{"certified":false}}' >"$work/one.jsonl"
for min in 0.1 0.9; do
    printf 'tier { name = "all", min_score = %s, capacity = 1, requires = "training" }\n' "$min" >"$work/p$min.lua"
done
run_assay run "${compiled_plugins[@]}" --policy "$work/p0.1.lua" "$work/one.jsonl"
expect_status 0
expect_eq "score" "$(json_field 1 score)" '0.3'
expect_eq "decision at min_score 0.1" "$(json_field 1 decision)" '"all"'
run_assay run "${compiled_plugins[@]}" --policy "$work/p0.9.lua" "$work/one.jsonl"
expect_eq "decision at min_score 0.9" "$(json_field 1 decision)" '"reject"'
expect_eq "why not at min_score 0.9" "$(json_field 1 why_not)" '[{"tier":"all","reason":"score 0.3 is 0.6 below the minimum 0.9"}]'
echo "ok $test_name"
