# Shared helpers for the end-to-end tests (sourced, not run: the CMake glob
# takes tests/e2e/*.sh only). Each test runs the real assay binary.
#
#   run_assay ARGS...       runs $ASSAY_BIN; sets $status, $out_file, $err_file
#   expect_eq WHAT GOT WANT fails the test unless GOT equals WANT exactly
#   expect_status N         checks $status
#   json_field LINE PATH    field PATH (dotted) of output line LINE, as JSON
#   fail MESSAGE            reports and exits non-zero
#   without_fingerprint     stdin's scored records without "fingerprint"
#   doc_block DOC NAME      the fenced block of DOC named NAME, on stdout
set -euo pipefail

: "${ASSAY_BIN:?run the end-to-end tests through ctest}"
: "${ASSAY_SOURCE_DIR:?run the end-to-end tests through ctest}"
: "${ASSAY_BUILD_DIR:?run the end-to-end tests through ctest}"

test_name="$(basename "$0" .sh)"
work="$(mktemp -d "${TMPDIR:-/tmp}/assay-e2e-$test_name.XXXXXX")"
trap 'rm -rf "$work"' EXIT
out_file="$work/stdout"
err_file="$work/stderr"
status=0
examples="$ASSAY_SOURCE_DIR/examples"
shipped="$ASSAY_BUILD_DIR/plugins"
# The compiled plugins alone (the shipped set left out), so exact scores
# do not move when rule files are added to the shipped set.
compiled_plugins=(--no-default-plugins --plugin "$shipped/ai/ai.so"
                  --plugin "$shipped/autonomous_driving/autonomous_driving.so"
                  --plugin "$shipped/connectivity/connectivity.so")

fail()
{
    echo "FAIL $test_name: $*" >&2
    if [ -s "$err_file" ]; then
        echo "--- assay stderr:" >&2
        head -c 2000 "$err_file" >&2
    fi
    exit 1
}

# Scored records of two builds of one plugin differ in their fingerprint
# (it hashes the plugin's file): compare them without it.
without_fingerprint()
{
    sed 's/,"fingerprint":"[0-9a-f]*"//'
}

run_assay()
{
    status=0
    "$ASSAY_BIN" "$@" >"$out_file" 2>"$err_file" || status=$?
}

expect_eq()
{
    [ "$2" == "$3" ] || fail "$1: expected [$3], got [$2]"
}

expect_status()
{
    expect_eq "exit status" "$status" "$1"
}

# Output line count of $out_file.
output_lines()
{
    wc -l <"$out_file" | tr -d ' '
}

# json_field N PATH: the value at dotted PATH of line N of $out_file (or of
# file $3), re-encoded as compact JSON; "absent" when the path is not there.
json_field()
{
    python3 - "$1" "$2" "${3:-$out_file}" <<'PY'
import json, sys
line, path, name = int(sys.argv[1]), sys.argv[2], sys.argv[3]
with open(name, encoding="utf-8") as f:
    node = json.loads(f.read().splitlines()[line - 1])
for key in path.split(".") if path else []:
    if isinstance(node, list):
        node = node[int(key)] if int(key) < len(node) else None
    elif isinstance(node, dict) and key in node:
        node = node[key]
    else:
        print("absent")
        sys.exit(0)
print(json.dumps(node, ensure_ascii=False, separators=(",", ":")))
PY
}

# Line number of the output record whose id is $1 in $out_file.
line_of_id()
{
    grep -n "^{\"id\":\"$1\"," "$out_file" | cut -d: -f1
}

# Every output line must be a JSON object (the one-object-a-line contract).
expect_valid_json_lines()
{
    python3 - "$out_file" <<'PY' || fail "output is not one JSON object a line"
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    for n, text in enumerate(f, 1):
        if not isinstance(json.loads(text), dict):
            sys.exit(f"line {n} is not an object")
PY
}

# doc_block DOC NAME: the body of the fenced block of DOC that NAME names,
# either on its opening line ("```sh file=NAME") or by a "<!-- NAME -->"
# line before it.
doc_block()
{
    awk -v name="$2" '
        inside && /^```/ { exit }
        inside { print; next }
        $0 == "<!-- " name " -->" { marked = 1; next }
        /^```/ && marked { inside = 1; next }
        /^```/ { for (i = 2; i <= NF; i++) if ($i == "file=" name) { inside = 1; next } }' "$1"
}
