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
expect_eq "command blocks" "$(grep -c '^assay ' commands.sh)" 5
assay() { "$ASSAY_BIN" "$@"; }
set +e
source commands.sh 2>import.err
set -e
for f in applications.jsonl validation.txt decisions.jsonl summary.json report.html report.csv committee.xlsx letters/index.tsv; do
  [ -s "out/$f" ] || fail "docs/office.md's commands wrote no out/$f"
done
while IFS= read -r line; do
  grep -qxF "    $line" "$doc" || fail "docs/office.md does not quote: $line"
done <import.err
echo "ok $test_name"
