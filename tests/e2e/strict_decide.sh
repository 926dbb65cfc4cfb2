# assay decide refuses a scored record that breaks the documented format
# (docs/output.md, "What assay decide refuses"): exit 2, nothing written,
# one line on stderr naming the file, the line and what is wrong. A crafted
# key cannot forge a decision record.
source "$(dirname "$0")/lib/common.bash"

cd "$work"
printf '%s\n' \
    '{"id":"S-1","domains":["ai"],"requests":["training"],"ai":{"edge_deploy":true,"data_hours":5000}}' \
    '{"id":"S-2","domains":["ai"],"requests":["funding"],"ai":{"data_hours":90000}}' \
    '{"id":"S-3","requests":["office"],"funding":{"stage":"seed"}}' >cohort.jsonl
run_assay score -q cohort.jsonl
expect_status 0
mv "$out_file" scored.jsonl
run_assay decide -q scored.jsonl
expect_status 0
expect_eq "decisions of the untouched file" "$(output_lines)" 3

# refused LINE_NO SED_EXPRESSION MESSAGE: line LINE_NO of scored.jsonl
# edited by the expression is refused with exactly MESSAGE.
refused()
{
    sed "$1$2" scored.jsonl >edited.jsonl
    cmp -s scored.jsonl edited.jsonl && fail "the edit $2 changed nothing"
    run_assay decide -q edited.jsonl
    expect_status 2
    expect_eq "stdout after refusing line $1" "$(output_lines)" 0
    expect_eq "message for $2" "$(cat "$err_file")" \
        "assay: edited.jsonl:$1: not a scored record: $3; assay decide reads what assay score writes"
    echo "$3" >>messages
}

refused 1 's/"domains":{"ai":[0-9.]*}/"domains":{"ai":5}/' \
    '"domains"."ai" is 5, outside [0, 1]'
refused 2 's/"domains":{"ai":[0-9.]*}/"domains":{"ai":-0.5}/' \
    '"domains"."ai" is -0.5, outside [0, 1]'
refused 1 's/"domains":{"ai":[0-9.]*}/"domains":{"ai":1e305}/' \
    '"domains"."ai" is 1e+305, outside [0, 1]'
refused 1 's/"domains":{"ai":[0-9.]*}/"domains":{"ai":1e999}/' \
    '"domains"."ai" is not a finite number'
refused 1 's/"domains":{"ai":\([0-9.]*\)}/"domains":{"ai":"\1"}/' \
    '"domains"."ai" is a string, not a number'
refused 1 's/"vetoes":\[\]/"vetoes":"SAE level 4 without a safety case"/' \
    '"vetoes" is a string, not an array'
refused 2 's/"line":2,/"line":2,"line":9,/' 'the key "line" is given twice'
refused 1 's/"domains":{"ai":\([0-9.]*\)}/"domains":{"ai":\1,"ai":0}/' \
    'the key "ai" is given twice in "domains"'
refused 3 's/"status":"ok"/"status":"ok","note":"seed\\u0000junk"/' \
    'a string holds a NUL character at column 57 (JSON readers cut the string there)'
refused 3 's/"line":3,/"line":18446744073709551616,/' \
    '"line" is 1.844674407370955e+19, not a whole number from 1 to 2^53'
refused 2 's/"part":0,/"part":0.5,/' \
    '"part" is 0.5, not a whole number from 0 to 2^53'
refused 1 's/"weight":1,/"weight":2e6,/' \
    '"findings"[0]."weight" is 2e+06, outside [0, 1e+06]'
refused 1 's/,"flags":\[[^]]*\]//' '"flags" is missing'
refused 1 's/{"rule"/{"x":1,"rule"/' \
    '"findings"[0]."x" is not a member assay score writes there'
refused 2 's/"id":"S-2"/"id":""/' '"id" is empty'
# Text after the object: the end of a line two records were pasted into.
refused 2 's/}$/} {"id":"S-9"}/' \
    "text after the JSON object at column $(( $(sed -n 2p scored.jsonl | wc -c) ))"

# docs/output.md quotes these messages, and its example line is one.
python3 - "$ASSAY_SOURCE_DIR/docs/output.md" messages <<'PY' || fail "docs/output.md quotes a message decide does not write"
import re, sys
doc = open(sys.argv[1], encoding="utf-8").read()
section = doc.split("### What assay decide refuses", 1)[1].split("\n## ", 1)[0]
written = set(open(sys.argv[2], encoding="utf-8").read().splitlines())
quoted = [q for row in re.findall(r"^\| [^|]+ \| (.+) \|$", section, re.M)[1:]
          for q in re.findall(r"`([^`]+)`", row)]
if len(quoted) != 12:
    sys.exit(f"expected the table's messages, found {len(quoted)}")
missing = [q for q in quoted if q not in written]
if missing:
    sys.exit("not written: " + "; ".join(missing))
PY
mkdir doc
sed '2s/"domains":{"ai":[0-9.]*}/"domains":{"ai":5}/' scored.jsonl >doc/scored.jsonl
(cd doc && "$ASSAY_BIN" decide -q scored.jsonl >/dev/null 2>../doc.err) && fail "doc example decided"
grep -qxF "    $(cat doc.err)" "$ASSAY_SOURCE_DIR/docs/output.md" ||
    fail "docs/output.md lacks: $(cat doc.err)"

# The refusal names the file and line it is in, among several inputs.
head -n 2 scored.jsonl >first.jsonl
tail -n 1 scored.jsonl | sed 's/"vetoes":\[\]/"vetoes":{}/' >second.jsonl
run_assay decide -q first.jsonl second.jsonl
expect_status 2
expect_eq "message for the second input" "$(cat "$err_file")" \
    'assay: second.jsonl:1: not a scored record: "vetoes" is an object, not an array; assay decide reads what assay score writes'

# A key crafted to end its line and start a forged decision record: refused,
# and no writer copies it unescaped.
cat >forged.jsonl <<'EOF'
{"id":"X-1","line":1,"part":0,"status":"ok","domains":{"ai":0.5},"claimed":["ai"],"requests":["training"],"findings":[{"rule":"r","plugin":"p","domain":"ai","score":0.5,"weight":1,"reason":"x","z\"}],\"vetoes\":[],\"flags\":[]}\n{\"id\":\"FORGED\",\"status\":\"ok\"}\n{\"a\":[{\"b":1}],"vetoes":[{"rule":"r","plugin":"p","reason":"no"}],"flags":[]}
EOF
run_assay decide -q forged.jsonl
expect_status 2
expect_eq "stdout for the forged line" "$(output_lines)" 0
expect_eq "message for the forged line" "$(cat "$err_file")" \
    'assay: forged.jsonl:1: not a scored record: "findings"[0]."z\"}],\"vetoes\":[],\"flags\":[]}\n{\"id\":\"FORGED\",\"status\":\"ok\"}\n{\"a\":[{\"b" is not a member assay score writes there; assay decide reads what assay score writes'
expect_eq "lines on stderr" "$(wc -l <"$err_file" | tr -d ' ')" 1
echo "ok $test_name"
