#!/usr/bin/env bash
# Hostile files for the loader, the memory caps and the policy (issue 11,
# tests/rules/hostile/{load,memory,cap,helper,lists,policy}): each is refused or
# contained with its exact message, nothing hangs (every command runs under
# a timeout), and every input line still gets its output line.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$ASSAY_SOURCE_DIR/tests/rules/hostile"
fail() { echo "FAIL: $*" >&2; exit 1; }
# Runs assay under a timeout: a hang is a failure, not a stuck test.
assay() { timeout -k 5 60 "$ASSAY_BIN" "$@"; }
findings() {
  python3 - "$1" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    for f in r["findings"]:
        print(r["id"], f["rule"], "|", f.get("error") or f["reason"])
PY
}
# expect_check FILE STATUS [OPTIONS]: `assay check` of one file; its output
# must be the lines on stdin.
expect_check() {
  local file=$1 want_status=$2 status=0
  shift 2
  assay check --policy "$ASSAY_SOURCE_DIR/policy/default.lua" --no-default-plugins --rules "$file" "$@" \
    > "$tmp/out" 2>&1 || status=$?
  [ "$status" -eq "$want_status" ] || { cat "$tmp/out"; fail "$file: exit $status"; }
  cat > "$tmp/want"
  diff -u "$tmp/want" "$tmp/out" || fail "$file: check output differs"
}
budget="instruction budget of 1000000 exceeded"
iterator="a file-level value holds an iterator made while the file loaded (pairs or string.gmatch outside a score function); it would carry its position from one record to the next, so results would depend on record order and -j: make it inside the score function"

# Class 1 and 2: declarations are read raw, without __tostring, __index or
# __len of the file's values; a NUL in an id is refused.
expect_check load/declarations.lua 2 <<'TXT'
load/declarations.lua:2: rule "decl.weight": weight table is not a positive number; give it a weight above 0, e.g. weight = 1.0
load/declarations.lua:4: rule "decl.key" has an unknown field "table"; a rule has id, domain, weight, description, inputs and score
load/declarations.lua:7: rule "decl.index": inputs must be a table of the record fields the rule reads and their types, e.g. inputs = { ["team.size"] = "number" }; leave it out if the rule declares none
load/declarations.lua:10: rule: id holds a NUL byte, which would cut it short; remove it
4 problems found
TXT
# Class 2: the budget holds at load time too.
expect_check load/pattern.lua 2 <<TXT
load/pattern.lua:3: $budget in string pattern matching (too much work for one call)
1 problem found
TXT
# Class 5: an iterator made at load would carry state between records.
for f in gmatch pairs; do
  expect_check "load/$f.lua" 2 <<TXT
load/$f.lua: $iterator
1 problem found
TXT
done
# Class 9: a memory-cap error at load names the file.
expect_check load/memory.lua 2 --lua-memory 1000000 <<'TXT'
load/memory.lua: Lua memory cap of 1000000 bytes exceeded (a huge string or an ever-growing table?)
1 problem found
TXT

# Class 7: a FIFO named x.lua, a link to /dev/zero, an 80 MB file and a
# link out of the directory used by require: each refused with its
# message, at once, by check and by a run.
mkdir -p "$tmp/rules" "$tmp/elsewhere"
mkfifo "$tmp/rules/x.lua"
ln -s /dev/zero "$tmp/rules/zero.lua"
truncate -s 80000000 "$tmp/rules/big.lua"
echo 'return { secret = 42 }' > "$tmp/elsewhere/outside.lua"
ln -s ../elsewhere/outside.lua "$tmp/rules/escape.lua"
cat > "$tmp/rules/needs.lua" <<'LUA'
plugin { name = "needs", version = "1.0.0", domain = "ai", description = "requires a link out" }
local t = require("escape")
rule { id = "needs.x", weight = 1, description = "x", score = function(app) return 1, "x" end }
LUA
r=$tmp/rules
cat > "$tmp/want" <<TXT
$r/big.lua: 80000000 bytes; a rule, helper or policy file may have at most 4194304
$r/needs.lua:2: require("escape"): $r/escape.lua leads outside rules (a symbolic link?); helper files must be in the rule directory itself
$r/x.lua: not a regular file; a rule, helper or policy file must be a plain text file
$r/zero.lua: not a regular file; a rule, helper or policy file must be a plain text file
TXT
status=0
assay check --policy "$ASSAY_SOURCE_DIR/policy/default.lua" --no-default-plugins --rules "$r" > "$tmp/out" 2>&1 || status=$?
[ "$status" -eq 2 ] || fail "check of the hostile directory: exit $status"
{ cat "$tmp/want"; echo "4 problems found"; } | diff -u - "$tmp/out" || fail "check of the hostile directory"
printf '%s\n' '{"id":"A"}' > "$tmp/one.jsonl"
status=0
assay score --no-default-plugins --rules "$r" "$tmp/one.jsonl" > "$tmp/out" 2> "$tmp/err" || status=$?
[ "$status" -eq 2 ] && [ ! -s "$tmp/out" ] || fail "score of the hostile directory: exit $status"
sed 's/^/assay: /' "$tmp/want" | diff -u - "$tmp/err" || fail "score of the hostile directory: stderr"

# Class 6: each file has its own memory cap. hog.lua keeps 3 MB from load
# on; honest.lua needs 3 MB (6 MB while string.rep builds it) in each
# call: under one cap of 8 MB for both it failed, with one each it runs.
printf '%s\n' '{"id":"A"}' '{"id":"B"}' '{"id":"C"}' > "$tmp/three.jsonl"
assay score -j 2 --lua-memory 8000000 --no-default-plugins --rules memory "$tmp/three.jsonl" > "$tmp/out"
findings "$tmp/out" > "$tmp/got"
for id in A B C; do
  echo "$id hog.size | keeps 3000000"
  echo "$id honest.text | built 3000000"
done | diff -u - "$tmp/got" || fail "per-file memory caps"

# Class 1: record proxies made when the state is at its memory cap. The
# rule grows its list first (1 MB), then keeps a proxy of each of 60,000
# list items, so the allocation that meets the 3 MB cap is a proxy's,
# inside the host's __index: an error finding for that record, not an
# abort; the next record scores, the same for -j 1 and -j 2.
python3 -c '
import json
print(json.dumps({"id": "H", "hog": True, "items": [{"n": i} for i in range(60000)]}))
print(json.dumps({"id": "N", "items": [{"n": 1}]}))' > "$tmp/cap.jsonl"
for j in 1 2; do
  assay score -j $j --lua-memory 3000000 --lua-instructions 100000000 \
    --no-default-plugins --rules cap/proxy.lua "$tmp/cap.jsonl" > "$tmp/out"
  findings "$tmp/out" > "$tmp/got"
  printf '%s\n' "H cap.proxies | cap/proxy.lua:8: rule failed: Lua memory cap of 3000000 bytes exceeded (a huge string or an ever-growing table?); raise --lua-memory if the rules really need more" \
    "N cap.proxies | no hog" | diff -u - "$tmp/got" || fail "proxies at the memory cap, -j $j"
done

# Class 9: a helper that fails to load fails every record the same way; it
# is not taken for a loop the second time.
assay score --no-default-plugins --rules helper/user.lua "$tmp/three.jsonl" > "$tmp/out"
findings "$tmp/out" > "$tmp/got"
for id in A B C; do
  echo "$id user.x | helper/user.lua:2: rule failed: require(\"broken\"): helper/broken.lua:3: unexpected symbol near '='"
done | diff -u - "$tmp/got" || fail "a failed helper"

# Class 9: record lists are read in constant time a step, in any order: a
# 50,000-item list read from its end, by a fresh app.items each step, stays
# far inside the budget (it walked the list for every item before).
python3 -c 'import json; print(json.dumps({"id": "L", "items": list(range(1, 50001))}))' > "$tmp/list.jsonl"
assay score --no-default-plugins --rules lists "$tmp/list.jsonl" > "$tmp/out"
findings "$tmp/out" > "$tmp/got"
printf '%s\n' "L lists.backwards | sum 1250025000" "L lists.contains | hits 2" |
  diff -u - "$tmp/got" || fail "record lists"

# Class 8: the policy loader. A benefits __index that answers a string,
# then nil, is read once; a __len of 2^40 stops at the budget; a
# declaration from the strategy function, a file-level counter, a global
# write and a returned table with a looping __tostring fail each record
# with their message, and every application still gets its decision.
p=policy
expect_policy() { # FILE STATUS, the check's first line on stdin
  local status=0
  assay check --no-default-plugins --rules "$ASSAY_SOURCE_DIR/tests/rules/hostile/memory/honest.lua" \
    --policy "$1" > "$tmp/out" 2>&1 || status=$?
  [ "$status" -eq "$2" ] || { cat "$tmp/out"; fail "$1: exit $status"; }
  cat > "$tmp/want"
  head -n 1 "$tmp/out" | diff -u "$tmp/want" - || fail "$1: check output differs"
}
expect_policy $p/flip.lua 0 <<< "$p/flip.lua: ok: strategy weighted_mean, 1 tiers (office 3), waitlist 0"
expect_policy $p/len.lua 2 <<< "$p/len.lua:2: tier office: benefit 2 is not a string"
expect_policy $p/lenreq.lua 2 <<< "$p/lenreq.lua:2: $budget (an endless loop?)"
apps=$ASSAY_SOURCE_DIR/examples/applications.jsonl
count=$(wc -l < "$apps")
for case in \
  "late|$p/late.lua:1: policy declarations can be made only while the policy file loads, not from the strategy function" \
  "count|$p/count.lua: the strategy function changed the file-level variable 'n' (put back); it may not keep anything from one application to the next: make it a local inside the function" \
  "global|$p/global.lua:1: assignment to global 'seen' while the strategy function runs: the policy's globals are read-only once it has loaded, so no application's score depends on another's; use a local variable" \
  "tostr|$p/tostr.lua: the strategy function returned table; it must return a number in [0, 1] or nil"; do
  name=${case%%|*}
  assay run -j 2 --policy "$p/$name.lua" "$apps" > "$tmp/out" 2> /dev/null || true
  [ "$(wc -l < "$tmp/out")" -eq "$count" ] || fail "$name: not one decision an application"
  python3 - "$tmp/out" "the policy's strategy function failed: ${case#*|}" <<'PY' || fail "$name"
import json, sys
want = sys.argv[2]
errors = [json.loads(line).get("error") for line in open(sys.argv[1])]
# Applications the strategy function is not called for are decided.
assert errors.count(want) >= 50, errors
assert set(errors) <= {want, None}, set(errors)
PY
done
echo "lua_hostile_files: ok"
