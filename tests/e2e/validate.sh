#!/usr/bin/env bash
# assay validate: each kind of problem with its exact message and line,
# text and JSON Lines, the summary, the exit status; and the sample
# applications against the shipped rules (only the three wrong types that
# the sample carries on purpose).
source "$(dirname "$0")/lib/common.bash"
cd "$work"
mkdir rules
cat >rules/road.lua <<'LUA'
plugin { name = "road", version = "1", domain = "autonomous_driving",
         description = "Road testing" }
domain { name = "autonomous_driving", label = "Autonomous driving",
         description = "Driving without a driver" }
domain { name = "business", label = "Business", description = "The company" }
rule {
  id = "road.km", weight = 1, description = "Road kilometres",
  inputs = { ["autonomous_driving.road_km"] = "number",
             ["autonomous_driving.sae_level"] = "number" },
  score = function(app) return nil end,
}
rule {
  id = "road.tech", weight = 1, description = "Sensors",
  inputs = { ["autonomous_driving.sensors"] = "array",
             ["autonomous_driving.sensors.1"] = "string" },
  score = function(app) return nil end,
}
rule {
  id = "team.size", domain = "business", weight = 1, description = "Team",
  inputs = { ["team.size"] = "number" },
  score = function(app) return nil end,
}
LUA
cat >policy.lua <<'LUA'
weights { autonomous_driving = 1, business = 1, cloud = 1 }
always { "business" }
tier { name = "office", min_score = 0.5, capacity = 2, requires = "office" }
LUA
cat >apps.jsonl <<'JSONL'
{"id":"V-1","domains":["autonomous_driving"],"autonomous_driving":{"road_km":1200,"sae_level":"4","sensors":["lidar"]},"team":{"size":5}}
{"id":"V-2","domains":["autonomus_driving","cloud"],"autonomus_driving":{"road_km":10},"team":{"size":3},"founded":2020,"requests":["ofice"]}
{"id":"V-3","team":"big","autonomous_driving":{"sensors":[7],"road_km":5,"sae_level":3}}

{"id":"V-1","autonomous_driving":{"road_km":1,"sae_level":2,"sensors":["radar"],"road_kms":3},"team":{"size":2}}
{"id":"V-5","requests":["office"],"autonomous_driving":{"road_km":1,"sae_level":2,"sensors":[]},"team":{"size":2}}
not json
JSONL
run_assay validate --no-default-plugins --rules rules --policy policy.lua apps.jsonl
expect_status 1
expect_eq "text" "$(cat "$out_file")" \
'apps.jsonl:1: V-1: error: autonomous_driving.sae_level is a string ("4"); rule road.km reads it as a number; correct the field or leave it out
apps.jsonl:2: V-2: warning: no rule reads autonomus_driving; did you mean autonomous_driving?
apps.jsonl:2: V-2: warning: domains claims "autonomus_driving", a domain no loaded plugin declares and the policy does not name, so the claim counts for nothing; did you mean "autonomous_driving"?
apps.jsonl:2: V-2: warning: requests holds "ofice", which no tier of the policy asks for; did you mean "office"?
apps.jsonl:3: V-3: error: team is a string ("big"); rule team.size reads it as an object; correct the field or leave it out
apps.jsonl:3: V-3: error: autonomous_driving.sensors.1 is a number (7); rule road.tech reads it as a string; correct the field or leave it out
apps.jsonl:3: V-3: missing: team.size (team.size)
apps.jsonl:5: V-1: error: duplicate id: line 1 has it too; give every application its own id
apps.jsonl:5: V-1: warning: no rule reads autonomous_driving.road_kms; did you mean autonomous_driving.road_km?
apps.jsonl:6: V-5: missing: autonomous_driving.sensors.1 (road.tech)
apps.jsonl:7: error: malformed JSON near column 1; each line must be one complete JSON object'
# V-2 claims only undeclared domains besides cloud, which no rule judges:
# its autonomous_driving rules do not count, so nothing is missing there;
# business counts for everyone (always) and team.size is given.
expect_eq "summary" "$(cat "$err_file")" \
'assay: 6 applications: 4 with errors, 1 with warnings only, 2 missing fields their rules read
assay: fields no loaded rule reads (applications): founded (1)'

run_assay validate --json -q --no-default-plugins --rules rules --policy policy.lua apps.jsonl
expect_status 1
expect_eq "no summary" "$(cat "$err_file")" ""
expect_eq "one object a line" "$(output_lines)" 6
expect_eq "V-2" "$(sed -n 2p "$out_file")" \
'{"line":2,"id":"V-2","status":"warning","errors":[],"warnings":[{"field":"autonomus_driving","message":"no rule reads autonomus_driving; did you mean autonomous_driving?"},{"field":"domains","message":"domains claims \"autonomus_driving\", a domain no loaded plugin declares and the policy does not name, so the claim counts for nothing; did you mean \"autonomous_driving\"?"},{"field":"requests","message":"requests holds \"ofice\", which no tier of the policy asks for; did you mean \"office\"?"}],"missing":[]}'
expect_eq "V-5" "$(sed -n 5p "$out_file")" \
'{"line":6,"id":"V-5","status":"ok","errors":[],"warnings":[],"missing":[{"field":"autonomous_driving.sensors.1","rules":"road.tech"}]}'
expect_eq "not json" "$(sed -n 6p "$out_file")" \
'{"line":7,"id":null,"status":"error","errors":[{"field":null,"message":"malformed JSON near column 1; each line must be one complete JSON object"}],"warnings":[],"missing":[]}'

# A clean file exits 0; missing fields alone do not change that.
sed -n 6p apps.jsonl >clean.jsonl
echo '{"id":"V-6"}' >>clean.jsonl
run_assay validate --no-default-plugins --rules rules --policy policy.lua clean.jsonl
expect_status 0
expect_eq "clean" "$(cat "$out_file")" \
'clean.jsonl:1: V-5: missing: autonomous_driving.sensors.1 (road.tech)
clean.jsonl:2: V-6: missing: autonomous_driving.road_km (road.km), autonomous_driving.sae_level (road.km), autonomous_driving.sensors (road.tech), autonomous_driving.sensors.1 (road.tech), team.size (team.size)'

# The sample against the shipped plugins and rules: the three wrong types
# it carries on purpose, nothing else.
run_assay validate -q "$examples/applications.jsonl"
expect_status 1
grep -v ': missing: ' "$out_file" | sed "s|^$examples/||" >problems
expect_eq "sample" "$(cat problems)" \
'applications.jsonl:8: APP-2026-008: error: team.size is a string ("twelve"); rules team.size, team.research read it as a number; correct the field or leave it out
applications.jsonl:14: APP-2026-014: error: autonomous_driving.sae_level is a string ("4"); rules ad.hd_map, ad.team_for_level read it as a number; correct the field or leave it out
applications.jsonl:15: APP-2026-015: error: connectivity.tech is a string ("5G"); rules conn.stack_coverage, conn.teleoperation read it as an array; correct the field or leave it out'

run_assay validate --no-default-plugins --rules rules missing.jsonl
expect_status 2
expect_eq "no input" "$(cat "$err_file")" \
  "assay: cannot open input missing.jsonl: No such file or directory"
echo "ok $test_name"
