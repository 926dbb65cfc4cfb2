# An id given to several records: the first in (part, line) order is
# decided, each later one is an error record naming the first's line
# (docs/batch.md, "One id, one applicant"); the guide's example runs as
# written and prints what the guide says.
source "$(dirname "$0")/lib/common.bash"

doc="$ASSAY_SOURCE_DIR/docs/batch.md"
# expect_prefix WHAT TEXT PREFIX: TEXT starts with PREFIX.
expect_prefix()
{
    expect_eq "$1" "${2:0:${#3}}" "$3"
}
cd "$work"
doc_block "$doc" decide/duplicates.sh >duplicates.sh
doc_block "$doc" decide/duplicates-line3.jsonl >expected.jsonl
[ -s duplicates.sh ] && [ -s expected.jsonl ] || fail "docs/batch.md has no duplicate-id example"
PATH="$(dirname "$ASSAY_BIN"):$PATH" bash duplicates.sh >printed 2>&1
expect_eq "printed" "$(cat printed)" "exit 1"
grep -qx 'prints `exit 1`, and line 3 of `decisions.jsonl` is' "$doc" ||
    fail "docs/batch.md does not say what the example prints"
expect_eq "lines" "$(wc -l <decisions.jsonl | tr -d ' ')" 3
expect_eq "line 3" "$(sed -n 3p decisions.jsonl)" "$(cat expected.jsonl)"
expect_prefix "line 1" "$(head -n 1 decisions.jsonl)" \
    '{"id":"D-1","line":1,"status":"ok","rank":1,"decision":"revie'

# 500 records with one id that would each get a funding seat: one seat,
# 499 error records, whichever line the first is on.
for i in $(seq 500); do
    echo '{"id":"SAME","requests":["funding"],"funding":{"stage":"seed"}}'
done >same.jsonl
run_assay run -q --summary summary.json same.jsonl
expect_status 1
expect_eq "records" "$(output_lines)" 500
expect_eq "seated" "$(grep -c '"decision":"financial_incubation"' "$out_file")" 1
expect_eq "error records" "$(grep -c '"status":"error"' "$out_file")" 499
expect_eq "line 500" "$(sed -n 500p "$out_file")" \
    '{"line":500,"status":"error","error":"line 500: duplicate id \"SAME\", first seen on line 1; give each application its own id (the first record is kept)"}'
expect_prefix "summary" "$(cat summary.json)" \
    '{"records":500,"error_records":499,"counts":{"financial_incubation":1,"office":0,"training":0,"waitlist":0,'

# Shards in any order, on parts of their own: the first by (part, line)
# is decided, and the message names its part.
printf '%s\n' '{"id":"D-1","requests":["training"]}' \
  '{"id":"D-2","requests":["training"]}' >a.jsonl
printf '%s\n' '{"id":"D-1","requests":["funding"]}' >b.jsonl
run_assay score -q --part 1 a.jsonl
mv "$out_file" a.scored
run_assay score -q b.jsonl
mv "$out_file" b.scored
run_assay decide -q a.scored b.scored
expect_status 1
expect_prefix "first by key" "$(head -n 1 "$out_file")" \
    '{"id":"D-1","line":1,"status":"ok","rank'
expect_eq "part 1 line 1" "$(sed -n 2p "$out_file")" \
    '{"line":1,"status":"error","error":"line 1: duplicate id \"D-1\", first seen on part 0 line 1; give each application its own id (the first record is kept)"}'
run_assay decide -q --allow-error-records b.scored a.scored
expect_status 0

# A score error record holds no claim on its id.
printf '%s\n' '{"id":"E-1","x":' '{"id":"E-1"}' >errors.jsonl
run_assay run -q errors.jsonl
expect_status 1
expect_prefix "error first" "$(head -n 1 "$out_file")" '{"line":1,"status":"error","error":"l'
expect_prefix "decided second" "$(sed -n 2p "$out_file")" \
    '{"id":"E-1","line":2,"status":"ok","rank'
echo "ok $test_name"
