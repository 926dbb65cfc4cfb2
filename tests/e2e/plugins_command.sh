#!/usr/bin/env bash
# assay plugins: lists what would load, with the same plugin options as
# assay run, as text and as JSON; a plugin that would not load is reported
# as run reports it. (Descriptor sizes are those of an LP64 machine.)
set -euo pipefail
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
plugins="$ASSAY_TEST_PLUGIN_DIR"
cd "$tmp"

# Text: every field, in load order.
echo '{"level": 3}' >echo.json
"$ASSAY_BIN" plugins --no-default-plugins --plugin "$plugins/config_echo.so" \
  --no-default-plugins --plugin "$plugins/abi_newer_minor.so" \
  --plugin-config config_echo=echo.json >text.out
cat >text.expected <<TEXT
config_echo 1.0.0
  Echoes its configuration
  path     $plugins/config_echo.so
  kind     compiled, plugin ABI 2 (104-byte descriptor)
  domain   business
  threads  per-worker
  config   echo.json
  rules    1
    config_echo.config           business           weight 1    Echoes the plugin configuration

newer_minor 1.1.0
  path     $plugins/abi_newer_minor.so
  kind     compiled, plugin ABI 2 (120-byte descriptor)
  domain   business
  threads  thread-safe
  rules    2
    newer_minor.ok               business           weight 1    Always 1
    newer_minor.second           business           weight 3    Always 0.25

domains  1 declared
  business             business ($plugins/config_echo.so)
TEXT
diff -u text.expected text.out || fail "text listing"

# JSON: one object for scripts.
"$ASSAY_BIN" plugins --json --no-default-plugins --plugin "$plugins/config_echo.so" >json.out
version="$("$ASSAY_BIN" --version | awk '{print $2}')"
cat >json.expected <<JSON
{"assay_version":"$version","abi_version":2,"plugins":[{"name":"config_echo","version":"1.0.0","kind":"compiled","path":"$plugins/config_echo.so","abi_version":2,"struct_size":104,"domain":"business","thread_model":"per-worker","description":"Echoes its configuration","config":null,"rules":[{"id":"config_echo.config","domain":"business","weight":1,"description":"Echoes the plugin configuration","line":null,"inputs":null}]}],"domains":[{"name":"business","label":"business","description":"","declared_by":"$plugins/config_echo.so"}]}
JSON
diff -u json.expected json.out || fail "JSON listing"

# --plugin-dir: every plugin of the directory, in path order.
mkdir dir
cp "$plugins/abi_older_minor.so" "$plugins/abi_newer_minor.so" dir/
"$ASSAY_BIN" plugins --json --no-default-plugins --plugin-dir dir | python3 -c '
import json, sys
names = [p["name"] for p in json.load(sys.stdin)["plugins"]]
assert names == ["newer_minor", "older_minor"], names
' || fail "--plugin-dir listing"

# No options: the shipped plugins, found beside the assay binary.
"$ASSAY_BIN" plugins --json | python3 -c '
import json, os, sys
build = os.environ["ASSAY_BUILD_DIR"]
for p in json.load(sys.stdin)["plugins"]:
    assert p["path"].startswith(os.path.realpath(build) + "/plugins/"), p["path"]
    assert p["kind"] in ("compiled", "lua"), p["kind"]
    assert p["rules"], p["name"] + " lists no rules"
' || fail "shipped plugin listing"

# A plugin that would not load: exit 2, the loader's message, no listing.
set +e
"$ASSAY_BIN" plugins --no-default-plugins --plugin "$plugins/abi_newer_major.so" >out 2>err
status=$?
set -e
[ "$status" -eq 2 ] || fail "refused plugin: exit $status"
[ ! -s out ] || fail "refused plugin: something was listed"
[ "$(cat err)" = "assay: $plugins/abi_newer_major.so: built for assay plugin ABI version 3, but this assay supports ABI versions 1 to 2; rebuild the plugin against this assay's <assay/plugin.h>" ] ||
  fail "refused plugin message: $(cat err)"

# Usage errors.
set +e
"$ASSAY_BIN" plugins extra 2>err
status=$?
set -e
[ "$status" -eq 2 ] || fail "argument: exit $status"
[ "$(cat err)" = 'assay: plugins takes no arguments, got "extra"; name plugins with --plugin or --plugin-dir' ] ||
  fail "argument message: $(cat err)"
echo "plugins_command: ok"
