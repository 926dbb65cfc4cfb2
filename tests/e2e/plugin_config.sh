#!/usr/bin/env bash
# --plugin-config NAME=FILE on assay run: the plugin gets the file's JSON;
# a bad file, a bad argument, a refusing plugin or a name no plugin has
# stops the run with exit 2 before any record is read.
set -euo pipefail
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
echo_so="$ASSAY_TEST_PLUGIN_DIR/config_echo.so"
cd "$tmp"
echo '{"id":"A-1"}' >in.jsonl

# The configuration reaches the plugin verbatim (it echoes it as a reason).
printf '{"level": 3}' >good.json
"$ASSAY_BIN" run --no-default-plugins --plugin "$echo_so" --plugin-config config_echo=good.json in.jsonl >out
grep -qF '"reason":"{\"level\": 3}"' out || fail "configuration not echoed: $(cat out)"

# Each case: arguments, then the exact message; exit 2, nothing written.
refused() {
  local expected="$1"
  shift
  set +e
  "$ASSAY_BIN" run --no-default-plugins --plugin "$echo_so" "$@" in.jsonl >out 2>err
  local status=$?
  set -e
  [ "$status" -eq 2 ] || fail "$*: exit $status, expected 2"
  [ ! -s out ] || fail "$*: records were written before the refusal"
  [ "$(cat err)" = "$expected" ] || fail "$*: message was: $(cat err)"
}

printf '{\n  "level": 3,\n  oops\n}\n' >broken.json
refused 'assay: broken.json:3: invalid JSON near column 4 in the configuration of plugin "config_echo"; fix the file' \
  --plugin-config config_echo=broken.json

echo '["level", 3]' >array.json
refused 'assay: array.json: the configuration of plugin "config_echo" must be one JSON object ({...})' \
  --plugin-config config_echo=array.json

echo '{"refuse": true}' >refuse.json
refused "assay: $echo_so: plugin \"config_echo\" refused its configuration from refuse.json: \"refuse\" is set, so I refuse" \
  --plugin-config config_echo=refuse.json

refused 'assay: cannot open plugin configuration missing.json: No such file or directory' \
  --plugin-config config_echo=missing.json

refused 'assay: --plugin-config expects NAME=FILE (a plugin name and a JSON file), got "good.json"' \
  --plugin-config good.json

refused 'assay: --plugin-config names plugin "config_ecko" (good.json), but no loaded plugin has that name; `assay plugins` lists their names' \
  --plugin-config config_ecko=good.json
# A Lua rule file takes no configuration: say so rather than "no plugin".
cat >lua_rules.lua <<'LUA'
plugin { name = "lua_rules", version = "1.0.0", domain = "business",
         description = "One rule" }
rule {
  id = "lua_rules.one", weight = 1.0, description = "Always 1",
  score = function(app) return 1, "one" end,
}
LUA
refused "assay: --plugin-config names plugin \"lua_rules\" (good.json), but lua_rules.lua is a Lua rule file, which takes no configuration" \
  --no-default-plugins --rules lua_rules.lua --plugin-config lua_rules=good.json
echo "plugin_config: ok"
