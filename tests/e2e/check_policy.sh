#!/usr/bin/env bash
# assay check validates the policy beside the plugins and rules: the
# shipped policy by default, or --policy FILE; a broken one is reported at
# its file:line with exit status 2, and stops a run before any record.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
policy="$ASSAY_SOURCE_DIR/policy/default.lua"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$ASSAY_BIN" check --policy "$policy" >"$tmp/out"
grep -qxF "$policy: ok: strategy weighted_mean, 3 tiers (financial_incubation 20, office 30, training 100), waitlist 20" "$tmp/out" ||
  fail "got: $(cat "$tmp/out")"
"$ASSAY_BIN" check >"$tmp/out"
grep -q "/policy/default.lua: ok: strategy weighted_mean" "$tmp/out" ||
  fail "the shipped policy is not checked: $(cat "$tmp/out")"

printf 'strategy "weighted_mean"\n\ntier { name = "office", min_score = 0.6,\n  capacity = 30.5, requires = "office" }\n' >"$tmp/bad.lua"
set +e
"$ASSAY_BIN" check --policy "$tmp/bad.lua" >"$tmp/out" 2>&1
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "exit $rc"
printf '%s\n' "$tmp/bad.lua:3: tier office: capacity must be a whole number >= 0, got 30.5" "1 problem found" >"$tmp/want"
diff -u "$tmp/want" "$tmp/out" || fail "check output differs"

# A run with a broken policy evaluates nothing.
set +e
"$ASSAY_BIN" run --policy "$tmp/bad.lua" "$ASSAY_SOURCE_DIR/examples/applications.jsonl" >"$tmp/out" 2>"$tmp/err"
rc=$?
set -e
[ "$rc" -eq 2 ] && [ ! -s "$tmp/out" ] || fail "run with bad policy: exit $rc"
[ "$(cat "$tmp/err")" = "assay: $tmp/bad.lua:3: tier office: capacity must be a whole number >= 0, got 30.5" ] ||
  fail "run stderr: $(cat "$tmp/err")"
echo "check_policy: ok"
