# docs/output.md shows real output: its example, its error messages and its
# usage error lines are produced here and compared.
source "$(dirname "$0")/lib/common.bash"

doc="$ASSAY_SOURCE_DIR/docs/output.md"

doc_block "$doc" example-input >"$work/applications.jsonl"
doc_block "$doc" example-output >"$work/expected.jsonl"
[ -s "$work/applications.jsonl" ] || fail "no example input in $doc"
[ -s "$work/expected.jsonl" ] || fail "no example output in $doc"
run_assay run "$work/applications.jsonl"
expect_status 1
diff -u "$work/expected.jsonl" "$out_file" >&2 || fail "the example's output differs from docs/output.md"

# Every error message in the doc's table is one assay writes.
run_assay run "$examples/malformed.jsonl"
cat "$out_file" >"$work/messages"
printf '{"id":"N1"}\n{"id":"N2"}\n{"id":"N3",\0"x":1}\n' >"$work/nul.jsonl"
run_assay run "$work/nul.jsonl"
cat "$out_file" >>"$work/messages"
printf '{"id":"S"}\n{"id":"L","description":"%0100d"}\n' 0 >"$work/long.jsonl"
run_assay run --max-line-bytes 100 "$work/long.jsonl"
cat "$out_file" >>"$work/messages"
printf '{"id":"APP-1"}\n{"id":"APP-2"}\n{"id":"APP-1"}\n' >"$work/duplicate.jsonl"
run_assay run "$work/duplicate.jsonl"
cat "$out_file" >>"$work/messages"
printf '{"id":"C1"}\r{"id":"C2"}\r{"id":"C3"}\r' >"$work/cr.jsonl"
run_assay run "$work/cr.jsonl"
cat "$out_file" >>"$work/messages"
run_assay run --max-line-bytes 20 "$work/cr.jsonl"
cat "$out_file" >>"$work/messages"
printf '{"id":"U1"}\n' | iconv -f UTF-8 -t UTF-16 >"$work/utf16.jsonl"
run_assay run "$work/utf16.jsonl"
cat "$out_file" >>"$work/messages"
python3 - "$doc" "$work/messages" <<'PY' || fail "docs/output.md lists an error message assay does not write"
import json, re, sys
doc = open(sys.argv[1], encoding="utf-8").read()
written = {json.loads(l).get("error") for l in open(sys.argv[2], encoding="utf-8")}
listed = re.findall(r"^\| [^|]+ \| `(line \d+: [^`]+)` \|$", doc, re.M)
if len(listed) != 12:
    sys.exit(f"expected 12 messages in the table, found {len(listed)}")
missing = [m for m in listed if m not in written]
if missing:
    sys.exit("not written: " + "; ".join(missing))
PY

# The usage error lines.
mkdir "$work/plugins"
cp "$ASSAY_TEST_PLUGIN_DIR/wrong_abi.so" "$work/plugins/x.so"
cd "$work"
run_assay run --bogus
expect_status 2
grep -qxF "    $(cat "$err_file")" "$doc" || fail "doc lacks: $(cat "$err_file")"
run_assay run --no-default-plugins --plugin plugins/x.so applications.jsonl
expect_status 2
grep -qxF "    $(cat "$err_file")" "$doc" || fail "doc lacks: $(cat "$err_file")"
echo "ok $test_name"
