#!/usr/bin/env bash
# `assay explain`: one application by id from JSON Lines input (decided with
# the whole input, as a run decides it), or from a record file spanning
# lines; text for a human, and with --json exactly the record `assay run`
# writes.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
so="$ASSAY_BUILD_DIR/plugins/autonomous_driving/autonomous_driving.so"
rules="$ASSAY_SOURCE_DIR/tests/rules/mixed"

cat > "$tmp/in.jsonl" <<'JSON'
{"id":"A","domains":["autonomous_driving"],"team":{"size":5},"autonomous_driving":{"safety_case":"UL 4600","hd_map":true}}
{"id":"B","team":{"size":200},"autonomous_driving":{"hd_map":false}}
JSON

"$ASSAY_BIN" explain --no-default-plugins --plugin "$so" --rules "$rules" --id B "$tmp/in.jsonl" > "$tmp/text"
cat > "$tmp/want" <<'TXT'
B (line 2)
decision: reject
rank:     2
score:    0.5625 (weighted mean of the domain scores: autonomous_driving (weight 1), business (weight 1))
why:      Rejected: rule mixed.team vetoed it: a team of 200 is no startup.
why not financial_incubation: rejected: rule mixed.team vetoed it: a team of 200 is no startup
why not office: rejected: rule mixed.team vetoed it: a team of 200 is no startup
why not training: rejected: rule mixed.team vetoed it: a team of 200 is no startup

autonomous_driving  0.125
  0      x 2    ad.safety_case (autonomous_driving): no safety case standard given
  0.25   x 2    mixed.hd_map (mixed): no HD map

business  1
  1      x 1    mixed.team (mixed): team of 200

vetoes:
  mixed.team (mixed): a team of 200 is no startup
TXT
diff -u "$tmp/want" "$tmp/text"

# --json is the line `assay run` writes for the record.
"$ASSAY_BIN" run --no-default-plugins --plugin "$so" --rules "$rules" "$tmp/in.jsonl" | sed -n 2p > "$tmp/run"
"$ASSAY_BIN" explain --json --no-default-plugins --plugin "$so" --rules "$rules" --id B "$tmp/in.jsonl" > "$tmp/json"
diff -u "$tmp/run" "$tmp/json"

# A record file may span lines; a domain the record does not claim is
# shown but marked as not counted. (A claim of a domain no loaded rule
# judges, such as ai here, would not count as a claim: the record would
# claim nothing and every domain would count.)
cat > "$tmp/record.json" <<'JSON'
{
  "id": "C",
  "domains": ["business"],
  "team": {"size": 20},
  "autonomous_driving": {"hd_map": true}
}
JSON
"$ASSAY_BIN" explain --no-default-plugins --rules "$rules" "$tmp/record.json" > "$tmp/text"
cat > "$tmp/want" <<'TXT'
C (line 1)
decision: reject
rank:     1
score:    1 (weighted mean of the domain scores: business (weight 1))
why:      Ranked 1 of 1 with score 1: it requested none of what the tiers offer (funding, office, training or consulting).
why not financial_incubation: not requested (it needs a request for funding)
why not office: not requested (it needs a request for office)
why not training: not requested (it needs a request for training or consulting)

autonomous_driving  1  (not in the overall score)
  1      x 2    mixed.hd_map (mixed): has an HD map

business  1
  1      x 1    mixed.team (mixed): team of 20
TXT
diff -u "$tmp/want" "$tmp/text"

# Several records without --id, or an unknown id: exit 2 with the reason.
status=0
"$ASSAY_BIN" explain --no-default-plugins --rules "$rules" "$tmp/in.jsonl" 2> "$tmp/err" || status=$?
[ "$status" -eq 2 ] || { echo "exit $status, expected 2"; exit 1; }
echo "assay: $tmp/in.jsonl holds 2 records; choose one with --id" | diff -u - "$tmp/err"
status=0
"$ASSAY_BIN" explain --no-default-plugins --rules "$rules" --id Z "$tmp/in.jsonl" 2> "$tmp/err" || status=$?
[ "$status" -eq 2 ] || { echo "exit $status, expected 2"; exit 1; }
echo "assay: $tmp/in.jsonl: no record with id \"Z\"" | diff -u - "$tmp/err"
echo "lua_explain: ok"
