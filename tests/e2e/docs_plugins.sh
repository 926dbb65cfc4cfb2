#!/usr/bin/env bash
# docs/plugins.md, run: every file it defines is extracted, every C sample
# compiled against an installed assay ($ASSAY_SDK_PREFIX, made by
# tests/e2e/lib/fresh_install.sh) and loaded, every script run, and
# every output and message it quotes compared with what assay prints.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
doc="$ASSAY_SOURCE_DIR/docs/plugins.md"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
unset ASAN_OPTIONS UBSAN_OPTIONS CMAKE_PREFIX_PATH PKG_CONFIG_PATH
export CMAKE_FIND_USE_PACKAGE_REGISTRY=OFF

export PREFIX="$ASSAY_SDK_PREFIX"
assay="$PREFIX/bin/assay"
python3 "$here/lib/doc_files.py" "$doc" "$tmp/doc" >"$tmp/files"
grep -qx samples/min_team.c "$tmp/files" || fail "no samples extracted"

# The message the guide quotes (an indented "assay: ..." line) must be
# exactly what assay prints.
quoted() {
  grep -qxF "    $1" "$doc" || fail "docs/plugins.md does not quote: $1"
}

# --- the tutorial: CMake, then pkg-config ------------------------------
cd "$tmp/doc/team_depth"
bash build-and-run.sh >out.txt
[ "$(tail -n 1 out.txt)" = "$(cat expected.jsonl)" ] ||
  fail "tutorial (CMake) printed: $(tail -n 1 out.txt)"
bash build-with-pkg-config.sh >out.txt
[ "$(tail -n 1 out.txt)" = "$(cat expected.jsonl)" ] ||
  fail "tutorial (pkg-config) printed: $(tail -n 1 out.txt)"
[ "$(realpath "$(PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig" pkg-config --variable=plugindir assay)")" = \
  "$PREFIX/lib/assay/plugins" ] || fail "pkg-config plugindir"

# --- debugging: gdb stops in the plugin, valgrind finds nothing --------
bash debug-gdb.sh >gdb.txt 2>&1 || fail "gdb script: $(tail -n 5 gdb.txt)"
grep -q 'Breakpoint 1, team_evaluate (instance=0x0, ctx=' gdb.txt ||
  fail "gdb did not stop in team_evaluate: $(tail -n 5 gdb.txt)"
grep -q '^#0  team_evaluate (instance=0x0, ctx=.*team_depth.c:' gdb.txt ||
  fail "gdb backtrace: $(grep '^#' gdb.txt)"
bash debug-valgrind.sh >valgrind.txt 2>&1 ||
  fail "valgrind reported errors: $(tail -n 20 valgrind.txt)"

# --- every C sample compiles warning-free and loads --------------------
cd "$tmp/doc"
mkdir -p build
for c in samples/*.c; do
  name="$(basename "$c" .c)"
  cc -std=c11 -Wall -Wextra -Werror -g -fPIC -shared -fvisibility=hidden \
    -I"$PREFIX/include" $(pkg-config --cflags libcjson) -o "build/$name.so" "$c" \
    $(pkg-config --libs libcjson)
  "$assay" plugins --json --no-default-plugins --plugin "build/$name.so" 2>/dev/null | python3 -c '
import json, sys
names = [p["name"] for p in json.load(sys.stdin)["plugins"]]
assert names == [sys.argv[1]], names
' "$name" || fail "$c does not load"
done

# --- faults: careless crashes on the record without a name ------------
set +e
PREFIX="$PREFIX" bash faults/careless.sh >careless.out 2>careless.err
status=$?
set -e
[ "$status" -eq 1 ] || fail "careless: exit $status, expected 1"
[ "$(wc -l <careless.out)" -eq 3 ] || fail "careless: $(cat careless.out)"
[ "$(sed -n 2p careless.out)" = "$(cat faults/expected.jsonl)" ] ||
  fail "careless line 2: $(sed -n 2p careless.out)"

# --- a domain of its own: cyber_lite, weighted by its policy ------------
echo '{"id":"C-1","requests":["training"],"cyber_lite":{"signed_updates":true}}' >cyber.jsonl
"$assay" run --policy samples/cyber_policy.lua --no-default-plugins --plugin build/cyber_lite.so \
  cyber.jsonl >out.jsonl
grep -qF '"decision":"secure","benefits":[],"score":1,"strategy":"weighted_mean","counted":["cyber_lite"],"weights":{"cyber_lite":1},"domains":{"cyber_lite":1}' out.jsonl ||
  fail "cyber_lite run: $(cat out.jsonl)"
"$assay" explain --policy samples/cyber_policy.lua --no-default-plugins --plugin build/cyber_lite.so \
  --id C-1 cyber.jsonl >explain.txt
grep -qx 'score:    1 (weighted mean of the domain scores: cyber_lite (weight 1))' explain.txt &&
  grep -qx 'cyber_lite  1' explain.txt ||
  fail "cyber_lite explain: $(cat explain.txt)"
"$assay" run -q --policy samples/cyber_policy.lua --no-default-plugins --plugin build/cyber_lite.so \
  --report cyber.html --csv cyber.csv cyber.jsonl >/dev/null
head -n 1 cyber.csv | grep -q ',score,cyber_lite,cyber_lite.signed,' ||
  fail "cyber_lite CSV header: $(head -n 1 cyber.csv)"
grep -qF '<figcaption>Cyber (lite): 1 scored</figcaption>' cyber.html ||
  fail "cyber_lite report: no chart labelled Cyber (lite)"
"$assay" plugins --json --no-default-plugins --plugin build/cyber_lite.so | python3 -c '
import json, sys
d = json.load(sys.stdin)["domains"]
assert d == [{"name": "cyber_lite", "label": "Cyber (lite)",
              "description": "Whether the product signs its updates",
              "declared_by": "build/cyber_lite.so"}], d
' || fail "cyber_lite domain listing"
set +e
"$assay" run --no-default-plugins --plugin build/cyber_lite.so cyber.jsonl >out.jsonl 2>err.txt
status=$?
set -e
[ "$status" -eq 2 ] && [ ! -s out.jsonl ] || fail "unweighted cyber_lite: exit $status"
grep -qF 'the policy does not weigh domain "cyber_lite" (declared by build/cyber_lite.so); add cyber_lite = <weight> to weights, or declare default_weight(<weight>) for the domains it does not name' err.txt ||
  fail "unweighted cyber_lite: $(cat err.txt)"
grep -qF 'the policy does not weigh domain "cyber_lite" (declared by build/cyber_lite.so); add cyber_lite = <weight> to weights, or declare default_weight(<weight>) for the domains it does not name' "$ASSAY_SOURCE_DIR/docs/plugins.md" ||
  fail "docs/plugins.md does not show the unweighted-domain message"

# --- configuration: min_team -------------------------------------------
echo '{"id":"M-1","team":{"size":12}}' >team.jsonl
echo '{"min_size": 20}' >min_team.json
"$assay" run --no-default-plugins --plugin build/min_team.so --plugin-config min_team=min_team.json \
  team.jsonl >out.jsonl
grep -qF '"vetoes":[{"rule":"min_team.size","plugin":"min_team","reason":"team of 12, the minimum is 20"}]' out.jsonl ||
  fail "min_team veto: $(cat out.jsonl)"
echo '{"min_size": 2.5}' >min_team.json
set +e
"$assay" run --no-default-plugins --plugin build/min_team.so --plugin-config min_team=min_team.json \
  team.jsonl >out.jsonl 2>err.txt
status=$?
set -e
[ "$status" -eq 2 ] && [ ! -s out.jsonl ] || fail "min_team refusal: exit $status"
quoted "$(cat err.txt)"

# --- thread model: scratch; versioning: probe --------------------------
echo '{"id":"S-1","requests":["funding","office"]}' >requests.jsonl
"$assay" run --no-default-plugins --plugin build/scratch.so requests.jsonl >out.jsonl
grep -qF '"reason":"funding,office"' out.jsonl || fail "scratch: $(cat out.jsonl)"
"$assay" run --no-default-plugins --plugin build/probe.so requests.jsonl >out.jsonl 2>err.txt
[ "$(cat err.txt)" = "assay: probe: debug: probe ready" ] ||
  fail "probe log: $(cat err.txt)"
grep -qF "\`$(cat err.txt)\`" "$doc" || fail "the host table does not quote: $(cat err.txt)"

# --- the versioning table quotes the loader's messages -----------------
for plugin in abi_truncated abi_newer_major; do
  set +e
  "$ASSAY_BIN" plugins --no-default-plugins --plugin "$ASSAY_TEST_PLUGIN_DIR/$plugin.so" 2>err.txt
  set -e
  message="$(sed "s|^assay: $ASSAY_TEST_PLUGIN_DIR/$plugin.so: ||" err.txt)"
  grep -qF "\`$message\`" "$doc" || fail "versioning table does not quote: $message"
done
echo "docs_plugins: ok"
