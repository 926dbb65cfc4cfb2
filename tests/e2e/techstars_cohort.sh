# A real cohort: the Techstars portfolio (../shared/data/techstars beside
# the source tree, or $ASSAY_TECHSTARS_DIR) as a programme office's sheet,
# converted by scripts/techstars-to-csv, imported with the shipped mapping
# and decided. No company reaches the mobility text rule's full score by a
# word that merely starts like a mobility word ("care", "carbon", "cargo").
source "$(dirname "$0")/lib/common.bash"
data="${ASSAY_TECHSTARS_DIR:-$ASSAY_SOURCE_DIR/../shared/data/techstars}"
if [ ! -f "$data/ai-ml.json" ]; then
  echo "skip $test_name: no Techstars data at $data"
  exit 77
fi

python3 "$ASSAY_SOURCE_DIR/scripts/techstars-to-csv" "$data" >"$work/techstars.csv"
expect_eq "sheet rows" "$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding="utf-8"))))' "$work/techstars.csv")" 2155
run_assay import -m "$examples/techstars.mapping.json" "$work/techstars.csv" -o "$work/techstars.jsonl"
expect_status 0
expect_eq "applications" "$(wc -l <"$work/techstars.jsonl" | tr -d ' ')" 2154

run_assay run -q "$work/techstars.jsonl" -o "$work/decisions.jsonl" --summary "$work/summary.json"
expect_status 0
# First-round applications request nothing, so every one is held for a
# human look; none is rejected or seated.
expect_eq "counts" "$(python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["counts"]))' "$work/summary.json")" \
  '{"financial_incubation": 0, "office": 0, "training": 0, "waitlist": 0, "review": 2154, "reject": 0}'

python3 - "$work/techstars.jsonl" "$work/decisions.jsonl" <<'PY' || fail "mobility text matches"
import collections, json, re, sys
apps = {a["id"]: a for a in map(json.loads, open(sys.argv[1], encoding="utf-8"))}
words = collections.Counter()
for d in map(json.loads, open(sys.argv[2], encoding="utf-8")):
    for f in d["findings"]:
        if f["rule"] != "ai.mobility_focus" or f.get("score") != 1:
            continue
        word = re.search(r'mentions "(.*)"', f["reason"]).group(1)
        text = apps[d["id"]]["description"]
        if not re.search(r"(?<![A-Za-z0-9])" + word + r"(?![A-Za-z0-9])", text, re.I):
            sys.exit(f"{d['id']}: \"{word}\" is not a whole word of: {text}")
        words[word] += 1
want = {"autonomous": 24, "vehicles": 13, "vehicle": 10, "driving": 9,
        "car": 6, "mobility": 5, "battery": 4, "traffic": 3, "drivers": 3,
        "fleets": 2, "radar": 2, "driver": 1}
if dict(words) != want:
    sys.exit(f"mobility words: {dict(words)}")
PY
echo "ok $test_name"
