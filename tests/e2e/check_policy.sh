#!/usr/bin/env bash
# assay check --policy accepts the shipped policy and reports a broken one
# at its file:line with exit status 2.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
policy="$ASSAY_SOURCE_DIR/policy/default.lua"

out=$("$ASSAY_BIN" check --policy "$policy")
[ "$out" = "$policy: ok: strategy weighted_mean, 3 tiers (financial_incubation 20, office 30, training 100), waitlist 20" ] || { echo "got: $out"; exit 1; }

printf 'strategy "weighted_mean"\n\ntier { name = "office", min_score = 0.6,\n  capacity = 30.5, requires = "office" }\n' >"$tmp/bad.lua"
set +e
err=$("$ASSAY_BIN" check --policy "$tmp/bad.lua" 2>&1)
rc=$?
set -e
[ "$rc" -eq 2 ] || { echo "exit $rc"; exit 1; }
[ "$err" = "assay: $tmp/bad.lua:3: tier office: capacity must be a whole number >= 0, got 30.5" ] || { echo "got: $err"; exit 1; }

# A run with a broken policy evaluates nothing.
set +e
"$ASSAY_BIN" run --policy "$tmp/bad.lua" "$ASSAY_SOURCE_DIR/examples/applications.jsonl" >"$tmp/out" 2>/dev/null
rc=$?
set -e
[ "$rc" -eq 2 ] && [ ! -s "$tmp/out" ] || { echo "run with bad policy: exit $rc"; exit 1; }
echo "check_policy: ok"
