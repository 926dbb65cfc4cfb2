# Every scored record carries the fingerprint of the plugins and rules that
# made it, and assay decide refuses a mix, naming both fingerprints and
# where each first appeared (docs/batch.md, "One set of rules for every
# shard"); the guide's example runs as written and prints what it says.
source "$(dirname "$0")/lib/common.bash"

doc="$ASSAY_SOURCE_DIR/docs/batch.md"
# fingerprints FILE: the distinct fingerprints of FILE's records.
fingerprints()
{
    grep -o '"fingerprint":"[0-9a-f]*"' "$1" | sort -u | cut -d'"' -f4
}
cd "$work"
mkdir guide && cd guide
doc_block "$doc" decide/team.lua >team.lua
doc_block "$doc" decide/mixed.sh >mixed.sh
doc_block "$doc" decide/mixed.err >expected.err
[ -s team.lua ] && [ -s mixed.sh ] && [ -s expected.err ] ||
    fail "docs/batch.md has no fingerprint example"
PATH="$(dirname "$ASSAY_BIN"):$PATH" bash mixed.sh >printed 2>stderr
expect_eq "printed" "$(cat printed)" "exit 2"
grep -qx 'prints `exit 2`, writes nothing to `decisions.jsonl`, and says on stderr' "$doc" ||
    fail "docs/batch.md does not say what the example prints"
expect_eq "decisions" "$(wc -c <decisions.jsonl | tr -d ' ')" 0
expect_eq "message" "$(cat stderr)" "$(cat expected.err)"
# The documented definition, computed here from the rule file as first
# written: sha256 of the header line and one line per plugin.
first=$(doc_block "$doc" decide/team.lua | python3 -c '
import hashlib, sys
rules = sys.stdin.buffer.read()
line = b"lua \"team\" \"1.0.0\" 2 " + hashlib.sha256(rules).hexdigest().encode() + b" \"{}\"\n"
print(hashlib.sha256(b"assay plugin set 1\n" + line).hexdigest()[:16])')
expect_eq "first shard's fingerprint" "$(fingerprints first.scored)" "$first"
cd "$work"

# The shipped plugins: one fingerprint on every ok record, none on error
# records, the same in the manifest of run, and named by decide's manifest.
printf '%s\n' '{"id":"F-1","requests":["training"]}' '{"id":"F-2"' \
    '{"id":"F-3","domains":["ai"],"ai":{"edge_deploy":true}}' >cohort.jsonl
run_assay score -q cohort.jsonl
expect_status 1
mv "$out_file" shipped.scored
expect_eq "fingerprints" "$(fingerprints shipped.scored | wc -l | tr -d ' ')" 1
fp=$(fingerprints shipped.scored)
expect_eq "on ok records" "$(grep -c "\"fingerprint\":\"$fp\"}\$" shipped.scored)" 2
expect_eq "error record" "$(sed -n 2p shipped.scored | grep -c fingerprint || true)" 0
run_assay run -q -o run.jsonl cohort.jsonl
expect_eq "run manifest" "$(json_field 1 fingerprint run.jsonl.manifest.json)" "\"$fp\""
run_assay decide -q --allow-error-records -o decided.jsonl shipped.scored
expect_status 0
expect_eq "decide manifest" "$(json_field 1 fingerprint decided.jsonl.manifest.json)" "\"$fp\""
cmp run.jsonl decided.jsonl || fail "score + decide differs from run"

# The same plugins plus one rule file: another fingerprint, refused mixed.
cat >extra.lua <<'LUA'
plugin { name = "extra", version = "1.0.0", domain = "business",
         description = "one more rule" }
rule { id = "extra.any", weight = 1, description = "every record",
  score = function(app) return 1, "any" end }
LUA
run_assay score -q --first-line 4 --no-default-plugins --plugin-dir "$shipped" --rules extra.lua cohort.jsonl
mv "$out_file" more.scored
more=$(fingerprints more.scored)
[ "$more" != "$fp" ] || fail "a rule file more did not change the fingerprint"
run_assay decide -q shipped.scored more.scored
expect_status 2
expect_eq "stdout" "$(output_lines)" 0
expect_eq "mix" "$(cat "$err_file")" \
    "assay: the scored records were made by different plugins or rules: fingerprint $fp first at shipped.scored:1, fingerprint $more first at more.scored:1; score every shard with the same plugins, rule files and plugin configuration"

# Scored records from before fingerprints: decided alone as before (and
# the manifest has none), refused mixed with newer ones.
sed 's/,"fingerprint":"[0-9a-f]*"//' shipped.scored >old.scored
run_assay decide -q --allow-error-records -o old.jsonl old.scored
expect_status 0
cmp run.jsonl old.jsonl || fail "old records decide differently"
expect_eq "old manifest" "$(json_field 1 fingerprint old.jsonl.manifest.json)" null
sed 's/"line":\([0-9]*\)/"line":1\1/' shipped.scored >new.scored
run_assay decide -q old.scored new.scored
expect_status 2
expect_eq "old and new" "$(cat "$err_file")" \
    "assay: the scored records were made by different plugins or rules: no fingerprint (an older assay score wrote it) first at old.scored:1, fingerprint $fp first at new.scored:1; score every shard with the same plugins, rule files and plugin configuration"
echo "ok $test_name"
