#!/usr/bin/env bash
# libassay.so exports the public API and nothing else: its defined dynamic
# symbols are exactly the functions include/assay/*.h declare (each marked
# ASSAY_API), so an embedder cannot come to depend on an internal function
# and the internals can change without breaking one. The assay command and
# the unit tests link the same objects statically instead.
set -euo pipefail
fail() { echo "FAIL exported_symbols: $*" >&2; exit 1; }
lib="$ASSAY_BUILD_DIR/libassay.so"
[ -f "$lib" ] || fail "no $lib"

# The functions the public headers declare: a declaration opens at the
# start of a line (the entry symbol inside plugin.h's macro does not, and a
# plugin defines it, not libassay).
declared=$(cat "$ASSAY_SOURCE_DIR"/include/assay/*.h |
  grep -E '^[A-Za-z_].*\bassay_[a-z0-9_]+\(' | grep -v '^typedef' |
  grep -oE '\bassay_[a-z0-9_]+\(' | tr -d '(' | LC_ALL=C sort -u)
[ "$(printf '%s\n' "$declared" | wc -l)" -ge 13 ] ||
  fail "read too few declarations: $declared"
# Each of them is marked for export.
unmarked=$(cat "$ASSAY_SOURCE_DIR"/include/assay/*.h |
  grep -E '^[A-Za-z_].*\bassay_[a-z0-9_]+\(' | grep -v '^typedef' |
  grep -v '^ASSAY_API ' || true)
[ -z "$unmarked" ] || fail "declared without ASSAY_API: $unmarked"

# Every defined dynamic symbol but the linker's own section markers.
exported=$(nm -D --defined-only "$lib" | awk '{print $3}' |
  grep -Ev '^(__bss_start|_edata|_end|_init|_fini)$' | LC_ALL=C sort -u)
if [ "$exported" != "$declared" ]; then
  diff <(printf '%s\n' "$declared") <(printf '%s\n' "$exported") >&2 || true
  fail "exported symbols (>) differ from the public API (<)"
fi

# The command does not load libassay.so: it carries the objects itself.
! ldd "$ASSAY_BIN" | grep -q libassay || fail "assay links libassay.so"
echo "exported_symbols: ok ($(printf '%s\n' "$exported" | wc -l) functions)"
