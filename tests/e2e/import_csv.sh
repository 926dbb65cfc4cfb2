# assay import: a CSV sheet through a mapping into applications. The sample
# sheet (examples/applications.csv, the sample applications as a sheet)
# imports to the sample records and decides as they do; every problem names
# its row and column.
source "$(dirname "$0")/lib/common.bash"
mapping="$examples/applications.mapping.json"

# The sample sheet: 72 rows, one problem (row 9's team size is "twelve").
run_assay import --mapping "$mapping" "$examples/applications.csv" -o "$work/apps.jsonl"
expect_status 1
expect_eq "import messages" "$(cat "$err_file")" \
'assay: '"$examples"'/applications.csv: row 9, column "Team size" (H): "twelve" is not a whole number; kept as text, so the rules that read team.size report it; fix the cell
assay: imported 72 rows; 1 problems above, each row still written'
expect_eq "rows written" "$(wc -l <"$work/apps.jsonl" | tr -d ' ')" 72

# It is the JSON Lines sample with nulls and empty lists left out (a sheet
# has only empty cells, so "" too), and typed as a sheet types it: the two records
# whose JSON has a number as text ("sae_level":"4") or one technology as a
# string ("tech":"5G") hold a number and a list.
python3 - "$examples/applications.jsonl" "$work/apps.jsonl" "$work/expected.jsonl" <<'PY' || fail "imported records differ"
import json, sys
def clean(node):
    if isinstance(node, dict):
        out = {k: clean(v) for k, v in node.items()}
        return {k: v for k, v in out.items() if v not in (None, "", [], {})}
    return node
want = [clean(json.loads(l)) for l in open(sys.argv[1], encoding="utf-8")]
want[13]["autonomous_driving"]["sae_level"] = 4
want[14]["connectivity"]["tech"] = ["5G"]
got = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
for n, (w, g) in enumerate(zip(want, got), 1):
    if w != g:
        sys.exit(f"line {n}: want {w}\n got {g}")
with open(sys.argv[3], "w", encoding="utf-8") as f:
    for w in want:
        f.write(json.dumps(w, ensure_ascii=False) + "\n")
PY
"$ASSAY_BIN" run -q "$work/expected.jsonl" -o "$work/from-jsonl.jsonl"
"$ASSAY_BIN" run -q "$work/apps.jsonl" -o "$work/from-csv.jsonl"
cmp -s "$work/from-jsonl.jsonl" "$work/from-csv.jsonl" ||
  fail "decisions from the sheet differ from those of the JSON Lines"

# A tiny mapping for the error cases; ';' delimited, as European Excel saves.
cat >"$work/map.json" <<'JSON'
{"delimiter": ";",
 "columns": [{"column": "ID", "field": "id"},
             {"column": "Founded", "field": "founded", "type": "integer"},
             {"column": "Tech", "field": "connectivity.tech", "type": "list", "separator": "|"},
             {"column": "Certified", "field": "connectivity.certified", "type": "boolean"},
             {"column": "Note", "field": "description"}],
 "ignore": ["Website"]}
JSON
# A byte order mark, a quoted cell over two lines with a doubled quote, a
# blank row (written as an empty line, so line N stays row N + 1), list
# items trimmed.
printf '\xef\xbb\xbfID;Founded;Tech;Certified;Note;Website\r\nA-1; 2020 ;5G | C-V2X;Yes;"two\r\nlines, ""quoted""";x.com\r\n;;;;;\r\nA-2;;;no;;\r\n' >"$work/good.csv"
run_assay import -m "$work/map.json" "$work/good.csv"
expect_status 0
expect_eq "imported" "$(cat "$out_file")" \
'{"id":"A-1","founded":2020,"connectivity":{"tech":["5G","C-V2X"],"certified":true},"description":"two\r\nlines, \"quoted\""}

{"id":"A-2","connectivity":{"certified":false}}'
expect_eq "no messages" "$(cat "$err_file")" ""

# Cells that do not fit: each named by row and column letter; rows kept.
printf 'ID;Founded;Tech;Certified;Note\n;1999.5;;maybe;\nB-2;;;;\xff\xfe;extra\n' >"$work/bad.csv"
run_assay import -m "$work/map.json" "$work/bad.csv"
expect_status 1
expect_eq "problems" "$(cat "$err_file")" \
"assay: $work/bad.csv: row 2, column \"ID\" (A): the id is empty; every application needs one (the row is written without it and becomes an error record)
assay: $work/bad.csv: row 2, column \"Founded\" (B): \"1999.5\" is not a whole number; kept as text, so the rules that read founded report it; fix the cell
assay: $work/bad.csv: row 2, column \"Certified\" (D): \"maybe\" is not yes or no (true/false, 1/0); kept as text, so the rules that read connectivity.certified report it; fix the cell
assay: $work/bad.csv: row 3, column \"\" (F): this row has 6 cells but the header only 5; the cells past the header are not imported: check the row's quoting or delimiters
assay: $work/bad.csv: row 3, column \"Note\" (E): not UTF-8 text (invalid bytes are written as U+FFFD); save the sheet as \"CSV UTF-8\"
assay: imported 2 rows; 5 problems above, each row still written"
expect_eq "kept rows" "$(cat "$out_file")" \
'{"founded":"1999.5","connectivity":{"certified":"maybe"}}
{"id":"B-2","description":"��"}'

# A header that does not match the mapping: nothing imported, status 2,
# and an existing output file is left as it was.
echo "previous" >"$work/out.jsonl"
printf 'ID;Foundd;Tech;Certified;Note\nA;1;;;\n' >"$work/typo.csv"
run_assay import -m "$work/map.json" "$work/typo.csv" -o "$work/out.jsonl"
expect_status 2
expect_eq "typo" "$(cat "$err_file")" \
"assay: $work/typo.csv: row 1: column B, \"Foundd\", is not in the mapping $work/map.json; did you mean \"Founded\"? Map it, or list it under \"ignore\""
expect_eq "output kept" "$(cat "$work/out.jsonl")" "previous"
expect_eq "no temporary left" "$(ls "$work" | grep -c tmp || true)" 0

printf 'ID;Tech;Certified;Note\nA;;;\n' >"$work/short.csv"
run_assay import -m "$work/map.json" "$work/short.csv"
expect_status 2
expect_eq "missing column" "$(cat "$err_file")" \
"assay: $work/short.csv: row 1: the header has no column \"Founded\", which the mapping $work/map.json maps to founded; add the column or remove it from the mapping"

printf 'ID;Founded;Tech;Certified;Note\nA;1;;;"open\nB;2;;;x"y\n' >"$work/broken.csv"
run_assay import -m "$work/map.json" "$work/broken.csv"
expect_status 2
expect_eq "malformed" "$(cat "$err_file")" \
"assay: $work/broken.csv: row 2: malformed CSV (error parsing data while strict checking enabled); a quote inside a cell must be doubled and the cell quoted"
printf 'ID;Founded;Tech;Certified;Note\nA;1;;;ok\nB;2;;;"open\n' >"$work/open.csv"
run_assay import -m "$work/map.json" "$work/open.csv"
expect_status 2
expect_eq "unclosed" "$(cat "$err_file")" \
"assay: $work/open.csv: row 3: malformed CSV at the end of the file (error parsing data while strict checking enabled); close the last quoted cell"

: >"$work/empty.csv"
run_assay import -m "$work/map.json" "$work/empty.csv"
expect_status 2
expect_eq "empty" "$(cat "$err_file")" \
"assay: $work/empty.csv: row 1: the file is empty; a sheet needs a header row"

# Mappings are checked before any row is read.
check_mapping()
{
    printf '%s' "$1" >"$work/m.json"
    run_assay import -m "$work/m.json" "$work/good.csv"
    expect_status 2
    expect_eq "mapping $1" "$(cat "$err_file")" "assay: $work/m.json: $2"
}
check_mapping '{"columns":[{"column":"A","field":"name"}]}' \
  'no column maps to the field "id"; every application needs one, so name the column that holds it'
check_mapping '{"columns":[{"column":"A","field":"id"},{"column":"B","field":"team"},{"column":"C","field":"team.size"}]}' \
  'columns "B" and "C" both write field "team"; give each column its own field'
check_mapping '{"columns":[{"column":"A","field":"id"},{"column":"B","field":"x","type":"date"}]}' \
  'columns[1] (B): "type" must be string, number, integer, boolean or list, and a list'"'"'s "items" one of the first four'
check_mapping '{"columns":[{"column":"A","field":"id"}],"sheet":1}' \
  'unknown key "sheet"; a mapping has "columns", "ignore" and "delimiter"'
check_mapping '{"columns":[' \
  'not JSON (near byte 12); a mapping is a JSON object, see docs/office.md'

run_assay import "$work/good.csv"
expect_status 2
expect_eq "no mapping" "$(cat "$err_file")" \
  "assay: import needs --mapping FILE (which column holds which field; see docs/office.md)"
echo "ok $test_name"
