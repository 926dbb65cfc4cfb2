#!/usr/bin/env bash
# --max-errors N stops after the (N+1)th error record: every record up to it
# written and flushed, nothing after, the reason on stderr, exit 1, and the
# same output for every -j.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

python3 "$ASSAY_SOURCE_DIR/scripts/gen-applications" --seed 3 --count 5000 \
  --errors-every 10 >"$tmp/in.jsonl"
for j in 1 2 8; do
  set +e
  "$ASSAY_BIN" run -j "$j" --max-errors 2 -o "$tmp/out.$j" "$tmp/in.jsonl" \
    2>"$tmp/err.$j"
  rc=$?
  set -e
  [ "$rc" -eq 1 ] || fail "-j $j: exit $rc, expected 1"
  [ "$(wc -l <"$tmp/out.$j")" -eq 30 ] || fail "-j $j: expected 30 records"
  tail -n 1 "$tmp/out.$j" | grep -q '^{.*"line":30,"status":"error"' ||
    fail "-j $j: last record is not the error record of line 30"
  [ "$(cat "$tmp/err.$j")" = "assay: $tmp/in.jsonl: stopped after line 30: 3 error records, more than --max-errors 2" ] ||
    fail "-j $j: stderr was: $(cat "$tmp/err.$j")"
done
cmp "$tmp/out.1" "$tmp/out.2" || fail "-j 2 differs from -j 1"
cmp "$tmp/out.1" "$tmp/out.8" || fail "-j 8 differs from -j 1"
head -n 30 "$tmp/in.jsonl" | "$ASSAY_BIN" run -j 1 >"$tmp/first30" 2>/dev/null || true
cmp "$tmp/out.1" "$tmp/first30" || fail "stopped output is not the first 30 records"

# Stdout is flushed on the stop too.
set +e
"$ASSAY_BIN" run -j 2 --max-errors 0 "$tmp/in.jsonl" >"$tmp/stdout" 2>/dev/null
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "--max-errors 0: exit $rc"
[ "$(wc -l <"$tmp/stdout")" -eq 10 ] || fail "--max-errors 0: expected 10 records"
echo "batch_max_errors: ok"
