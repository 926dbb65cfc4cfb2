#!/usr/bin/env bash
# Hostile rule files (tests/rules/hostile/run) cannot crash, hang or forge:
# every input line gets its output line, each broken rule costs its own
# error finding, no veto or flag of a failed call (or of a finalizer) is
# filed, and the output is byte-identical for -j 1, -j 2 and a second -j 2
# run, with the shipped rules loaded beside them.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$ASSAY_SOURCE_DIR/tests/rules/hostile"
printf '%s\n' '{"id":"A"}' '{"id":"B"}' > "$tmp/two.jsonl"

status=0
"$ASSAY_BIN" score -j 1 --no-default-plugins --rules run "$tmp/two.jsonl" > "$tmp/two.out" 2> "$tmp/err" || status=$?
[ "$status" -eq 0 ] || { echo "exit status $status, expected 0"; cat "$tmp/err"; exit 1; }
[ "$(wc -l < "$tmp/two.out")" -eq 2 ] || { echo "expected 2 output lines"; exit 1; }
python3 - "$tmp/two.out" > "$tmp/got" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    for f in r["findings"]:
        print(r["id"], f["rule"], "|", f.get("error") or f["reason"])
    for kind in ("vetoes", "flags"):
        for m in r[kind]:
            print(r["id"], kind, m["rule"], "|", m["reason"])
PY
budget="instruction budget of 1000000 exceeded"
raise="; raise --lua-instructions if the rule really needs more"
readonly_table="of a read-only table: a rule file's tables are read-only once it has loaded, so no record can change what another sees; build a new table in a local variable"
readonly_global="while rules run: globals are read-only once the file has loaded, so every worker computes the same; use a local variable"
no_gc="setmetatable: __gc finalizers are not available in rules (they would run outside the rule's limits); drop the __gc field"
not_score="where a score was expected; return a number in [0, 1] and a reason, or nil when the rule does not apply"
chunk_name="(messages would name \"plugins/ai/ai.c\" as if it were a file); give a plain name, shown as [string \"plugins/ai/ai.c\"]"
for id in A B; do cat <<TXT
$id chunk.at | run/chunk.lua:4: rule failed: run/chunk.lua:4: load: a chunk name may not start with '@' $chunk_name
$id chunk.eq | run/chunk.lua:5: rule failed: run/chunk.lua:5: load: a chunk name may not start with '=' $chunk_name
$id chunk.plain | run/chunk.lua:6: rule failed: [string "plugins/ai/ai.c"]:2: plain
$id chunk.nul | run/chunk.lua:7: rule failed: run/chunk.lua:7: a?b
$id chunk.tablekey | run/chunk.lua:8: rule failed: run/chunk.lua:8: a table with a table as a key has no fixed order (only its memory address tells it apart, and that differs from run to run); key it by a string or a number
$id chunk.typed | run/chunk.lua:9: rule failed: run/chunk.lua:9: a must be a string, got a table (table); fix the record's field
$id chunk.recordkey | run/chunk.lua:10: rule failed: run/chunk.lua:10: the record is read-only (assigning field 'table'); copy the value into a local variable instead
$id forgery.gc_veto | run/forgery.lua:8: rule failed: run/forgery.lua:12: $no_gc
$id forgery.veto_then_loop | run/forgery.lua:19: rule failed: run/forgery.lua:23: $budget (an endless loop?)$raise
$id forgery.clamp | run/forgery.lua:27: rule failed: run/forgery.lua:30: assignment to global 'clamp' $readonly_global
$id forgery.string | run/forgery.lua:35: rule failed: run/forgery.lua:38: assignment to field 'format' $readonly_table
$id forgery.rawset | run/forgery.lua:43: rule failed: run/forgery.lua:46: assignment to global 'veto' $readonly_global
$id forgery.counter | run/forgery.lua:51: rule failed: the rule changed the file-level variable 'count' (put back); a rule may not keep anything from one record to the next, so results do not depend on record order or -j: make it a local inside the score function
$id forgery.cache | run/forgery.lua:59: rule failed: run/forgery.lua:62: assignment to field '$id' $readonly_table
$id forgery.honest | $id still scores
$id forgery.marks | run/forgery.lua:74: rule failed: run/forgery.lua:77: more than 64 vetoes and flags in one call; say it once, with the details in the reason
$id forgery.nul | c?d
$id limits.tostring_error | run/limits.lua:5: rule returned a table (table) $not_score
$id limits.tostring_not_string | run/limits.lua:12: rule returned a table (table) $not_score
$id limits.record_as_score | run/limits.lua:19: rule returned a record (the record or a part of it) $not_score
$id limits.pattern | run/limits.lua:24: rule failed: run/limits.lua:27: $budget in string pattern matching (too much work for one call)$raise
$id limits.move | run/limits.lua:31: rule failed: run/limits.lua:33: $budget in table.move (too much work for one call)$raise
$id limits.contains_len | run/limits.lua:36: rule failed: run/limits.lua:39: $budget in contains (too much work for one call)$raise
$id limits.utf8_loop | run/limits.lua:43: rule failed: run/limits.lua:48: $budget in utf8.len (too much work for one call)$raise
$id limits.rep_loop | run/limits.lua:53: rule failed: run/limits.lua:56: $budget in string.rep (too much work for one call)$raise
$id limits.gc | run/limits.lua:61: rule failed: run/limits.lua:64: $no_gc
$id limits.fine | fine after the others
$id order.pairs | 1 2 apple fig kiwi pear
$id order.next | a b c
$id order.tostring | table function table
$id order.address | run/order.lua:35: rule failed: run/order.lua:37: string.format: %p is not available in rules (it shows a memory address, which differs from run to run)
$id flags forgery.nul | a?b
TXT
done > "$tmp/want"
diff -u "$tmp/want" "$tmp/got"

# The files that try to keep state, with the shipped rules beside them, on
# generated applications: the same bytes for every -j and every run, and
# no veto from the hostile files.
python3 "$ASSAY_SOURCE_DIR/scripts/gen-applications" --seed 3 --count 60 > "$tmp/apps.jsonl"
shipped=()
for d in "$ASSAY_SOURCE_DIR"/plugins/*/; do
  ls "$d"*.lua > /dev/null 2>&1 && shipped+=(--no-default-plugins --rules "$d")
done
mkdir "$tmp/state"
cp run/forgery.lua run/order.lua run/chunk.lua "$tmp/state/"
for run in j1:1 j2:2 j2again:2; do
  "$ASSAY_BIN" score -j "${run#*:}" --no-default-plugins --rules "$tmp/state" "${shipped[@]}" \
    "$tmp/apps.jsonl" > "$tmp/${run%%:*}.out"
done
cmp "$tmp/j1.out" "$tmp/j2.out"
cmp "$tmp/j2.out" "$tmp/j2again.out"
[ "$(wc -l < "$tmp/j1.out")" -eq 60 ] || { echo "expected 60 output lines"; exit 1; }
python3 - "$tmp/j1.out" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    for v in r["vetoes"]:
        assert not v["reason"].startswith(("forged", "from a call")), v
PY
echo "lua_hostile: ok"
