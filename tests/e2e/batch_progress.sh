#!/usr/bin/env bash
# The progress line appears on stderr only when it is a terminal, and not
# with --quiet.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
in="$ASSAY_SOURCE_DIR/examples/applications.jsonl"

"$ASSAY_BIN" run -j 2 "$in" >"$tmp/out" 2>"$tmp/err" || fail "exit $?"
[ ! -s "$tmp/err" ] || fail "progress written to a non-terminal: $(cat "$tmp/err")"

command -v script >/dev/null || { echo "batch_progress: no script(1), terminal case skipped"; exit 0; }
# script(1) gives the command a terminal; stdout goes to a file.
script -qec "\"$ASSAY_BIN\" run -j 2 -o \"$tmp/out\" \"$in\"" /dev/null >"$tmp/tty" </dev/null ||
  fail "run on a terminal exited $?"
grep -aq 'assay: 72 records, [0-9]*/s, 0 errors, 0:0[0-9] elapsed, 0:00 left (100%)' "$tmp/tty" ||
  fail "no final progress line on a terminal: $(cat -v "$tmp/tty")"
script -qec "\"$ASSAY_BIN\" run -j 2 --quiet -o \"$tmp/out\" \"$in\"" /dev/null >"$tmp/tty" </dev/null ||
  fail "run --quiet exited $?"
[ ! -s "$tmp/tty" ] || fail "progress despite --quiet: $(cat -v "$tmp/tty")"
echo "batch_progress: ok"
