# Input that is not UTF-8 JSON Lines with LF endings, and a command started
# with its standard descriptors closed or a TMPDIR it cannot use: each gets
# a message that names the line (or the descriptor) and says what to do.
source "$(dirname "$0")/lib/common.bash"

cat >"$work/three.jsonl" <<'JSONL'
{"id":"E-1","connectivity":{"certified":true}}
{"id":"E-2","name":"上海 Mobility","connectivity":{"certified":false}}
{"id":"E-3","connectivity":{"certified":true}}
JSONL
run_assay score "${compiled_plugins[@]}" "$work/three.jsonl"
expect_status 0
cp "$out_file" "$work/three.scored"

# CR-only line endings: one line holding three records.
tr '\n' '\r' <"$work/three.jsonl" >"$work/cr.jsonl"
run_assay score "${compiled_plugins[@]}" "$work/cr.jsonl"
expect_status 1
expect_eq "CR only" "$(cat "$out_file")" \
    '{"line":1,"part":0,"status":"error","error":"line 1: 3 records in one line, ended by CR only (old Mac line endings); convert them with tr '"'\\\\r' '\\\\n'"' <FILE >FILE.jsonl"}'
tr '\r' '\n' <"$work/cr.jsonl" >"$work/converted.jsonl"
run_assay score "${compiled_plugins[@]}" "$work/converted.jsonl"
cmp -s "$out_file" "$work/three.scored" || fail "the advised conversion does not give the records back"
# Longer than --max-line-bytes, the text is skipped, not kept: the CR is
# still noticed.
run_assay score "${compiled_plugins[@]}" --max-line-bytes 100 "$work/cr.jsonl"
expect_status 1
expect_eq "CR only, too long" "$(json_field 1 error)" \
    '"line 1: longer than 100 bytes, and its records end with CR only (old Mac line endings); convert them with tr '"'\\\\r' '\\\\n'"' <FILE >FILE.jsonl"'
# CRLF (Windows) endings are fine, and so is a CR as JSON whitespace.
sed 's/$/\r/' "$work/three.jsonl" >"$work/crlf.jsonl"
run_assay score "${compiled_plugins[@]}" "$work/crlf.jsonl"
cmp -s "$out_file" "$work/three.scored" || fail "CRLF endings change the records"
printf '{"id":"W",\r"connectivity":{"certified":true}}\n' >"$work/crspace.jsonl"
run_assay score "${compiled_plugins[@]}" "$work/crspace.jsonl"
expect_status 0
# A broken record with no CR in it keeps its own message.
printf '{"id":"W" x\n' >"$work/broken.jsonl"
run_assay score "${compiled_plugins[@]}" "$work/broken.jsonl"
expect_eq "broken" "$(json_field 1 error)" \
    '"line 1: malformed JSON near column 11; each line must be one complete JSON object"'

# UTF-16 and UTF-32, with a byte-order mark or without: every line says
# so (a UTF-16 newline is two bytes, so a NUL is left over as a last line).
utf16_message()
{
    echo "line $1: the file is UTF-$2 text (NUL bytes between the characters), and assay reads UTF-8; convert it with iconv -f UTF-$2 -t UTF-8 <FILE >FILE.jsonl"
}
for enc in UTF-16 UTF-16LE UTF-16BE UTF-32 UTF-32LE; do
    iconv -f UTF-8 -t "$enc" "$work/three.jsonl" >"$work/wide.jsonl"
    run_assay score "${compiled_plugins[@]}" "$work/wide.jsonl"
    expect_status 1
    bits="${enc:4:2}"
    lines=$(output_lines)
    [ "$lines" -ge 3 ] || fail "$enc: $lines records"
    for n in $(seq "$lines"); do
        expect_eq "$enc line $n" "$(json_field "$n" error)" "\"$(utf16_message "$n" "$bits")\""
    done
done
iconv -f UTF-8 -t UTF-16 "$work/three.jsonl" | iconv -f UTF-16 -t UTF-8 >"$work/back.jsonl"
run_assay score "${compiled_plugins[@]}" "$work/back.jsonl"
cmp -s "$out_file" "$work/three.scored" || fail "the advised conversion does not give the records back"
# A single NUL in UTF-8 text is still just that.
printf '{"id":"N",\0"x":1}\n' >"$work/nul.jsonl"
run_assay score "${compiled_plugins[@]}" "$work/nul.jsonl"
expect_eq "one NUL" "$(json_field 1 error)" \
    '"line 1: NUL byte at column 11; JSON text cannot hold one, remove it"'

# A UTF-8 byte-order mark (Windows editors write one) is skipped, at the
# start of the file and of a line where two such files were concatenated.
{ printf '\xef\xbb\xbf'; cat "$work/three.jsonl"; } >"$work/bom.jsonl"
run_assay score "${compiled_plugins[@]}" "$work/bom.jsonl"
expect_status 0
cmp -s "$out_file" "$work/three.scored" || fail "a UTF-8 BOM changes the records"
{ head -1 "$work/three.jsonl"; printf '\xef\xbb\xbf'; tail -2 "$work/three.jsonl"; } >"$work/bom2.jsonl"
run_assay score "${compiled_plugins[@]}" "$work/bom2.jsonl"
cmp -s "$out_file" "$work/three.scored" || fail "a UTF-8 BOM inside changes the records"

# A closed stdin is refused, not read as whatever file takes descriptor 0.
status=0
"$ASSAY_BIN" score "${compiled_plugins[@]}" <&- >"$out_file" 2>"$err_file" || status=$?
expect_status 2
expect_eq "score <&-" "$(cat "$err_file")" "assay: stdin is closed; name an input file, or give records on stdin"
for cmd in run decide; do
    status=0
    "$ASSAY_BIN" "$cmd" - <&- >"$out_file" 2>"$err_file" || status=$?
    expect_status 2
    expect_eq "$cmd <&-" "$(cat "$err_file")" "assay: stdin is closed; name an input file, or give records on stdin"
done
# A named input does not need stdin.
status=0
"$ASSAY_BIN" score "${compiled_plugins[@]}" "$work/three.jsonl" <&- >"$out_file" 2>"$err_file" || status=$?
expect_status 0
cmp -s "$out_file" "$work/three.scored" || fail "score FILE <&- differs"
# A closed stdout: the records have nowhere to go.
status=0
"$ASSAY_BIN" score "${compiled_plugins[@]}" "$work/three.jsonl" >&- 2>"$err_file" || status=$?
expect_status 2
expect_eq "score >&-" "$(cat "$err_file")" "assay: stdout is closed; write the records to a file with -o FILE"
# A closed stderr: messages are dropped, never written into the output
# file that would otherwise take descriptor 2.
printf '{"id":"S-1"}\n{"id":\n{"id":"S-3"}\n' >"$work/stop.jsonl"
status=0
"$ASSAY_BIN" score "${compiled_plugins[@]}" --max-errors 0 -o "$work/stop.scored" "$work/stop.jsonl" 2>&- || status=$?
expect_status 1
expect_eq "score 2>&- records" "$(wc -l <"$work/stop.scored" | tr -d ' ')" 2
expect_eq "score 2>&- only records" "$(grep -c '^{"' "$work/stop.scored")" 2

# Temporary files go to TMPDIR, as the message advises.
mkdir "$work/tmp"
status=0
"$ASSAY_BIN" score "${compiled_plugins[@]}" "$work/three.jsonl" | TMPDIR="$work/none" \
    "$ASSAY_BIN" decide >"$out_file" 2>"$err_file" || status=$?
expect_status 2
expect_eq "decide, TMPDIR missing" "$(cat "$err_file")" \
    "assay: cannot create a temporary file for - in $work/none: No such file or directory; set TMPDIR to a writable directory"
status=0
"$ASSAY_BIN" score "${compiled_plugins[@]}" "$work/three.jsonl" | TMPDIR="$work/tmp" \
    "$ASSAY_BIN" decide >"$out_file" 2>"$err_file" || status=$?
expect_status 0
expect_eq "decisions" "$(output_lines)" 3
expect_eq "nothing left in TMPDIR" "$(ls -A "$work/tmp")" ""
TMPDIR="$work/none" run_assay run "${compiled_plugins[@]}" "$work/three.jsonl"
expect_status 2
expect_eq "run, TMPDIR missing" "$(cat "$err_file")" \
    "assay: cannot create a temporary file for the scored records in $work/none: No such file or directory; set TMPDIR to a writable directory"
echo "ok $test_name"
