#!/usr/bin/env bash
# The core knows no hub vocabulary: none of the shipped domains, requests
# or tiers is named in core/ or include/ (code, messages or comments). The
# hub lives in plugins/, policy/ and examples/. "docs/office.md" is the
# programme office's guide, not the office request, so it is left out of
# the search. The list is read from the shipped configuration itself, so a
# domain or request added there is covered without editing this test.
set -euo pipefail
fail() { echo "FAIL core_vocabulary: $*" >&2; exit 1; }
src="$ASSAY_SOURCE_DIR"

# Every domain the shipped plugins declare and every request and tier the
# shipped policy names.
words=$("$ASSAY_BIN" plugins --json | python3 -c '
import json, sys
for d in json.load(sys.stdin)["domains"]:
    print(d["name"])
    print(d["name"].replace("_", " "))')
words+=$'\n'$(sed -n 's/.*name = "\([a-z_]*\)".*/\1/p; s/.*requires = "\([a-z_]*\)".*/\1/p' "$src/policy/default.lua")
words+=$'\n'$(grep -o 'requires = {[^}]*}' "$src/policy/default.lua" | grep -o '"[a-z_]*"' | tr -d '"')
# The domains the policy weighs, scored by a plugin or not (cloud).
words+=$'\n'$(sed -n '/^weights {/,/}/p' "$src/policy/default.lua" | grep -o '[a-z_]* = [0-9]' | cut -d' ' -f1)
words=$(printf '%s\n' "$words" | sort -u | grep -v '^$')
n=$(printf '%s\n' "$words" | wc -l)
[ "$n" -ge 12 ] || fail "read only $n hub words: $words"
# Here-strings, not pipes: grep -q stops at its first match, and under
# pipefail the printf it left writing could die of SIGPIPE and fail the
# check (seen once in CI with the word in the list).
grep -qx cybersecurity <<<"$words" || fail "no cybersecurity in: $words"
grep -qx consulting <<<"$words" || fail "no consulting in: $words"

found=$(cd "$src" && grep -rniwF -f <(printf '%s\n' "$words") core include |
  sed 's#docs/office\.md##g' | grep -iwF -f <(printf '%s\n' "$words") || true)
[ -z "$found" ] || fail "hub names in the core:
$found"
echo "core_vocabulary: ok, none of $n hub names in core/ or include/"
