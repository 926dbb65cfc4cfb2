#!/usr/bin/env bash
# --rules, --plugin and --plugin-dir add to the shipped plugins and rules;
# --no-default-plugins leaves the shipped set out, so only what is named
# loads. (They replaced the shipped set: one added cloud rule dropped every
# business, AI and driving rule from the run.)
source "$(dirname "$0")/lib/common.bash"
cd "$work"
cat >cloud.lua <<'LUA'
plugin { name = "cloud_sla", version = "1.0.0", domain = "cloud",
         description = "Uptime promised to customers" }
rule {
  id = "cloud_sla.uptime",
  weight = 1.0,
  description = "Uptime SLA, 99.99% for full marks",
  inputs = { ["cloud.sla"] = "number" },
  score = function(app)
    local sla = get(app, "cloud.sla", "number")
    if sla == nil then return nil end
    return clamp((sla - 99) / 0.99), string.format("SLA %.2f%%", sla)
  end,
}
LUA
echo '{"id":"C-1","domains":["cloud"],"team":{"size":4},"cloud":{"sla":99.5}}' >one.jsonl

plugin_names() {
  "$ASSAY_BIN" plugins --json "$@" | python3 -c '
import json, sys
print(" ".join(p["name"] for p in json.load(sys.stdin)["plugins"]))'
}
shipped_names="ai ai_practice ad_practice autonomous_driving funding team traction conn_practice connectivity cybersecurity"
expect_eq "shipped set" "$(plugin_names)" "$shipped_names"
expect_eq "--rules adds" "$(plugin_names --rules cloud.lua)" "$shipped_names cloud_sla"
expect_eq "--plugin adds" "$(plugin_names --plugin "$ASSAY_TEST_PLUGIN_DIR/good.so")" \
  "$shipped_names good"
expect_eq "--no-default-plugins" \
  "$(plugin_names --no-default-plugins --rules cloud.lua --plugin "$ASSAY_TEST_PLUGIN_DIR/good.so")" \
  "good cloud_sla"

# With the shipped rules, team.size scores the team beside the added rule.
run_assay score --rules cloud.lua one.jsonl
expect_status 0
expect_eq "scored with the shipped rules" "$(without_fingerprint <"$out_file")" \
  '{"id":"C-1","line":1,"part":0,"status":"ok","domains":{"business":1,"cloud":0.5051},"claimed":["cloud"],"requests":[],"findings":[{"rule":"team.size","plugin":"team","domain":"business","score":1,"weight":1,"reason":"4 people for an early-stage company (usually about 8)"},{"rule":"cloud_sla.uptime","plugin":"cloud_sla","domain":"cloud","score":0.5051,"weight":1,"reason":"SLA 99.50%"}],"vetoes":[],"flags":[]}'
run_assay score --no-default-plugins --rules cloud.lua one.jsonl
expect_status 0
expect_eq "scored with the added rule alone" "$(without_fingerprint <"$out_file")" \
  '{"id":"C-1","line":1,"part":0,"status":"ok","domains":{"cloud":0.5051},"claimed":["cloud"],"requests":[],"findings":[{"rule":"cloud_sla.uptime","plugin":"cloud_sla","domain":"cloud","score":0.5051,"weight":1,"reason":"SLA 99.50%"}],"vetoes":[],"flags":[]}'

# assay check and assay test examine their PATHs alone; their plugin
# options add to the shipped set as everywhere.
checked() {
  "$ASSAY_BIN" check --json "$@" | python3 -c '
import json, sys
c = json.load(sys.stdin)
print(c["ok"], c["plugins"], c["lua_rule_files"], c["rules"])'
}
expect_eq "check PATH" "$(checked cloud.lua)" "True 1 1 1"
expect_eq "check --rules" "$(checked --rules cloud.lua)" "True 11 7 34"

# Nothing named and the shipped set left out: nothing to run.
run_assay score --no-default-plugins one.jsonl
expect_status 2
[ ! -s "$out_file" ] || fail "records written"
expect_eq "message" "$(cat "$err_file")" \
  "assay: --no-default-plugins leaves nothing to load; name plugins with --plugin, --plugin-dir or --rules"
echo "default_plugins: ok"
