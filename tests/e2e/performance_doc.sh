#!/usr/bin/env bash
# The examples of docs/performance.md: the error records and the stop
# message it quotes, and scripts/bench itself on a few hundred records
# (which also checks that the plain Lua and Python scripts still compute
# the shipped rules' scores) and its weight analyses on a cohort of 200.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
doc="$ASSAY_SOURCE_DIR/docs/performance.md"
quoted() { grep -qF -- "$1" "$doc" || fail "docs/performance.md no longer quotes: $1"; }

printf '{"id":"A-1"}\n{"id":"A-2"}\n{"id":"NUL-1","name":"a\0b"}\n' >"$tmp/nul.jsonl"
set +e
"$ASSAY_BIN" run -q "$tmp/nul.jsonl" >"$tmp/nul.out"
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "NUL line: exit $rc"
msg='line 3: NUL byte at column 24; JSON text cannot hold one, remove it'
grep -qF "\"error\":\"$msg\"" "$tmp/nul.out" || fail "NUL line: $(cat "$tmp/nul.out")"
quoted "$msg"

printf '{"id":"A-1"}\n{"id":"A-2","name":"%s"}\n' "$(head -c 100 /dev/zero | tr '\0' x)" >"$tmp/long.jsonl"
set +e
"$ASSAY_BIN" run -q --max-line-bytes 100 "$tmp/long.jsonl" >"$tmp/long.out"
set -e
msg='line 2: longer than 100 bytes; split the record or raise --max-line-bytes'
grep -qF "\"error\":\"$msg\"" "$tmp/long.out" || fail "long line: $(cat "$tmp/long.out")"
quoted "line 2: longer than 100 bytes; split the record or raise"

cd "$tmp"
python3 "$ASSAY_SOURCE_DIR/scripts/gen-applications" --seed 3 --count 100 \
  --errors-every 10 >in.jsonl
set +e
"$ASSAY_BIN" run -q --max-errors 2 in.jsonl >/dev/null 2>stop.err
set -e
msg='assay: in.jsonl: stopped after line 30: 3 error records, more than --max-errors 2'
[ "$(cat stop.err)" = "$msg" ] || fail "stop: $(cat stop.err)"
quoted "$msg"

ASSAY_BUILD_DIR="$ASSAY_BUILD_DIR" "$ASSAY_SOURCE_DIR/scripts/bench" \
  --count 300 --small 100 --reps 1 --check 300 --callgrind 0 --data "$tmp/bench" \
  --cohort 200 --samples 300 \
  --json "$tmp/bench.json" >bench.out 2>bench.err ||
  fail "scripts/bench: $(cat bench.err)"
grep -q 'lua gives assay.s scores on 300 records' bench.err || fail "no Lua check: $(cat bench.err)"
grep -q 'python gives assay.s scores on 300 records' bench.err || fail "no Python check"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["records"] == 300 and len(d["targets"]) == 7; assert [w["records"] for w in d["weights"]] == [200] * 3' "$tmp/bench.json" ||
  fail "bench JSON"
quoted "scripts/bench --count 200000 --reps 5"
echo "performance_doc: ok"
