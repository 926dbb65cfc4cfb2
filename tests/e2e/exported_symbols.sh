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

here="$(cd "$(dirname "$0")" && pwd)"
functions() { python3 "$here/lib/public_functions.py" "$@"; }

# The parser of declarations, on planted ones: a declaration over two
# lines, one with a callback parameter, an unmarked one, and what is not a
# declaration (a function pointer type, a struct member of one, the entry
# symbol inside a macro, a comment).
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/planted.h" <<'H'
/* assay_in_comment(void) */
typedef void (*assay_cb)(void *user);
typedef struct assay_thing { assay_status (*evaluate)(void *x); } assay_thing;
#define ASSAY_REGISTER(p) \
    ASSAY_EXPORT const assay_plugin *assay_plugin_entry(void) { return p; }
ASSAY_API const assay_thing *
assay_two_lines(const assay_thing *t,
                size_t i);
ASSAY_API void assay_with_callback(void (*fn)(void *), void *user);
int assay_unmarked(void);
H
[ "$(functions "$tmp/planted.h")" = "assay_two_lines
assay_unmarked
assay_with_callback
unmarked: int assay_unmarked(void)" ] ||
  fail "the declaration parser reads the planted header as: $(functions "$tmp/planted.h")"

# The functions the public headers declare, each marked for export.
listed=$(functions "$ASSAY_SOURCE_DIR"/include/assay/*.h)
declared=$(printf '%s\n' "$listed" | grep -v '^unmarked: ' || true)
unmarked=$(printf '%s\n' "$listed" | grep '^unmarked: ' || true)
[ -z "$unmarked" ] || fail "declared without ASSAY_API: $unmarked"
[ "$(printf '%s\n' "$declared" | wc -l)" -ge 22 ] ||
  fail "read too few declarations: $declared"

# Every defined dynamic symbol but the linker's own section markers.
exported=$(nm -D --defined-only "$lib" | awk '{print $3}' |
  grep -Ev '^(__bss_start|_edata|_end|_init|_fini)$' | LC_ALL=C sort -u)
if [ "$exported" != "$declared" ]; then
  diff <(printf '%s\n' "$declared") <(printf '%s\n' "$exported") >&2 || true
  fail "exported symbols (>) differ from the public API (<)"
fi

# The command does not load libassay.so: it carries the objects itself.
! grep -q libassay <<<"$(ldd "$ASSAY_BIN")" || fail "assay links libassay.so"
echo "exported_symbols: ok ($(printf '%s\n' "$exported" | wc -l) functions)"
