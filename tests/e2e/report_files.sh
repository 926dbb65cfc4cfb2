# assay report over the files of a run: the CSV exactly, the HTML page
# self-contained and byte-identical on reruns, and clear errors for files
# that are not what a run writes. (tests/fixtures/report/ holds a run's
# files written by hand to the shared contract; docs/report.md.)
source "$(dirname "$0")/lib/common.bash"

fixture="$ASSAY_SOURCE_DIR/tests/fixtures/report"
report_args=("$fixture/decisions.jsonl" --summary "$fixture/summary.json"
             --manifest "$fixture/manifest.json"
             --input "$fixture/applications.jsonl")

run_assay report "${report_args[@]}" --html "$work/a.html" --csv "$work/a.csv"
expect_status 0
expect_eq "stderr" "$(cat "$err_file")" ""
cmp "$work/a.csv" "$fixture/expected.csv" || fail "CSV differs from expected.csv"
# Domain labels come from the manifest's declarations, not from the report.
for caption in "AI: 3 scored" "Autonomous driving: 4 scored" "Business: 11 scored" \
               "Connectivity: 3 scored"; do
  grep -qF "<figcaption>$caption</figcaption>" "$work/a.html" ||
    fail "no chart captioned \"$caption\""
done
expect_eq "CSV starts with a UTF-8 byte order mark" \
    "$(head -c 3 "$work/a.csv" | od -An -tx1 | tr -d ' ')" "efbbbf"
expect_eq "CSV rows end in CRLF" "$(grep -c $'\r$' "$work/a.csv")" 15

run_assay report "${report_args[@]}" --html "$work/b.html"
cmp "$work/a.html" "$work/b.html" || fail "two reports of one run differ"

# Self-contained: nothing is fetched, and the policy forbids fetching.
expect_eq "references to other files" \
    "$(grep -Eo '(src|href)="[^#"][^"]*"|url\(|@import|https?://' "$work/a.html" | wc -l)" 0
expect_eq "content security policy" \
    "$(grep -o '<meta http-equiv="Content-Security-Policy" content="[^"]*"' "$work/a.html" | cut -d'"' -f4)" \
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-$(
        python3 -c 'import base64,hashlib,re,sys
page = open(sys.argv[1], encoding="utf-8").read()
script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
print(base64.b64encode(hashlib.sha256(script.encode()).digest()).decode())' "$work/a.html")'; base-uri 'none'; form-action 'none'"
expect_eq "table rows" "$(grep -o '<tr class="d[0-9]' "$work/a.html" | wc -l)" 12
expect_eq "application details" "$(grep -o '<details id=a[0-9]*>' "$work/a.html" | wc -l)" 12
expect_eq "names joined by id" \
    "$(grep -o '<td><a href=#a3>APP-B</a><td>[^<]*' "$work/a.html")" \
    "<td><a href=#a3>APP-B</a><td>深蓝车联 DeepBlue V2X"
expect_eq "error records with their lines" \
    "$(grep -o '<tr><td class="n">[0-9]*<td><bdi>[^<]*' "$work/a.html")" \
    '<tr><td class="n">6<td><bdi>
<tr><td class="n">10<td><bdi>APP-X'

# - is stdout.
run_assay report "${report_args[@]}" --csv -
expect_status 0
cmp "$out_file" "$fixture/expected.csv" || fail "CSV on stdout differs from expected.csv"
# The page on stdout is the page in a file, whole. report loads no plugin;
# the policy's Lua has no print, so plain stdout is safe here.
run_assay report "${report_args[@]}" --policy "$ASSAY_SOURCE_DIR/policy/default.lua" --html -
expect_status 0
expect_eq "stderr" "$(cat "$err_file")" ""
expect_eq "HTML on stdout starts" "$(head -c 15 "$out_file")" "<!DOCTYPE html>"
expect_eq "HTML on stdout ends" "$(tail -c 8 "$out_file")" "</html>"
cmp "$out_file" "$work/a.html" || fail "HTML on stdout differs from the file"
run_assay report "${report_args[@]}" --html - --csv -
expect_status 2
expect_eq "both on stdout" "$(cat "$err_file")" \
    "assay: --html and --csv cannot both go to stdout (-)"

# Without --input there are no names, and the page says how to get them.
run_assay report "$fixture/decisions.jsonl" --html "$work/c.html"
expect_status 0
expect_eq "page without names says why" \
    "$(grep -c 'give the input with <code>assay report --input FILE</code>' "$work/c.html")" 1

# Files of different runs: warnings on stderr and in the page.
head -n 5 "$fixture/decisions.jsonl" >"$work/partial.jsonl"
run_assay report "$work/partial.jsonl" --summary "$fixture/summary.json" \
    --input "$fixture/applications.jsonl" --html "$work/d.html"
expect_status 0
expect_eq "warnings" "$(cat "$err_file")" \
"assay: warning: the summary counts 14 records, the decisions file holds 5; are they from the same run?
assay: warning: the summary counts 2 error records, the decisions file holds 0; are they from the same run?
assay: warning: the summary says tier \"training\" used 3 seats, the decisions file gives it 1"
expect_eq "warnings in the page" "$(grep -o '<ul class="warn" id="warnings"><li>the summary counts 14' "$work/d.html" | wc -l)" 1
run_assay report "$fixture/decisions.jsonl" --input "$examples/applications.jsonl" --csv "$work/e.csv"
expect_eq "ids missing from the input" "$(cat "$err_file")" \
    "assay: warning: 12 of 12 application ids are not in $examples/applications.jsonl; is it the input of this run?"

# Usage and file errors: exit 2, a message that says where and what.
run_assay report "$fixture/decisions.jsonl"
expect_status 2
expect_eq "no output named" "$(cat "$err_file")" \
    "assay: nothing to write: give --html FILE, --csv FILE, --xlsx FILE or several"
run_assay report --csv "$work/x.csv"
expect_status 2
expect_eq "no decisions named" "$(cat "$err_file")" \
    "assay: report takes one decisions file, got 0; see \`assay report --help\`"
run_assay report "$work/none.jsonl" --csv "$work/x.csv"
expect_status 2
expect_eq "missing decisions" "$(cat "$err_file")" \
    "assay: cannot open decisions $work/none.jsonl: No such file or directory"
printf '%s\n' '{"id":"A","line":1,"status":"ok","decision":"office"}' \
    '{"id":"B","line":2,"status":"ok","decision":3}' >"$work/bad.jsonl"
run_assay report "$work/bad.jsonl" --csv "$work/x.csv"
expect_status 2
expect_eq "wrong type in a decision record" "$(cat "$err_file")" \
    "assay: $work/bad.jsonl:2: decision must be a string, found a number"
printf '%s\n' '{"id":"A","line":1,"status":"ok","decision":"office","findings":[{"rule":"r","score":"high"}]}' >"$work/bad.jsonl"
run_assay report "$work/bad.jsonl" --csv "$work/x.csv"
expect_eq "wrong type in a finding" "$(cat "$err_file")" \
    "assay: $work/bad.jsonl:1: findings[0].score must be a number, found a string"
printf '%s\n' '{"id":"A","line":1,"status":"ok","decision":"office"' >"$work/bad.jsonl"
run_assay report "$work/bad.jsonl" --csv "$work/x.csv"
expect_eq "malformed decision record" "$(cat "$err_file")" \
    "assay: $work/bad.jsonl:1: malformed JSON near column 52"
printf '{"records":1,\n "tiers":[{"name":"office","capacity":"2","used":0}]}\n' >"$work/summary.json"
run_assay report "$fixture/decisions.jsonl" --summary "$work/summary.json" --csv "$work/x.csv"
expect_status 2
expect_eq "wrong type in the summary" "$(cat "$err_file")" \
    "assay: $work/summary.json: tiers[0].capacity must be a number, found a string"
printf '{"records":1,\n "tiers":[}\n' >"$work/summary.json"
run_assay report "$fixture/decisions.jsonl" --summary "$work/summary.json" --csv "$work/x.csv"
expect_eq "malformed summary" "$(cat "$err_file")" \
    "assay: $work/summary.json: malformed JSON near line 2, column 11"
echo '[1]' >"$work/manifest.json"
run_assay report "$fixture/decisions.jsonl" --manifest "$work/manifest.json" --csv "$work/x.csv"
expect_eq "manifest not an object" "$(cat "$err_file")" \
    "assay: $work/manifest.json: the manifest must be a JSON object, found an array"
run_assay report "$fixture/decisions.jsonl" --csv "$work/no/such/dir/x.csv"
expect_status 2
expect_eq "unwritable output" "$(cat "$err_file")" \
    "assay: cannot create $work/no/such/dir/x.csv: No such file or directory"
