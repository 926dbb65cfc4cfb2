#!/usr/bin/env bash
# Declared rule inputs: a rule none of whose declared fields is in the
# record is never called (counted from inside Lua); assay plugins lists
# what each rule reads, with the plain words an input may carry; a bad
# declaration is a load error with file:line; assay schema describes the
# fields the rules read (title: the words), and validates the
# sample and generated applications (python3-jsonschema).
source "$(dirname "$0")/lib/common.bash"
cd "$work"
mkdir rules

# counted.a declares team.size and team.phd; counted.always declares
# nothing. Each flags the record whenever it is called, so the flags count
# the calls into Lua, record by record.
cat >rules/counted.lua <<'LUA'
plugin { name = "counted", version = "1", domain = "business",
         description = "Counts calls" }
rule {
  id = "counted.a", weight = 1, description = "Reads team.size",
  inputs = {
    ["team.size"] = { type = "number", description = "the number of people in the team" },
    ["team.phd"] = "number",
  },
  score = function(app)
    flag("counted.a called")
    return nil
  end,
}
rule {
  id = "counted.always", weight = 1, description = "Declares nothing",
  score = function(app)
    flag("counted.always called")
    return nil
  end,
}
LUA
cat >in.jsonl <<'JSON'
{"id":"R-1"}
{"id":"R-2","team":{"size":5}}
{"id":"R-3","team":{"phd":null}}
{"id":"R-4","team":"big"}
{"id":"R-5","team":{"phd":1}}
{"id":"R-6","team":{"size":null,"automotive_years":3}}
JSON
run_assay score -j 1 -q --no-default-plugins --rules rules in.jsonl
expect_status 0
calls=$(python3 -c '
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    print(r["id"], " ".join(f["reason"] for f in r["flags"]))
' "$out_file")
expect_eq "calls into Lua" "$calls" "R-1 counted.always called
R-2 counted.a called counted.always called
R-3 counted.always called
R-4 counted.always called
R-5 counted.a called counted.always called
R-6 counted.always called"

# The listing: inputs sorted by path, after the rule's line.
run_assay plugins --no-default-plugins --rules rules
expect_status 0
expect_eq "listing" "$(sed -n '8,11p' "$out_file")" \
"    counted.a                    business           weight 1    Reads team.size
      reads team.phd (number), team.size (number)
    counted.always               business           weight 1    Declares nothing"
run_assay plugins --json --no-default-plugins --rules rules
expect_eq "JSON inputs" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print([r["inputs"] for r in d["plugins"][0]["rules"]])' "$out_file")" \
  "[[{'path': 'team.phd', 'type': 'number', 'description': None}, {'path': 'team.size', 'type': 'number', 'description': 'the number of people in the team'}], None]"

# Bad declarations: each named with the rule's file:line.
mkdir bad
cat >bad/bad.lua <<'LUA'
plugin { name = "bad", version = "1", domain = "business", description = "Bad inputs" }
rule { id = "bad.type", weight = 1, description = "d",
       inputs = { ["team.size"] = "integer" }, score = function() end }
rule { id = "bad.path", weight = 1, description = "d",
       inputs = { ["team..size"] = "number" }, score = function() end }
rule { id = "bad.list", weight = 1, description = "d",
       inputs = { "team.size" }, score = function() end }
rule { id = "bad.empty", weight = 1, description = "d",
       inputs = {}, score = function() end }
rule { id = "bad.words", weight = 1, description = "d",
       inputs = { ["a"] = { type = "number", description = 5 },
                  ["b"] = { type = "number", description = "" },
                  ["c"] = { type = "numbr", description = "c" },
                  ["d"] = { "number", "words" },
                  ["e"] = { type = "number", label = "e" } },
       score = function() end }
LUA
run_assay check --no-default-plugins --rules bad
expect_status 2
cat "$out_file" "$err_file" >messages
for want in \
  'bad/bad.lua:2: rule "bad.type": input "team.size" has type integer; use one of number, string, boolean, array, object or any' \
  'bad/bad.lua:4: rule "bad.path": input team..size is not a field path; name it from the record root with dots, e.g. inputs = { ["team.size"] = "number" }' \
  'bad/bad.lua:6: rule "bad.list": input 1 is not a field path; name it from the record root with dots, e.g. inputs = { ["team.size"] = "number" }' \
  'bad/bad.lua:8: rule "bad.empty": inputs must be a table of the record fields the rule reads and their types, e.g. inputs = { ["team.size"] = "number" }; leave it out if the rule declares none' \
  'bad/bad.lua:10: rule "bad.words": input "a" has description 5; give its description in plain words for the applicant, e.g. ["team.size"] = { type = "number", description = "the number of people in the team" }' \
  'bad/bad.lua:10: rule "bad.words": input "b" has an empty description; give its description in plain words for the applicant, e.g. ["team.size"] = { type = "number", description = "the number of people in the team" }' \
  'bad/bad.lua:10: rule "bad.words": input "c" has type numbr; use one of number, string, boolean, array, object or any' \
  'bad/bad.lua:10: rule "bad.words": input "d" has a member 1; an input'"'"'s table has only type and description, e.g. ["team.size"] = { type = "number", description = "the number of people in the team" }' \
  'bad/bad.lua:10: rule "bad.words": input "e" has a member label; an input'"'"'s table has only type and description, e.g. ["team.size"] = { type = "number", description = "the number of people in the team" }'; do
  grep -qxF -- "$want" messages || fail "no message: $want"
done

# The schema of these rules, exactly.
run_assay schema --no-default-plugins --rules rules
expect_status 0
python3 - "$out_file" <<'PY' || fail "schema: $(cat "$out_file")"
import json, sys
got = json.load(open(sys.argv[1]))
want = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "assay record",
    "description": "One line of assay's JSON Lines input: the fields the loaded rules declare they read, with their types. Any field may be missing or null; fields not listed are allowed.",
    "type": "object",
    "required": ["id"],
    "properties": {
        "id": {"type": "string", "minLength": 1,
               "description": "the record's identifier, unique in the input"},
        "team": {"type": ["object", "null"], "properties": {
            "phd": {"type": ["number", "null"], "description": "read by counted.a"},
            "size": {"type": ["number", "null"], "title": "the number of people in the team",
                     "description": "read by counted.a"}}}}}
assert got == want, json.dumps(got, indent=1)
PY

# The shipped rules' schema validates every generated application and
# every sample application but the three that carry a wrong type on
# purpose (their error findings are part of the sample), and names the
# field of each.
run_assay schema -o shipped.json
expect_status 0
python3 "$ASSAY_SOURCE_DIR/scripts/gen-applications" --seed 1 --count 2000 >gen.jsonl
python3 - shipped.json "$examples/applications.jsonl" gen.jsonl <<'PY' || fail "shipped schema"
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
def invalid(path):
    out = []
    for line in open(path):
        record = json.loads(line)
        for e in validator.iter_errors(record):
            out.append((record["id"], ".".join(map(str, e.path))))
    return out
sample = invalid(sys.argv[2])
assert sample == [("APP-2026-008", "team.size"),
                  ("APP-2026-014", "autonomous_driving.sae_level"),
                  ("APP-2026-015", "connectivity.tech")], sample
generated = invalid(sys.argv[3])
assert generated == [], generated[:5]
print("schema: 69 of 72 sample and 2000 of 2000 generated applications valid")
PY
# A compiled plugin's input descriptions (assay_rule.input_descriptions)
# reach the listing as a Lua rule's do.
run_assay plugins --json
expect_status 0
expect_eq "compiled input descriptions" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
p = [p for p in d["plugins"] if p["name"] == "cybersecurity"][0]
r = [r for r in p["rules"] if r["id"] == "cyber.ota_signing"][0]
print(r["inputs"])' "$out_file")" \
  "[{'path': 'cybersecurity.ota.signed', 'type': 'boolean', 'description': 'whether your over-the-air updates are signed'}, {'path': 'cybersecurity.ota.signature', 'type': 'string', 'description': 'the signature scheme of your over-the-air updates'}]"
echo "rule_inputs: ok"
