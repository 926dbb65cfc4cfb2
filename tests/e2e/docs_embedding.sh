#!/usr/bin/env bash
# docs/embedding.md, run: its program is examples/embed byte for byte,
# built by CMake and by pkg-config against an installed assay
# ($ASSAY_SDK_PREFIX, made by tests/e2e/lib/fresh_install.sh); its run
# prints what the guide shows, and what assay run decides; every message
# it quotes is what the library writes. On the sample applications, with
# the installed default policy and plugins compiled in, the program decides
# every record as the installed assay run does.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src="$ASSAY_SOURCE_DIR"
doc="$src/docs/embedding.md"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL docs_embedding: $*" >&2; exit 1; }
unset ASAN_OPTIONS UBSAN_OPTIONS CMAKE_PREFIX_PATH PKG_CONFIG_PATH
export CMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
export PREFIX="$ASSAY_SDK_PREFIX"
assay="$PREFIX/bin/assay"

python3 "$here/lib/doc_files.py" "$doc" "$tmp/doc" >"$tmp/files"
for f in decide_cohort.c CMakeLists.txt Makefile; do
  cmp "$src/examples/embed/$f" "$tmp/doc/$f" ||
    fail "the guide's $f differs from examples/embed/$f"
done

# --- built both ways, warning-free -------------------------------------
cd "$tmp/doc"
bash build.sh >build.txt 2>&1 || fail "build.sh: $(tail -n 20 build.txt)"
! grep -i 'warning' build.txt || fail "the build warns"
[ -x build/decide_cohort ] && [ -x decide_cohort ] || fail "build.sh built no program"
[ "$(realpath "$(ldd decide_cohort | awk '$1 == "libassay.so.0" {print $3}')")" = \
  "$PREFIX/lib/libassay.so.0.1.0" ] || fail "the pkg-config build finds no libassay in the prefix"

# --- the guide's run ----------------------------------------------------
status=0
bash run.sh >run.tsv 2>run.err || status=$?
[ "$status" = 1 ] || fail "run.sh exits $status, the guide says 1: $(cat run.err)"
[ ! -s run.err ] || fail "run.sh wrote to stderr: $(cat run.err)"
diff -u expected.tsv run.tsv || fail "run.sh prints other than the guide shows"
status=0
./decide_cohort cohort.jsonl seed.lua >make.tsv || status=$?
[ "$status" = 1 ] && cmp -s expected.tsv make.tsv || fail "the pkg-config build prints otherwise"

# What assay run decides, as decide_cohort prints it.
as_lines() {
  python3 -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    if r["status"] == "error":
        print("line %d\terror\t-\t-\t%s" % (r["line"], r["error"]))
    else:
        score = "-" if r["score"] is None else "%.4f" % r["score"]
        print("%s\t%s\t%d\t%s\t%s" % (r["id"], r["decision"], r["rank"], score, r["why"]))
'
}
"$assay" run -q --policy seed.lua cohort.jsonl | as_lines >command.tsv || true
diff -u expected.tsv command.tsv || fail "assay run decides otherwise than the guide shows"

# --- the messages the guide quotes -------------------------------------
quoted() {
  grep -qxF "    $1" "$doc" || fail "docs/embedding.md does not quote: $1"
}
printf 'always { "business" }\nwaitlist(-1)\n' >seed.lua
status=0
build/decide_cohort cohort.jsonl seed.lua >/dev/null 2>bad.err || status=$?
[ "$status" = 2 ] || fail "a bad policy exits $status, not 2"
[ "$(sed 's/^decide_cohort: //' bad.err)" = 'seed.lua:2: waitlist must be a whole number >= 0, got -1' ] ||
  fail "bad policy: $(cat bad.err)"
quoted "$(sed 's/^decide_cohort: //' bad.err)"
cat >quotes.c <<'C'
#include <stdio.h>
#include <string.h>
#include <assay/assay.h>
int main(void)
{
    char err[1024];
    assay_engine *engine = assay_engine_new();
    if (assay_worker_new(engine, err, sizeof err))
        return 1;
    puts(err);
    const char *policy_text =
        "tier { name = \"seat\", min_score = 0.5, capacity = 1,"
        " requires = \"funding\" }\n";
    assay_policy *policy = assay_policy_load_text(
        policy_text, strlen(policy_text), "p.lua", err, sizeof err);
    if (!policy || assay_decide_text(policy, "{\"id\":\"a\"}\n", 11,
                                     "raw.jsonl", err, sizeof err))
        return 1;
    puts(err);
    assay_policy_free(policy);
    assay_engine_free(engine);
    return 0;
}
C
cc -std=c11 -Wall -Wextra -Werror -o quotes quotes.c \
  $(PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig" pkg-config --cflags --libs assay)
./quotes >quotes.txt || fail "quotes.c: a call did not fail"
while IFS= read -r message; do quoted "$message"; done <quotes.txt
[ "$(wc -l <quotes.txt)" = 2 ] || fail "quotes.c printed $(cat quotes.txt)"

# --- the sample applications, with the compiled-in defaults --------------
status=0
build/decide_cohort "$src/examples/applications.jsonl" >sample.tsv || status=$?
"$assay" run -q "$src/examples/applications.jsonl" | as_lines >sample-command.tsv || true
[ "$(wc -l <sample.tsv)" = "$(wc -l <"$src/examples/applications.jsonl")" ] ||
  fail "not one line an application"
diff -u sample-command.tsv sample.tsv || fail "decide_cohort decides the samples otherwise than assay run"
echo "docs_embedding: ok"
