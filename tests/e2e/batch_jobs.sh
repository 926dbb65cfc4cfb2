#!/usr/bin/env bash
# Output is byte-identical for -j 1, 2 and 8: on the sample applications, and
# on a generated set with malformed lines, a NUL byte, an over-long line, a
# CRLF line and a last line without newline sprinkled in.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

for j in 1 2 8; do
  "$ASSAY_BIN" run -j "$j" "$ASSAY_SOURCE_DIR/examples/applications.jsonl" \
    >"$tmp/sample.$j" 2>"$tmp/sample.err.$j" || fail "sample -j $j exited $?"
done
[ "$(wc -l <"$tmp/sample.1")" -eq 72 ] || fail "sample: expected 72 records"
cmp "$tmp/sample.1" "$tmp/sample.2" || fail "sample: -j 2 differs from -j 1"
cmp "$tmp/sample.1" "$tmp/sample.8" || fail "sample: -j 8 differs from -j 1"
[ ! -s "$tmp/sample.err.1" ] || fail "sample: unexpected stderr"

# 3000 generated records, every 37th broken (81 error records), then five
# more lines: a NUL byte inside a string, 2000 bytes over --max-line-bytes
# 1500, a CRLF record, a blank line (no output) and a record without "\n".
python3 "$ASSAY_SOURCE_DIR/scripts/gen-applications" --seed 5 --count 3000 \
  --errors-every 37 >"$tmp/gen.jsonl"
{
  printf '{"id":"NUL-1","name":"a\0b"}\n'
  printf '{"id":"LONG-1","name":"%s"}\n' "$(head -c 2000 /dev/zero | tr '\0' x)"
  printf '{"id":"CRLF-1"}\r\n'
  printf '   \n'
  printf '{"id":"LAST-1"}'
} >>"$tmp/gen.jsonl"
for j in 1 2 8; do
  set +e
  "$ASSAY_BIN" run -j "$j" --max-line-bytes 1500 "$tmp/gen.jsonl" \
    >"$tmp/gen.$j" 2>"$tmp/gen.err.$j"
  rc=$?
  set -e
  [ "$rc" -eq 1 ] || fail "generated -j $j: exit $rc, expected 1"
done
cmp "$tmp/gen.1" "$tmp/gen.2" || fail "generated: -j 2 differs from -j 1"
cmp "$tmp/gen.1" "$tmp/gen.8" || fail "generated: -j 8 differs from -j 1"
[ "$(wc -l <"$tmp/gen.1")" -eq 3004 ] || fail "generated: expected 3004 records"
[ "$(grep -c '"status":"error"' "$tmp/gen.1")" -eq 83 ] ||
  fail "generated: expected 83 error records"
sed -n 3001p "$tmp/gen.1" | grep -qxF '{"line":3001,"status":"error","error":"line 3001: NUL byte at column 24; JSON text cannot hold one, remove it"}' ||
  fail "NUL line: $(sed -n 3001p "$tmp/gen.1")"
sed -n 3002p "$tmp/gen.1" | grep -qxF '{"line":3002,"status":"error","error":"line 3002: longer than 1500 bytes; split the record or raise --max-line-bytes"}' ||
  fail "long line: $(sed -n 3002p "$tmp/gen.1")"
sed -n 3003p "$tmp/gen.1" | grep -q '^{"id":"CRLF-1","line":3003,"status":"ok"' ||
  fail "CRLF line: $(sed -n 3003p "$tmp/gen.1")"
sed -n 3004p "$tmp/gen.1" | grep -q '^{"id":"LAST-1","line":3005,"status":"ok"' ||
  fail "last line: $(sed -n 3004p "$tmp/gen.1")"
echo "batch_jobs: ok"
