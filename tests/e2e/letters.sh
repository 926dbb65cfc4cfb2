# assay letters: one letter per decision record, Markdown and HTML saying
# the same; text from records escaped; ids made safe and unique as file
# names; an index; every applicant of the sample gets one.
source "$(dirname "$0")/lib/common.bash"

cat > "$work/decisions.jsonl" <<'JSONL'
{"id":"A-1","line":1,"status":"ok","rank":1,"decision":"grant","benefits":["money","desk"],"score":0.9,"domains":{"deep_tech":0.9},"findings":[{"rule":"r.x","plugin":"p","domain":"deep_tech","score":1,"weight":2,"reason":"strong *pitch* <b>x</b>"},{"rule":"r.y","plugin":"p","domain":"deep_tech","score":0.2,"weight":1,"reason":"thin [demo](http://evil)"},{"rule":"r.z","plugin":"p","domain":"deep_tech","error":"demo.hours must be a number; fix the record's field"}],"vetoes":[],"flags":[],"why":"Ranked 1 of 3 with score 0.9: given grant, seat 1 of 1.","why_not":[]}
{"id":"a/b","line":2,"status":"ok","rank":2,"decision":"reject","benefits":[],"score":0.4,"domains":{},"findings":[],"vetoes":[{"rule":"r.v","plugin":"p","reason":"no licence"}],"flags":[],"why":"Rejected: rule r.v vetoed it: no licence.","why_not":[{"tier":"grant","reason":"rejected: rule r.v vetoed it: no licence"},{"tier":"desk_only","reason":"rejected: rule r.v vetoed it: no licence"}]}
{"id":"a_b","line":3,"status":"ok","rank":3,"decision":"waitlist","benefits":[],"score":0.6,"domains":{},"findings":[],"vetoes":[],"flags":[],"why":"Ranked 3 of 3 with score 0.6: qualifies for grant, but its 1 seats were filled; waitlist position 1 of 1.","why_not":[{"tier":"grant","reason":"all 1 seats filled at rank 1 with cut-off score 0.9"}]}
{"line":4,"status":"error","error":"line 4 is not JSON: expected a value at column 1"}
JSONL
cat > "$work/apps.jsonl" <<'JSONL'
{"id":"A-1","title":"Acme <script>alert(1)</script> # Labs"}
{"id":"a/b","title":"Slash"}
JSONL
run_assay letters -o "$work/out" --input "$work/apps.jsonl" --name-field title \
  --programme "the Hub" "$work/decisions.jsonl"
expect_status 0
expect_eq "stderr" "$(cat "$err_file")" "assay: 4 letters written to $work/out"
expect_eq "files" "$(cd "$work/out" && ls | tr '\n' ' ')" \
  "A-1.html A-1.md a_b-2.html a_b-2.md a_b.html a_b.md index.tsv line-4.html line-4.md "
expect_eq "index" "$(cat "$work/out/index.tsv")" \
"id	decision	letter
A-1	grant	A-1
a/b	reject	a_b
a_b	waitlist	a_b-2
	error	line-4"
expect_eq "seated, markdown" "$(cat "$work/out/A-1.md")" \
'# Your application to the Hub

Application A-1, Acme \<script\>alert(1)\</script\> \# Labs

We are glad to offer you a place in **grant**, which includes money and desk.

Ranked 1 of 3 with score 0.9: given grant, seat 1 of 1.

## What to correct

- demo.hours must be a number; fix the record'"'"'s field

## How each field was judged (0 to 1)

- deep tech: 0.9

## Where your application is strong

- strong \*pitch\* \<b\>x\</b\>

## Where it fell short

- thin \[demo\](http://evil)'
expect_eq "seated, html" "$(cat "$work/out/A-1.html")" \
'<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A-1</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:40em;margin:2em auto;padding:0 1em}</style></head><body>
<h1>Your application to the Hub</h1>
<p>Application A-1, Acme &lt;script&gt;alert(1)&lt;/script&gt; # Labs</p>
<p>We are glad to offer you a place in <strong>grant</strong>, which includes money and desk.</p>
<p>Ranked 1 of 3 with score 0.9: given grant, seat 1 of 1.</p>
<h2>What to correct</h2>
<ul>
<li>demo.hours must be a number; fix the record&#39;s field</li>
</ul>
<h2>How each field was judged (0 to 1)</h2>
<ul>
<li>deep tech: 0.9</li>
</ul>
<h2>Where your application is strong</h2>
<ul>
<li>strong *pitch* &lt;b&gt;x&lt;/b&gt;</li>
</ul>
<h2>Where it fell short</h2>
<ul>
<li>thin [demo](http://evil)</li>
</ul>
</body></html>'
expect_eq "vetoed" "$(cat "$work/out/a_b.md")" \
'# Your application to the Hub

Application a/b, Slash

We are sorry: we cannot offer you a place in this round.

Rejected: rule r.v vetoed it: no licence.

## Why not a place above

- **grant and desk only**: rejected: rule r.v vetoed it: no licence

## What ruled it out

- no licence'
expect_eq "waitlisted" "$(cat "$work/out/a_b-2.md")" \
'# Your application to the Hub

Application a\_b

You are **on the waitlist**: if a place is given back, it is offered in waitlist order.

Ranked 3 of 3 with score 0.6: qualifies for grant, but its 1 seats were filled; waitlist position 1 of 1.

## Why not a place above

- **grant**: all 1 seats filled at rank 1 with cut-off score 0.9'
expect_eq "error record" "$(cat "$work/out/line-4.md")" \
'# Your application to the Hub

Application (no id)

We could not evaluate your application as it was sent. Please correct it and send it again:

- line 4 is not JSON: expected a value at column 1'

# Only Markdown; a re-run replaces the letters.
run_assay letters -o "$work/md" --format md "$work/decisions.jsonl"
expect_status 0
expect_eq "md only" "$(ls "$work/md" | grep -c html || true)" "0"

# Usage and input errors: exit 2, nothing half-written.
run_assay letters "$work/decisions.jsonl"
expect_status 2
expect_eq "no -o" "$(cat "$err_file")" "assay: letters needs -o DIR; see \`assay letters --help\`"
run_assay letters -o "$work/x" --format pdf "$work/decisions.jsonl"
expect_status 2
expect_eq "format" "$(cat "$err_file")" 'assay: letters: --format is md, html or both, not "pdf"'
printf '%s\n' '{"id":"ok","decision":"reject"}' 'garbage' > "$work/bad.jsonl"
run_assay letters -o "$work/bad" "$work/bad.jsonl"
expect_status 2
expect_eq "bad line" "$(cat "$err_file")" \
  "assay: letters: $work/bad.jsonl:2: not a decision record; give a file written by assay run -o or assay decide -o"
[ ! -e "$work/bad/index.tsv" ] || fail "an index was written for a failed run"

# What a held application could add: the fields the counted rules read
# and did not find, in the rules' order and the words they declare them
# with (the path alone where a rule gives none); a field inside a missing
# one stands for it. A seated application's letter has no such list.
mkdir -p "$work/kiln"
cat > "$work/kiln/kiln.lua" <<'LUA'
plugin { name = "kiln", version = "1.0.0", domain = "ceramics", description = "Kiln practice" }
domain { name = "ceramics", label = "Ceramics", description = "How the kiln is run" }
rule {
  id = "kiln.firing", weight = 1, description = "Hotter firing, better glaze",
  inputs = {
    ["kiln.temperature_c"] = { type = "number", description = "the highest temperature your kiln reaches, in degrees Celsius" },
    ["kiln"] = "object",
  },
  score = function(app)
    local t = get(app, "kiln.temperature_c", "number")
    if t == nil then return nil end
    return clamp(t / 1300), string.format("fires at %g C", t)
  end,
}
rule {
  id = "kiln.glaze", weight = 1, description = "Lead-free glazes",
  inputs = { ["glaze.lead_free"] = "boolean" },
  score = function(app)
    local g = get(app, "glaze.lead_free", "boolean")
    if g == nil then return nil end
    return g and 1 or 0, g and "lead-free glazes" or "glazes with lead"
  end,
}
-- A description longer than any line buffer: the letter gives it whole.
rule {
  id = "kiln.clay", weight = 1, description = "Local clay",
  inputs = { ["clay.origin"] = { type = "string", description = "where your clay comes from: " .. string.rep("x", 1200) } },
  score = function(app)
    local o = get(app, "clay.origin", "string")
    if o == nil then return nil end
    return 1, "clay from " .. o
  end,
}
LUA
cat > "$work/kiln/policy.lua" <<'LUA'
tier { name = "studio", min_score = 0.5, capacity = 1, requires = "studio", benefits = { "studio" } }
LUA
printf '%s\n' '{"id":"K-1","name":"Hot Clay","requests":["studio"],"kiln":{"temperature_c":1300},"glaze":{"lead_free":true},"clay":{"origin":"Jingdezhen"}}' \
  '{"id":"K-2","name":"Cold Clay","requests":["studio"]}' > "$work/kiln/apps.jsonl"
"$ASSAY_BIN" run -q --no-default-plugins --rules "$work/kiln/kiln.lua" \
  --policy "$work/kiln/policy.lua" "$work/kiln/apps.jsonl" -o "$work/kiln/d.jsonl"
run_assay letters -o "$work/kiln/out" --input "$work/kiln/apps.jsonl" \
  --no-default-plugins --rules "$work/kiln/kiln.lua" --policy "$work/kiln/policy.lua" \
  "$work/kiln/d.jsonl"
expect_status 0
long_x=$(printf 'x%.0s' $(seq 1200))
expect_eq "held: what to add" "$(sed -n '/could add/,$p' "$work/kiln/out/K-2.md")" \
'## What you could add

- the highest temperature your kiln reaches, in degrees Celsius (kiln.temperature\_c)
- glaze.lead\_free
- where your clay comes from: '"$long_x"' (clay.origin)'
expect_eq "seated: nothing to add" "$(grep -c 'could add' "$work/kiln/out/K-1.md" || true)" "0"
expect_eq "html: what to add" "$(sed -n '/could add/,/<\/ul>/p' "$work/kiln/out/K-2.html")" \
'<h2>What you could add</h2>
<ul>
<li>the highest temperature your kiln reaches, in degrees Celsius (kiln.temperature_c)</li>
<li>glaze.lead_free</li>
<li>where your clay comes from: '"$long_x"' (clay.origin)</li>
</ul>'
# Without --input the letters know no fields, and load no plugins.
run_assay letters -o "$work/kiln/bare" "$work/kiln/d.jsonl"
expect_status 0
expect_eq "no input: nothing to add" "$(grep -c 'could add' "$work/kiln/bare/K-2.md" || true)" "0"

# Every line of --input that is not an application is warned of with
# its file and line, whatever decision the run gave it; the rest are read
# as before, and every decision still gets its letter.
{
  printf '%s\n' '{"id":"K-1","name":"Hot Clay","requests":["studio"],"kiln":{"temperature_c":1300},"glaze":{"lead_free":true},"clay":{"origin":"Jingdezhen"}}' \
    'garbage' '' '["K-3"]' '{"id":7,"name":"Number"}'
  printf '{"id":"K-4",\0"name":"Nul"}\n'
  python3 -c 'print("{\"id\":\"K-5\",\"pad\":\"" + "x" * (1 << 20) + "\"}")'
  printf '%s\n' '{"id":"K-2","name":"Cold Clay","requests":["studio"]}'
} > "$work/kiln/mixed.jsonl"
"$ASSAY_BIN" run -q --no-default-plugins --rules "$work/kiln/kiln.lua" \
  --policy "$work/kiln/policy.lua" "$work/kiln/mixed.jsonl" -o "$work/kiln/mixed-d.jsonl" || true
run_assay letters -o "$work/kiln/mixed" --input "$work/kiln/mixed.jsonl" \
  --no-default-plugins --rules "$work/kiln/kiln.lua" --policy "$work/kiln/policy.lua" \
  "$work/kiln/mixed-d.jsonl"
expect_status 0
expect_eq "malformed applications, each with its line" "$(cat "$err_file")" \
"assay: warning: letters: $work/kiln/mixed.jsonl:2: not a JSON object; skipped
assay: warning: letters: $work/kiln/mixed.jsonl:4: not a JSON object; skipped
assay: warning: letters: $work/kiln/mixed.jsonl:5: no string \"id\"; skipped
assay: warning: letters: $work/kiln/mixed.jsonl:6: holds a NUL byte; skipped
assay: warning: letters: $work/kiln/mixed.jsonl:7: longer than 1048576 bytes; skipped
assay: 7 letters written to $work/kiln/mixed"
expect_eq "mixed: index" "$(cut -f1,2 "$work/kiln/mixed/index.tsv")" \
"id	decision
K-1	studio
	error
	error
	error
	error
	error
K-2	review"
expect_eq "mixed: seated keeps its name" "$(sed -n 3p "$work/kiln/mixed/K-1.md")" "Application K-1, Hot Clay"
expect_eq "mixed: held still says what to add" \
  "$(grep -c '^- ' <(sed -n '/could add/,$p' "$work/kiln/mixed/K-2.md"))" "3"

# The sample: a letter for every applicant.
"$ASSAY_BIN" run -q "$examples/applications.jsonl" -o "$work/sample.jsonl"
run_assay letters -o "$work/sample" --input "$examples/applications.jsonl" "$work/sample.jsonl"
expect_status 0
expect_eq "sample letters" "$(ls "$work/sample"/*.md | wc -l | tr -d ' ')" "72"
expect_eq "sample html" "$(ls "$work/sample"/*.html | wc -l | tr -d ' ')" "72"
expect_eq "sample index" "$(wc -l < "$work/sample/index.tsv" | tr -d ' ')" "73"
expect_eq "sample: held letters that say what to add" \
  "$(grep -l 'could add' "$work/sample"/*.md | wc -l | tr -d ' ')" "10"
expect_eq "sample: APP-2026-006 could add" "$(grep -A3 'could add' "$work/sample/APP-2026-006.md" | sed -n 3,4p)" \
'- the time your model takes per frame, in milliseconds (ai.benchmarks.latency\_ms)
- the mean average precision (mAP, 0 to 1) of your perception model on a public benchmark (ai.benchmarks.mAP)' 
echo "ok $test_name"
