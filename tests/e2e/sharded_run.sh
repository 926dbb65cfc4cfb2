#!/usr/bin/env bash
# assay run gives byte for byte what assay score over shards plus assay
# decide gives: the input split into shards by GNU parallel, each shard
# scored by its own process (numbered from where it starts in the input),
# the scored shards handed to decide in any order, as files or on stdin.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v parallel >/dev/null || fail "GNU parallel is missing (scripts/setup installs it)"

# shard INPUT N: scores INPUT in shards of N lines, one process each, into
# $tmp/shard.1, .2, ... (job {#} starts at line ({#}-1)*N+1).
shard()
{
  rm -f "$tmp"/shard.*
  parallel --will-cite --pipe -N "$2" \
    "\"$ASSAY_BIN\" score -q --first-line \$(( ({#} - 1) * $2 + 1 )) -o \"$tmp/shard.{#}\"" \
    <"$1" || true
}

check()
{
  local input="$1" n="$2" want_rc="$3" rc
  set +e
  "$ASSAY_BIN" run -q "$input" >"$tmp/run.jsonl"
  rc=$?
  set -e
  [ "$rc" -eq "$want_rc" ] || fail "run on $input: exit $rc, expected $want_rc"
  shard "$input" "$n"
  local shards
  shards=$(ls "$tmp"/shard.* | sort -t. -k2 -n -r) # the last shard first
  [ "$(echo "$shards" | wc -l)" -gt 2 ] || fail "expected more than two shards"
  set +e
  # shellcheck disable=SC2086
  "$ASSAY_BIN" decide -q $shards >"$tmp/decide.jsonl"
  rc=$?
  set -e
  [ "$rc" -eq "$want_rc" ] || fail "decide: exit $rc, expected $want_rc"
  cmp "$tmp/run.jsonl" "$tmp/decide.jsonl" || fail "decide over shards differs from run on $input"

  # The same through a pipe: shard outputs in completion order, on stdin.
  set +e
  parallel --will-cite --pipe -N "$n" \
    "\"$ASSAY_BIN\" score -q --first-line \$(( ({#} - 1) * $n + 1 ))" <"$input" |
    "$ASSAY_BIN" decide -q >"$tmp/piped.jsonl"
  set -e
  cmp "$tmp/run.jsonl" "$tmp/piped.jsonl" || fail "score | decide differs from run on $input"
}

# The sample applications in shards of 10, and 1000 generated records with
# every 50th broken (error records pass through decide) in shards of 64.
check "$ASSAY_SOURCE_DIR/examples/applications.jsonl" 10 0
python3 "$ASSAY_SOURCE_DIR/scripts/gen-applications" --seed 7 --count 1000 \
  --errors-every 50 >"$tmp/gen.jsonl"
check "$tmp/gen.jsonl" 64 1
[ "$(grep -c '"status":"error"' "$tmp/run.jsonl")" -eq 20 ] || fail "expected 20 error records"

# Two inputs of their own: --part keeps their lines apart, part 0 first.
head -n 3 "$ASSAY_SOURCE_DIR/examples/applications.jsonl" >"$tmp/a.jsonl"
sed -n 4,5p "$ASSAY_SOURCE_DIR/examples/applications.jsonl" >"$tmp/b.jsonl"
"$ASSAY_BIN" score -q --part 1 "$tmp/b.jsonl" >"$tmp/b.scored"
"$ASSAY_BIN" score -q "$tmp/a.jsonl" >"$tmp/a.scored"
"$ASSAY_BIN" decide -q "$tmp/b.scored" "$tmp/a.scored" >"$tmp/ab.jsonl"
[ "$(grep -o '^{"id":"[^"]*","line":[0-9]*' "$tmp/ab.jsonl" | tr '\n' ' ')" = \
  '{"id":"APP-2026-001","line":1 {"id":"APP-2026-002","line":2 {"id":"APP-2026-003","line":3 {"id":"APP-2026-004","line":1 {"id":"APP-2026-005","line":2 ' ] ||
  fail "parts out of order: $(cut -c1-40 "$tmp/ab.jsonl")"

# The same key twice (a shard given twice, or shards not numbered apart).
set +e
"$ASSAY_BIN" decide -q "$tmp/a.scored" "$tmp/a.scored" >"$tmp/out" 2>"$tmp/err"
rc=$?
set -e
[ "$rc" -eq 2 ] && [ ! -s "$tmp/out" ] || fail "duplicate key: exit $rc"
[ "$(cat "$tmp/err")" = "assay: two scored records have part 0 line 1 (in $tmp/a.scored and $tmp/a.scored); score each shard with its own --part or --first-line" ] ||
  fail "duplicate key message: $(cat "$tmp/err")"

# Decision records are not scored records.
set +e
"$ASSAY_BIN" decide -q "$tmp/ab.jsonl" >"$tmp/out" 2>"$tmp/err"
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "decide on decisions: exit $rc"
[ "$(cat "$tmp/err")" = "assay: $tmp/ab.jsonl:1: not a scored record: it is already a decision record; assay decide reads what assay score writes" ] ||
  fail "decide on decisions: $(cat "$tmp/err")"
# Hadoop Streaming's shuffle, as docs/batch.md describes it: lines sorted
# as text, a tab after each; decide still gives run's bytes.
"$ASSAY_BIN" score -q "$ASSAY_SOURCE_DIR/examples/applications.jsonl" |
  sed 's/$/\t/' | LC_ALL=C sort | "$ASSAY_BIN" decide -q >"$tmp/shuffled.jsonl"
"$ASSAY_BIN" run -q "$ASSAY_SOURCE_DIR/examples/applications.jsonl" | cmp - "$tmp/shuffled.jsonl" ||
  fail "sorted, tab-ended scored records decide differently"

# docs/batch.md's GNU parallel example, run as written.
mkdir "$tmp/doc" "$tmp/bin"
ln -s "$ASSAY_BIN" "$tmp/bin/assay"
cp "$ASSAY_SOURCE_DIR/examples/applications.jsonl" "$tmp/doc/"
awk '$0 == "<!-- sharded-example -->" { f = 1; next }
     f && /^```/ { if (in_block) exit; in_block = 1; next }
     in_block { print }' "$ASSAY_SOURCE_DIR/docs/batch.md" >"$tmp/doc/example.sh"
[ -s "$tmp/doc/example.sh" ] || fail "no sharded example in docs/batch.md"
(cd "$tmp/doc" && PATH="$tmp/bin:$PATH" bash -e example.sh)
"$ASSAY_BIN" run -q "$tmp/doc/applications.jsonl" >"$tmp/doc/run.jsonl"
cmp "$tmp/doc/run.jsonl" "$tmp/doc/decisions.jsonl" || fail "docs/batch.md's example differs from run"

# Spark's RDD.pipe, as docs/batch.md uses it: each partition (here 25, 25
# and 22 lines) with a "#assay-shard N" header through assay-pipe-score,
# the outputs concatenated into decide.
pipe_score="$ASSAY_SOURCE_DIR/examples/batch/assay-pipe-score"
: >"$tmp/spark.scored"
for first in 1 26 51; do
  { echo "#assay-shard $first"; sed -n "${first},$((first + 24))p" "$tmp/doc/applications.jsonl"; } |
    ASSAY="$ASSAY_BIN" "$pipe_score" >>"$tmp/spark.scored"
done
"$ASSAY_BIN" decide -q "$tmp/spark.scored" >"$tmp/spark.jsonl"
cmp "$tmp/doc/run.jsonl" "$tmp/spark.jsonl" || fail "the RDD.pipe recipe differs from run"
set +e
echo '{"id":"X"}' | ASSAY="$ASSAY_BIN" "$pipe_score" >/dev/null 2>"$tmp/err"
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "assay-pipe-score without a header: exit $rc"
echo "sharded_run: ok"
