#!/usr/bin/env bash
# The README's "Using it" commands run as written, from a directory laid
# out like the repository, and write nothing but out/ (which git ignores):
# a new user's first commands leave no untracked files behind.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL readme_examples: $*" >&2; exit 1; }
src="$ASSAY_SOURCE_DIR"
repo="$tmp/repo"
mkdir "$repo"
ln -s "$ASSAY_BUILD_DIR" "$repo/build"
ln -s "$src/examples" "$repo/examples"
ln -s "$src/policy" "$repo/policy"
grep -qx '/out/' "$src/.gitignore" || fail ".gitignore no longer ignores out/"

# The indented block after "## Using it", up to the first blank line.
awk '/^## Using it/ {on = 1; next} on && /^    / {print substr($0, 5); seen = 1; next}
     on && seen {exit}' "$src/README.md" >"$tmp/.commands"
[ "$(wc -l <"$tmp/.commands")" -ge 5 ] || fail "found $(wc -l <"$tmp/.commands") commands"
n=0
while IFS= read -r cmd; do
  n=$((n + 1))
  set +e
  (cd "$repo" && eval "$cmd") >"$tmp/.out" 2>&1
  rc=$?
  set -e
  # assay diff exits 1 when decisions changed, as here.
  case "$cmd" in
    *"assay diff"*) [ "$rc" = 1 ] || fail "'$cmd' exited $rc: $(cat "$tmp/.out")" ;;
    *) [ "$rc" = 0 ] || fail "'$cmd' exited $rc: $(cat "$tmp/.out")" ;;
  esac
done <"$tmp/.commands"
left=$(ls -A "$repo" | tr '\n' ' ')
[ "$left" = "build examples out policy " ] ||
  fail "the README's commands left: $left"
[ -s "$repo/out/decisions.jsonl" ] && [ -s "$repo/out/small.jsonl" ] &&
  [ -s "$repo/out/decisions.jsonl.manifest.json" ] || fail "out/ lacks the run's files"
echo "readme_examples: $n commands, nothing written outside out/"
