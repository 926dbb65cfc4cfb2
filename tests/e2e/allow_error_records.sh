#!/usr/bin/env bash
# --allow-error-records: run, score and decide exit 0 instead of 1 when they
# wrote every record and some were error records (what a batch scheduler
# needs to count the job done), with the same bytes written and the errors
# still counted; a run stopped by --max-errors still exits 1.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# status CMD...: runs assay CMD..., stdout to $tmp/out, and prints its exit.
status()
{
  local rc=0
  "$ASSAY_BIN" "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
  echo "$rc"
}

python3 "$ASSAY_SOURCE_DIR/scripts/gen-applications" --seed 5 --count 40 \
  --errors-every 10 >"$tmp/broken.jsonl"
clean="$ASSAY_SOURCE_DIR/examples/applications.jsonl"

[ "$(status score -q "$tmp/broken.jsonl")" = 1 ] || fail "score with error records: not 1"
mv "$tmp/out" "$tmp/scored.strict"
[ "$(status score -q --allow-error-records "$tmp/broken.jsonl")" = 0 ] ||
  fail "score --allow-error-records with error records: not 0"
cmp "$tmp/scored.strict" "$tmp/out" || fail "score --allow-error-records wrote other records"
[ "$(grep -c '"status":"error"' "$tmp/out")" = 4 ] || fail "expected 4 error records"

[ "$(status decide -q "$tmp/scored.strict")" = 1 ] || fail "decide with error records: not 1"
mv "$tmp/out" "$tmp/decided.strict"
[ "$(status decide -q --allow-error-records --summary "$tmp/summary.json" "$tmp/scored.strict")" = 0 ] ||
  fail "decide --allow-error-records with error records: not 0"
cmp "$tmp/decided.strict" "$tmp/out" || fail "decide --allow-error-records wrote other decisions"
grep -q '^{"records":40,"error_records":4,' "$tmp/summary.json" ||
  fail "summary does not count the error records: $(head -c 100 "$tmp/summary.json")"

[ "$(status run -q "$tmp/broken.jsonl")" = 1 ] || fail "run with error records: not 1"
[ "$(status run -q --allow-error-records "$tmp/broken.jsonl")" = 0 ] ||
  fail "run --allow-error-records with error records: not 0"
cmp "$tmp/decided.strict" "$tmp/out" || fail "run --allow-error-records differs from decide"

# Stopped early is not finished: exit 1 with or without the option.
[ "$(status run -q --allow-error-records --max-errors 1 "$tmp/broken.jsonl")" = 1 ] ||
  fail "run stopped by --max-errors: not 1"
[ "$(status score -q --allow-error-records --max-errors 1 "$tmp/broken.jsonl")" = 1 ] ||
  fail "score stopped by --max-errors: not 1"
[ "$(wc -l <"$tmp/out")" = 20 ] || fail "score stopped by --max-errors 1: expected 20 records"

# A clean input exits 0 either way.
[ "$(status run -q --allow-error-records "$clean")" = 0 ] || fail "clean run --allow-error-records: not 0"
echo "allow_error_records: ok"
