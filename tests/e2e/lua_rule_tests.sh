#!/usr/bin/env bash
# `assay test`: the shipped rules pass and every Lua rule has a test; a
# test made to fail prints file:line, expected and actual, a closing count,
# and exits 1; --coverage lists the rules no test names.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$ASSAY_BIN" test --coverage > "$tmp/shipped"
tail -2 "$tmp/shipped" | head -1 | grep -qx "coverage: 0 Lua rules without a test" \
  || { echo "shipped rules lack tests:"; cat "$tmp/shipped"; exit 1; }
tail -1 "$tmp/shipped" | grep -qE "^[0-9]+ passed, 0 failed$" \
  || { echo "shipped rule tests failed:"; cat "$tmp/shipped"; exit 1; }

dir="$ASSAY_SOURCE_DIR/tests/rules/failing"
status=0
"$ASSAY_BIN" test --coverage "$dir" > "$tmp/out" || status=$?
[ "$status" -eq 1 ] || { echo "exit status $status, expected 1"; cat "$tmp/out"; exit 1; }
cat > "$tmp/want" <<TXT
$dir/speed_test.lua:6: speed.latency (made to fail): expected score 0.5, got 0.8889 ("20 ms")
$dir/speed_test.lua:12: speed.latency: expected a reason matching "fast", got "20 ms"
not covered: speed.untested ($dir/speed.lua:21)
coverage: 1 Lua rule without a test
1 passed, 2 failed
TXT
diff -u "$tmp/want" "$tmp/out"

# A single test file runs with the rules of its directory.
status=0
"$ASSAY_BIN" test "$dir/speed_test.lua" | tail -1 > "$tmp/one" || status=$?
echo "1 passed, 2 failed" | diff -u - "$tmp/one"
echo "lua_rule_tests: ok"
