# assay report --xlsx: the committee's workbook, read back with openpyxl.
source "$(dirname "$0")/lib/common.bash"
py=python3
python3 -c 'import openpyxl' 2>/dev/null || py=/usr/bin/python3
$py -c 'import openpyxl' || fail "python3-openpyxl is missing; run scripts/setup"

# The sample, one application whose name would be a formula, and a line
# that is not JSON (an error record).
cp "$examples/applications.jsonl" "$work/in.jsonl"
printf '%s\n' '{"id":"=HYPERLINK(\"x\")","name":"=1+1\u0001","requests":["training"]}' 'not json' >>"$work/in.jsonl"
run_assay run -q "$work/in.jsonl" -o "$work/decisions.jsonl" --summary "$work/summary.json"
expect_status 1
run_assay report "$work/decisions.jsonl" --summary "$work/summary.json" \
  --input "$work/in.jsonl" --xlsx "$work/committee.xlsx"
expect_status 0

$py - "$work/committee.xlsx" "$work/decisions.jsonl" "$work/summary.json" <<'PY' || fail "workbook"
import json, sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
records = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
ok = sorted((r for r in records if r["status"] == "ok"), key=lambda r: r["rank"])
counts = json.load(open(sys.argv[3]))["counts"]
met = [d for d, n in counts.items() if n]
want_sheets = ["Ranking"] + met + ["Errors"]
if wb.sheetnames != want_sheets:
    sys.exit(f"sheets {wb.sheetnames}, want {want_sheets}")
header = ["Rank", "ID", "Name", "Decision", "Score", "Why"]
def rows(ws):
    return [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
for ws in wb.worksheets[:-1]:
    if [c.value for c in ws[1]] != header or ws.freeze_panes != "A2":
        sys.exit(f"{ws.title}: header {[c.value for c in ws[1]]}, frozen {ws.freeze_panes}")
    want = [r for r in ok if ws.title == "Ranking" or r["decision"] == ws.title]
    got = rows(ws)
    if [g[0] for g in got] != [r["rank"] for r in want]:
        sys.exit(f"{ws.title}: ranks {[g[0] for g in got]}")
    for g, r in zip(got, want):
        if g[1] != r["id"] or g[3] != r["decision"] or g[4] != r["score"] or g[5] != r["why"]:
            sys.exit(f"{ws.title}: row {g} is not {r['id']}")
first = rows(wb["Ranking"])[0]
if first[:3] != [1, "APP-2026-062", "Sunrise V2X Chip"]:
    sys.exit(f"first row {first}")
hostile = [g for g in rows(wb["Ranking"]) if g[1] == '=HYPERLINK("x")']
if len(hostile) != 1 or hostile[0][2] != "=1+1\ufffd":
    sys.exit(f"hostile row {hostile}: must be text, the control character replaced")
if wb["Ranking"].cell(row=2 + rows(wb["Ranking"]).index(hostile[0]), column=2).data_type != "s":
    sys.exit("a formula-like id must be a string cell")
errors = rows(wb["Errors"])
if errors != [[74, None, "line 74: malformed JSON near column 1; each line must be one complete JSON object"]]:
    sys.exit(f"errors {errors}")
PY
echo "ok $test_name"
