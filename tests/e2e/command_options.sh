# The option table (core/cli/options.h) every command is parsed from: "did
# you mean" for a command and an option, -V/--version and -h/--help on
# every command, and "-" as stdout for every output path.
source "$(dirname "$0")/lib/common.bash"

usage_error()
{
    local want="$1"
    shift
    run_assay "$@"
    expect_status 2
    expect_eq "stderr of assay $*" "$(cat "$err_file")" "$want"
    expect_eq "stdout of assay $*" "$(wc -c <"$out_file")" 0
}
usage_error 'assay: unknown command "rnu"; did you mean "run"? Run `assay --help` for the list' rnu
usage_error 'assay: unknown command "chekc"; did you mean "check"? Run `assay --help` for the list' chekc
usage_error 'assay: unknown option --frob; run `assay --help` for the commands' --frob
usage_error 'assay: unknown option --polcy; did you mean --policy? See `assay run --help`' run --polcy p.lua
usage_error 'assay: unknown option --ouptut; did you mean --output? See `assay score --help`' score --ouptut x
usage_error 'assay: unknown option --jsn; did you mean --json? See `assay plugins --help`' plugins --jsn
usage_error 'assay: option --p is ambiguous: --policy, --previous, --plugin, --plugin-dir, --plugin-config; see `assay run --help`' run --p x
usage_error 'assay: option --quiet takes no value; see `assay run --help`' run --quiet=1
usage_error 'assay: option --quiet takes no value; see `assay run --help`' run --qui=1
# A short option inside a bundle is named by itself, not by its word.
usage_error 'assay: unknown option -x; see `assay run --help`' run -qx
usage_error 'assay: unknown option -x; see `assay run --help`' run --in-process -x
usage_error 'assay: option -o needs a value; see `assay score --help`' score -q -o
usage_error 'assay: option --output needs a value; see `assay score --help`' score --output

# Every command answers -V, --version, -h and --help the same way.
version="assay 0.1.0 (plugin ABI 2)"
commands=$("$ASSAY_BIN" --help | sed -n 's/^  \([a-z]*\)  .*/\1/p')
expect_eq "commands" "$(echo $commands)" "import run score decide plugins schema validate test check explain report diff letters profile stability calibrate fmt help"
for command in $commands; do
    for flag in -V --version; do
        run_assay "$command" "$flag"
        expect_status 0
        expect_eq "$command $flag" "$(cat "$out_file")" "$version"
    done
    run_assay "$command" -h
    expect_status 0
    case "$(head -1 "$out_file")" in
    "usage: assay $command "*) ;;
    *) fail "$command -h starts with [$(head -1 "$out_file")]" ;;
    esac
    grep -qx '  -V, --version          print assay'"'"'s version and plugin ABI' "$out_file" \
        || fail "$command -h does not list -V"
    longest=$(awk '{ if (length($0) > n) n = length($0) } END { print n }' "$out_file")
    [ "$longest" -le 80 ] || fail "$command -h has a line of $longest characters"
    run_assay help "$command"
    cmp -s "$out_file" <("$ASSAY_BIN" "$command" --help) || fail "assay help $command differs from $command --help"
done
run_assay -V
expect_eq "assay -V" "$(cat "$out_file")" "$version"

# "-" is stdout for every output path, never a file named "-".
cd "$work"
input="$examples/applications.jsonl"
run_assay score "${compiled_plugins[@]}" -o - "$input"
expect_status 0
expect_eq "score -o - lines" "$(output_lines)" "$(wc -l <"$input" | tr -d ' ')"
[ ! -e "$work/-" ] || fail "score -o - wrote a file named -"
"$ASSAY_BIN" score "${compiled_plugins[@]}" "$input" >"$work/scored.jsonl"
cmp -s "$out_file" "$work/scored.jsonl" || fail "score -o - differs from score's stdout"

run_assay decide -q -o - --summary - "$work/scored.jsonl"
expect_status 0
records=$(wc -l <"$input" | tr -d ' ')
expect_eq "decide -o - --summary - lines" "$(output_lines)" "$((records + 1))"
"$ASSAY_BIN" decide -q --summary "$work/summary.json" "$work/scored.jsonl" >"$work/decided.jsonl"
expect_eq "records first" "$(head -n "$records" "$out_file")" "$(cat "$work/decided.jsonl")"
expect_eq "then the summary" "$(tail -n 1 "$out_file")" "$(cat "$work/summary.json")"
[ ! -e "$work/-" ] || fail "decide wrote a file named -"

# run: the records, then the summary and the manifest, all on stdout; and
# no OUTPUT.manifest.json for -o -.
run_assay run "${compiled_plugins[@]}" -q -o - --summary - "$input"
expect_status 0
expect_eq "run -o - --summary - lines" "$(output_lines)" "$((records + 1))"
expect_eq "run's summary" "$(tail -n 1 "$out_file")" "$(cat "$work/summary.json")"
[ ! -e "$work/-" ] && [ ! -e "$work/-.manifest.json" ] || fail "run -o - wrote a file"
run_assay run "${compiled_plugins[@]}" -q --manifest - -o "$work/run.jsonl" "$input"
expect_status 0
expect_eq "manifest on stdout" "$(python3 -c 'import json,sys; print(json.load(sys.stdin)["counts"]["records"])' <"$out_file")" "$records"

run_assay schema "${compiled_plugins[@]}" -o -
expect_status 0
expect_eq "schema -o -" "$(python3 -c 'import json,sys; print(json.load(sys.stdin)["$schema"])' <"$out_file")" "https://json-schema.org/draft/2020-12/schema"
run_assay validate "${compiled_plugins[@]}" -q -o - "$input"
expect_status 0
[ ! -e "$work/-" ] || fail "validate -o - wrote a file named -"
echo "ok $test_name"
