# The facts the rules used (docs/report.md): each application's section
# shows its values of the fields that the rules with a finding on it
# declare, with the rules that read each. The run's manifest carries the
# rules' declared inputs, so run --report and assay report --manifest show
# the same. Nested paths, an array and its first element, a number, a
# boolean; a missing field (absent, or null) says so; markup in a value is
# escaped; a long value is cut at a character's start, with a mark. A
# manifest of before (no plugins[].rules) and a report without a manifest
# or without the input say why there are no facts. Chromium renders the
# page (tests/browser/check_report.mjs).
source "$(dirname "$0")/lib/common.bash"
source "$(dirname "$0")/lib/browser.bash"
cd "$work"
mkdir -p rules
cat >rules/facts.lua <<'LUA'
plugin { name = "facts", version = "1", domain = "facts",
         description = "Facts as declared" }
domain { name = "facts", label = "Facts", description = "The declared facts" }
rule {
  id = "facts.team", weight = 1, description = "The team",
  inputs = {
    ["team.size"] = "number",
    ["team.lead"] = "string",
    pitch = { type = "string", description = "the pitch, in words" },
  },
  score = function(app) return 0.5, "team" end,
}
rule {
  id = "facts.stack", weight = 1, description = "The stack",
  inputs = {
    ["stack.tech"] = "array", ["stack.tech.1"] = "string",
    ["stack.certified"] = "boolean", ["stack.latency_ms"] = "number",
    ["team.size"] = { type = "number", description = "the number of people in the team" },
  },
  score = function(app) return 0.5, "stack" end,
}
rule {
  id = "facts.merit", weight = 1, description = "Merit as given",
  score = function(app) return app.merit, "merit " .. app.merit end,
}
LUA
cat >policy.lua <<'LUA'
always { "facts" }
tier { name = "seat", min_score = 0.1, capacity = 5, requires = "seat" }
weights { facts = 1 }
LUA
# A's pitch is "x" and 150 "é": 301 bytes, so byte 200 is inside an "é"
# and the cut falls before it, at 199 bytes (99 of them).
pitch="x$(printf 'é%.0s' $(seq 150))"
cat >apps.jsonl <<JSON
{"id":"A","name":"Alpha","merit":0.9,"requests":["seat"],"team":{"size":12,"lead":"<b>Ana</b> & \"Bo\" 'x'"},"pitch":"$pitch","stack":{"tech":["C-V2X","5G"],"certified":true,"latency_ms":0.25}}
{"id":"B","name":"Beta","merit":0.8,"requests":["seat"],"team":{"size":3,"lead":null}}
JSON
run_assay run -q --no-default-plugins --rules rules --policy policy.lua \
  apps.jsonl -o run.jsonl --manifest manifest.json --summary summary.json \
  --report report.html
expect_status 0

facts() { grep -o "<details id=a$2>.*" "$1" | sed 's,</details>.*,,' | grep -o '<div class=facts>.*'; }
head='<div class=facts><h4>Facts the rules used</h4>'
table='<div class=tw><table><thead><tr><th>Field<th>Value<th>Read by<tbody>'
expect_eq "A's facts" "$(facts report.html 0)" \
  "$head$table<tr><td>pitch<td>x$(printf 'é%.0s' $(seq 99))<span class=cut>… (cut: 151 characters in all)</span><td>facts.team<tr><td>stack.certified<td>true<td>facts.stack<tr><td>stack.latency_ms<td>0.25<td>facts.stack<tr><td>stack.tech<td>[&quot;C-V2X&quot;,&quot;5G&quot;]<td>facts.stack<tr><td>stack.tech.1<td>C-V2X<td>facts.stack<tr><td>team.lead<td>&lt;b&gt;Ana&lt;/b&gt; &amp; &quot;Bo&quot; &#39;x&#39;<td>facts.team<tr><td>team.size<td>12<td>facts.team, facts.stack</table></div><p class=note>No declared inputs: facts.merit.</p></div></div>"
expect_eq "B's facts: absent and null are missing" "$(facts report.html 1)" \
  "$head$table<tr><td>pitch<td class=miss>missing<td>facts.team<tr><td>stack.certified<td class=miss>missing<td>facts.stack<tr><td>stack.latency_ms<td class=miss>missing<td>facts.stack<tr><td>stack.tech<td class=miss>missing<td>facts.stack<tr><td>stack.tech.1<td class=miss>missing<td>facts.stack<tr><td>team.lead<td class=miss>missing<td>facts.team<tr><td>team.size<td>3<td>facts.team, facts.stack</table></div><p class=note>No declared inputs: facts.merit.</p></div></div>"
expect_eq "the appendix's fields, each described once" \
  "$(grep -o '<h3>Fields the rules read.*' report.html | sed 's,</table></div>.*,,')" \
  '<h3>Fields the rules read</h3><div class="tw"><table id="fields"><thead><tr><th>Field<th>Type<th>Description<th>Read by<tbody><tr><td><code>pitch</code><td>string<td>the pitch, in words<td>facts.team<tr><td><code>stack.certified</code><td>boolean<td><td>facts.stack<tr><td><code>stack.latency_ms</code><td>number<td><td>facts.stack<tr><td><code>stack.tech</code><td>array<td><td>facts.stack<tr><td><code>stack.tech.1</code><td>string<td><td>facts.stack<tr><td><code>team.lead</code><td>string<td><td>facts.team<tr><td><code>team.size</code><td>number<td>the number of people in the team<td>facts.stack, facts.team'
expect_eq "the <b> of A's lead is nowhere markup" "$(grep -c '<b>Ana' report.html)" 0

# The run's files alone give the same page.
run_assay report run.jsonl --summary summary.json --manifest manifest.json \
  --input apps.jsonl --html files.html
expect_status 0
cmp report.html files.html || fail "assay report --manifest differs from run --report"

# A manifest of before: plugins without their rules.
jq -c 'del(.plugins[].rules)' manifest.json >old.json
run_assay report run.jsonl --manifest old.json --input apps.jsonl --html old.html
expect_status 0
expect_eq "facts with an old manifest" "$(facts old.html 0)" \
  "$head<p class=note>Not shown: the manifest does not name the rules' inputs.</p></div></div>"
expect_eq "no fields table with an old manifest" "$(grep -c 'Fields the rules read' old.html)" 0

run_assay report run.jsonl --input apps.jsonl --html bare.html
expect_status 0
expect_eq "facts without a manifest" "$(facts bare.html 0)" \
  "$head<p class=note>Not shown: the rules' inputs come from the run's manifest (<code>--manifest FILE</code>).</p></div></div>"
run_assay report run.jsonl --manifest manifest.json --html noinput.html
expect_status 0
expect_eq "facts without the input" "$(facts noinput.html 0)" \
  "$head<p class=note>Not shown: the values come from the applications (<code>--input FILE</code>).</p><p class=note>No declared inputs: facts.merit.</p></div></div>"

# In Chromium: no console error, and the long value widens no page at
# phone width (the facts scroll within their box); print leaves them out.
require_browser
browser_check check_report.mjs report.html run.jsonl "$artefacts" \
  report-facts rows=2 errors=0
echo "ok $test_name"
