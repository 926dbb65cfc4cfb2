#!/usr/bin/env bash
# The SDK path of an engineer outside the project: assay built and
# installed to a prefix with its build tree deleted ($ASSAY_SDK_PREFIX, made
# by tests/e2e/lib/fresh_install.sh), copied and moved; build the out-of-tree
# example plugin (examples/plugin-template) from a copy outside the source
# tree with only that prefix, by CMake and by pkg-config, and check that the
# installed assay runs it, and its own shipped plugins, exactly.
set -euo pipefail
src="$ASSAY_SOURCE_DIR"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# The installed assay is built plain; keep the sanitizer run's settings
# away from the programs built here.
unset ASAN_OPTIONS UBSAN_OPTIONS
prefix="$tmp/prefix"
# Only the prefix: no package registry, no inherited search paths.
export CMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
unset CMAKE_PREFIX_PATH PKG_CONFIG_PATH

# --- the install (its build tree is already gone) ----------------------
cp -a "$ASSAY_SDK_PREFIX" "$prefix"

# Every installed file, as the issue lists them.
expected="$tmp/expected-files"
{
  echo bin/assay
  echo include/assay/assay.h
  echo include/assay/plugin.h
  printf '%s\n' lib/cmake/assay/assayConfig.cmake \
    lib/cmake/assay/assayConfigVersion.cmake lib/cmake/assay/assayTargets.cmake \
    lib/cmake/assay/assayTargets-none.cmake
  echo lib/libassay.so
  echo lib/libassay.so.0
  echo lib/libassay.so.0.1.0
  echo lib/pkgconfig/assay.pc
  for dir in "$src"/plugins/*/; do
    name="$(basename "$dir")"
    if compgen -G "$dir*.c" >/dev/null; then
      echo "lib/assay/plugins/$name/$name.so"
    fi
    for lua in "$dir"*.lua; do
      if [ -e "$lua" ]; then echo "lib/assay/plugins/$name/$(basename "$lua")"; fi
    done
  done
  echo share/assay/lua/assay.lua # the rule language's editor annotations
  # man pages and shell completion (tests/e2e/man_completion.sh)
  echo share/man/man1/assay.1
  "$ASSAY_BIN" --help | sed -n 's|^  \([a-z]*\)  .*|share/man/man1/assay-\1.1|p'
  echo share/bash-completion/completions/assay
  echo share/zsh/site-functions/_assay
  for policy in "$src"/policy/*.lua; do
    if [ -e "$policy" ]; then echo "share/assay/policy/$(basename "$policy")"; fi
  done
} | LC_ALL=C sort >"$expected"
(cd "$prefix" && find . -type f -o -type l | sed 's|^\./||' | LC_ALL=C sort) >"$tmp/installed-files"
diff -u "$expected" "$tmp/installed-files" || fail "installed files differ"
cmp "$src/include/assay/plugin.h" "$prefix/include/assay/plugin.h" ||
  fail "installed plugin.h differs from the source"

# --- the installed assay finds itself, wherever the prefix is ----------
mv "$prefix" "$tmp/moved"
prefix="$tmp/moved"
assay="$prefix/bin/assay"
# The command carries libassay's objects (it calls internal functions that
# libassay.so does not export), so it needs no run path to find it.
! grep -q libassay <<<"$(ldd "$assay")" || fail "installed assay links libassay.so"
"$assay" plugins --json | python3 -c '
import json, sys
listing = json.load(sys.stdin)
prefix = sys.argv[1] + "/lib/assay/plugins/"
paths = [p["path"] for p in listing["plugins"]]
assert paths, "no shipped plugins listed"
for path in paths:
    assert path.startswith(prefix), path + " is not under " + prefix
' "$prefix" || fail "shipped plugins not found under the moved prefix"
installed_status=0 in_tree_status=0
"$assay" run "$src/examples/applications.jsonl" >"$tmp/installed.jsonl" || installed_status=$?
"$ASSAY_BIN" run "$src/examples/applications.jsonl" >"$tmp/in-tree.jsonl" || in_tree_status=$?
[ -s "$tmp/installed.jsonl" ] || fail "installed assay wrote nothing"
[ "$installed_status" = "$in_tree_status" ] ||
  fail "installed assay exits $installed_status, the build tree's $in_tree_status"
cmp "$tmp/in-tree.jsonl" "$tmp/installed.jsonl" ||
  fail "installed assay decides differently from the build tree's"

# --- the out-of-tree example, by CMake --------------------------------
cp -r "$src/examples/plugin-template" "$tmp/cloud"
cd "$tmp/cloud"
cmake -S . -B build -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build build >/dev/null
ctest --test-dir build --output-on-failure >/dev/null || fail "the example's own test failed"
run_cloud() {
  "$assay" run --no-default-plugins --plugin "$1" --plugin-config cloud_readiness=config.json sample.jsonl
}
run_cloud build/cloud_readiness.so >"$tmp/cmake.jsonl"
cmp "$tmp/cmake.jsonl" expected.jsonl || fail "CMake-built plugin output differs"
# One finding, spelled out: the availability score of a 99.95% SLA.
grep -qF '{"rule":"cloud_readiness.availability","plugin":"cloud_readiness","domain":"cloud","score":0.6505,"weight":1,"reason":"uptime SLA 99.95% allows 4.4 hours of downtime a year (target 99.99%)"}' \
  "$tmp/cmake.jsonl" || fail "availability finding of CR-1"

# --- the out-of-tree example, by pkg-config and make -------------------
make PKG_CONFIG_PATH="$prefix/lib/pkgconfig" >/dev/null
run_cloud ./cloud_readiness.so >"$tmp/make.jsonl"
cmp "$tmp/make.jsonl" expected.jsonl || fail "pkg-config-built plugin output differs"

# --- a bad configuration stops the run before any record ---------------
echo '{"target_sla": 101}' >bad.json
set +e
"$assay" run --no-default-plugins --plugin build/cloud_readiness.so \
  --plugin-config cloud_readiness=bad.json sample.jsonl >out.jsonl 2>err.txt
status=$?
set -e
[ "$status" -eq 2 ] || fail "bad configuration: exit $status, expected 2"
[ ! -s out.jsonl ] || fail "bad configuration: records were written"
[ "$(cat err.txt)" = "assay: build/cloud_readiness.so: plugin \"cloud_readiness\" refused its configuration from bad.json: target_sla must be a percentage above 99 and below 100, e.g. 99.99" ] ||
  fail "bad configuration message: $(cat err.txt)"
grep -qxF "    $(cat err.txt)" README.md ||
  fail "the example's README does not quote: $(cat err.txt)"

# --- installed into the prefix, it loads like a shipped plugin --------
cmake --install build >/dev/null
[ -f "$prefix/lib/assay/plugins/cloud_readiness/cloud_readiness.so" ] ||
  fail "cmake --install of the example did not reach the plugin dir"
"$assay" plugins --json | python3 -c '
import json, sys
names = [p["name"] for p in json.load(sys.stdin)["plugins"]]
assert "cloud_readiness" in names, names
' || fail "installed example not listed by assay plugins"

# --- embedding libassay: assay::assay and pkg-config --libs -----------
cp -r "$src/tests/e2e/embed" "$tmp/embed"
cd "$tmp/embed"
cmake -S . -B build -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build build >/dev/null
# pkg-config's Libs carry the run path of the prefix's lib directory, so
# the program finds libassay.so wherever the prefix is, with no
# LD_LIBRARY_PATH.
cc -std=c11 -Wall -Wextra -Werror -o embed-pc embed.c \
  $(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs assay)
[ "$(realpath "$(ldd embed-pc | awk '$1 == "libassay.so.0" {print $3}')")" = "$prefix/lib/libassay.so.0.1.0" ] ||
  fail "pkg-config --libs gave no run path: $(readelf -d embed-pc | grep PATH)"
# The embedding API evaluates one record: its scored record, as assay score
# writes it (decisions are made over a whole batch).
want="$("$prefix/bin/assay" score --no-default-plugins --plugin "$tmp/cloud/build/cloud_readiness.so" \
  --plugin-config cloud_readiness="$tmp/cloud/config.json" \
  "$tmp/cloud/sample.jsonl" | head -n 1)"
line="$(head -n 1 "$tmp/cloud/sample.jsonl")"
for program in build/embed ./embed-pc; do
  got="$("$program" "$tmp/cloud/build/cloud_readiness.so" "$tmp/cloud/config.json" "$line")"
  [ "$got" = "$want" ] || fail "$program: got $got"
done
echo "sdk_install: ok"
