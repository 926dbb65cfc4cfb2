# What `cmake --install` puts beside the command for its users: a man page
# per command and bash and zsh completion, all printed from the option
# tables (core/cli/options.h), so each lists what the command takes.
source "$(dirname "$0")/lib/common.bash"
: "${ASSAY_SDK_PREFIX:?run through ctest: the sdk_prefix fixture installs it}"
prefix="$ASSAY_SDK_PREFIX"

commands=$("$ASSAY_BIN" --help | sed -n 's/^  \([a-z]*\)  .*/\1/p')
for command in assay $(printf 'assay-%s ' $commands); do
    [ -f "$prefix/share/man/man1/$command.1" ] || fail "no man page $command.1"
    warnings=$(groff -man -ww -z "$prefix/share/man/man1/$command.1" 2>&1)
    expect_eq "groff warnings of $command.1" "$warnings" ""
done

MANPATH="$prefix/share/man" MANWIDTH=80 man -P cat assay-run >"$work/page" 2>"$work/man-err" \
    || fail "man assay-run: $(cat "$work/man-err")"
expect_eq "NAME" "$(sed -n '/^NAME/{n;p}' "$work/page")" \
    "       assay-run - evaluate JSON Lines records and decide"
expect_eq "SYNOPSIS" "$(sed -n '/^SYNOPSIS/{n;p}' "$work/page")" \
    "       assay run [OPTIONS] [FILE|-]"
expect_eq "-o" "$(grep -x '       -o, --output FILE' "$work/page")" "       -o, --output FILE"
expect_eq "-o's help" "$(grep -A1 -x '       -o, --output FILE' "$work/page" | tail -1)" \
    "              write records to FILE (default: stdout)"
# Every option of `assay run --help` is in the page.
for option in $("$ASSAY_BIN" run --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    grep -q -- "^       \(-., \)\?$option\( \|$\)" "$work/page" || fail "man assay-run lacks $option"
done
grep -q '^EXIT STATUS' "$work/page" || fail "man assay-run has no EXIT STATUS"
MANPATH="$prefix/share/man" MANWIDTH=80 man -P cat assay >"$work/page"
grep -qx '       assay-stability(1)' "$work/page" || fail "man assay does not list assay-stability(1)"

# bash: the completion function, called as bash calls it.
bash_script="$prefix/share/bash-completion/completions/assay"
source "$bash_script"
complete_words()
{
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    COMPREPLY=()
    _assay
    echo "${COMPREPLY[*]}"
}
expect_eq "assay r" "$(complete_words assay r)" "run report"
expect_eq "assay s" "$(complete_words assay s)" "score schema stability"
expect_eq "assay --v" "$(complete_words assay --v)" "--version"
expect_eq "assay run --po" "$(complete_words assay run --po)" "--policy"
expect_eq "assay run --pl" "$(complete_words assay run --pl)" "--plugin --plugin-dir --plugin-config"
expect_eq "assay decide --s" "$(complete_words assay decide --s)" "--summary"
expect_eq "assay stability --s" "$(complete_words assay stability --s)" "--samples --seed"
expect_eq "assay score -" "$(complete_words assay score -)" \
    "--output -o --policy --first-line --part --plugin --plugin-dir --rules --no-default-plugins --plugin-config --lua-memory --lua-instructions --jobs -j --quiet -q --max-errors --max-line-bytes --record-timeout --worker-memory --in-process --allow-error-records --help -h --version -V"
expect_eq "assay help st" "$(complete_words assay help st)" "stability"
expect_eq "assay frob --" "$(complete_words assay frob --)" ""
mkdir "$work/files"
touch "$work/files/policy.lua" "$work/files/people.jsonl"
cd "$work/files"
# A FILE, PATH or DIR value completes as a path; another value not at all.
# compgen -f gives paths in directory order.
expect_eq "assay run --policy p" "$(complete_words assay run --policy p | tr ' ' '\n' | sort | xargs)" "people.jsonl policy.lua"
expect_eq "assay run -o po" "$(complete_words assay run -o po)" "policy.lua"
expect_eq "assay stability --samples p" "$(complete_words assay stability --samples p)" ""
expect_eq "assay run --jobs p" "$(complete_words assay run --jobs p)" ""
expect_eq "assay run pe (the input)" "$(complete_words assay run pe)" "people.jsonl"

# zsh: every command and each of its options is in the function.
zsh_script="$prefix/share/zsh/site-functions/_assay"
expect_eq "#compdef" "$(head -1 "$zsh_script")" "#compdef assay"
for command in $commands; do
    grep -q "^        '$command:" "$zsh_script" || fail "zsh lacks command $command"
    body=$(sed -n "/^    $command)\$/,/;;\$/p" "$zsh_script")
    for option in $("$ASSAY_BIN" "$command" --help | grep -o -- '^  \(-., \)\?--[a-z][a-z-]*' | grep -o -- '--[a-z-]*'); do
        grep -q -- "$option[[{}')]" <<<"$body" || fail "zsh $command lacks $option"
    done
done
expect_eq "zsh run --policy" "$(grep -- "'--policy\[" "$zsh_script" | sed -n 1p)" \
    "        '--policy[the decision policy]:FILE:_files' \\"
if command -v zsh >/dev/null; then
    zsh -n "$zsh_script" || fail "zsh cannot parse $zsh_script"
fi
echo "ok $test_name"
