# docs/calibrate.md as written: its commands run in order from a copy of
# the tree's examples and scripts, and every line it quotes from the
# report is a line of what assay calibrate wrote.
source "$(dirname "$0")/lib/common.bash"
doc="$ASSAY_SOURCE_DIR/docs/calibrate.md"
cd "$work"
cp -r "$examples" examples
mkdir scripts
cp "$ASSAY_SOURCE_DIR/scripts/gen-applications" scripts/
python3 - "$doc" >commands.sh 2>quoted.txt <<'PY'
import re, sys
doc = open(sys.argv[1], encoding="utf-8").read()
for block in re.findall(r"^<!-- calibrate-commands -->\n```sh\n(.*?)^```", doc, re.M | re.S):
    print(block)
for block in re.findall(r"^<!-- calibrate-output -->\n((?:    .*\n)+)", doc, re.M):
    for line in block.splitlines():
        print(line[4:], file=sys.stderr)
PY
expect_eq "command lines" "$(grep -c '^assay \|^scripts/' commands.sh)" 4
expect_eq "quoted lines" "$(wc -l < quoted.txt | tr -d ' ')" 8
assay() { "$ASSAY_BIN" "$@"; }
source commands.sh
[ -s fitted.lua ] || fail "docs/calibrate.md's commands wrote no fitted.lua"
while IFS= read -r line; do
  grep -qxF -- "$line" calibration.txt || fail "calibrate did not write the quoted line: $line"
done <quoted.txt
echo "ok $test_name"
