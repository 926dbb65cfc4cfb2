# docs/office.md as written: its commands run in order from a copy of the
# examples, and the import message it quotes is what assay prints.
source "$(dirname "$0")/lib/common.bash"
doc="$ASSAY_SOURCE_DIR/docs/office.md"
cd "$work"
cp -r "$examples" examples
mkdir out
python3 - "$doc" >commands.sh <<'PY'
import re, sys
doc = open(sys.argv[1], encoding="utf-8").read()
for block in re.findall(r"^<!-- office-commands -->\n```sh\n(.*?)^```", doc, re.M | re.S):
    print(block)
PY
expect_eq "command blocks" "$(grep -c '^assay ' commands.sh)" 6
assay() { "$ASSAY_BIN" "$@"; }
set +e
source commands.sh 2>import.err
set -e
for f in applications.jsonl validation.txt decisions.jsonl decisions-final.jsonl summary-final.json summary.json report.html report.csv committee.xlsx letters/index.tsv; do
  [ -s "out/$f" ] || fail "docs/office.md's commands wrote no out/$f"
done
while IFS= read -r line; do
  grep -qxF "    $line" "$doc" || fail "docs/office.md does not quote: $line"
done <import.err
# The letter it quotes ends as APP-2026-006's letter does.
python3 - "$doc" >quoted_letter.txt <<'PY'
import re, sys
doc = open(sys.argv[1], encoding="utf-8").read()
block = re.search(r"^<!-- letter APP-2026-006 -->\n((?:    .*\n)+)", doc, re.M).group(1)
print("".join(l[4:] + "\n" for l in block.splitlines()), end="")
PY
expect_eq "quoted letter" "$(grep -v "^$" out/letters/APP-2026-006.md | tail -n "$(wc -l < quoted_letter.txt)")" \
  "$(cat quoted_letter.txt)"
# The reviews it quotes are the example's, and the run took them.
for line in 'reviewer,id,criterion,score,comment,conflict' \
  'Chen,APP-2026-001,technology,4,Fusion stack already on a production controller,' \
  'Müller,APP-2026-003,team,5,,yes'; do
  grep -qxF "    $line" "$doc" || fail "docs/office.md does not quote: $line"
  grep -qxF "$line" examples/reviews.csv || fail "examples/reviews.csv has no: $line"
done
grep -qxF '    APP-2026-020,office,Cleared by hand: its HD map is licensed from a partner,Selection committee,2026-05-04' "$doc" ||
  fail "docs/office.md does not quote examples/overrides.csv"
expect_eq "overrides" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["overrides"])' out/summary-final.json)" \
  "{'applied': 1, 'displaced': 0}"
python3 - out/decisions-final.jsonl <<'PY' || fail "the override of APP-2026-020"
import json, sys
r = [json.loads(l) for l in open(sys.argv[1])]
o = [x for x in r if x["id"] == "APP-2026-020"][0]
assert o["decision"] == "office" and o["override"]["who"] == "Selection committee", o
PY
expect_eq "panel records" "$(grep -c '"panel":{' out/decisions.jsonl)" 6
echo "ok $test_name"
