# assay fmt: the canonical layout written in place, idempotent, --check for
# CI, - for stdin to stdout, and a file that does not lay out left alone.
source "$(dirname "$0")/lib/common.bash"
mkdir "$work/rules"
cd "$work/rules"
printf 'rule {\nid = "x",   \n\n\n  score = function(r)\nif r.a then\nreturn 1, "a"   \nend\nend,\n}' >messy.lua
printf 'rule {\n  id = "x",\n\n  score = function(r)\n    if r.a then\n      return 1, "a"\n    end\n  end,\n}\n' >want.lua
cp want.lua tidy.lua
cp messy.lua messy-copy.lua

# --check changes nothing, names what would change, exits 1.
run_assay fmt --check tidy.lua messy.lua
expect_status 1
expect_eq "--check names" "$(cat "$out_file")" "messy.lua"
cmp -s messy.lua messy-copy.lua || fail "--check changed messy.lua"
run_assay fmt --check tidy.lua
expect_status 0
expect_eq "--check on a tidy file" "$(wc -c <"$out_file")" 0

# In place, then idempotent.
run_assay fmt messy.lua tidy.lua
expect_status 0
cmp -s messy.lua want.lua || fail "fmt messy.lua: $(diff messy.lua want.lua)"
run_assay fmt --check messy.lua
expect_status 0
expect_eq "no temporary file left" "$(ls -A | sort | xargs)" "messy-copy.lua messy.lua tidy.lua want.lua"

# - : stdin to stdout.
status=0
"$ASSAY_BIN" fmt - <messy-copy.lua >"$out_file" 2>"$err_file" || status=$?
expect_status 0
cmp -s "$out_file" want.lua || fail "fmt - differs"
run_assay fmt --check - <messy-copy.lua
status=0
"$ASSAY_BIN" fmt --check - <messy-copy.lua >"$out_file" 2>"$err_file" || status=$?
expect_status 1
expect_eq "--check - names stdin" "$(cat "$out_file")" "stdin"

# The shipped policies and rule files are already laid out.
run_assay fmt --check "$ASSAY_SOURCE_DIR"/policy/*.lua "$ASSAY_SOURCE_DIR"/plugins/*/*.lua
expect_status 0
expect_eq "shipped files" "$(cat "$out_file")" ""

# What cannot be laid out is left as it was, with where and why.
printf 'rule {\n  id = "x",\nend\n' >broken.lua
cp broken.lua broken-copy.lua
run_assay fmt broken.lua
expect_status 2
expect_eq "broken" "$(cat "$err_file")" "assay: broken.lua:3: unexpected symbol near 'end'"
cmp -s broken.lua broken-copy.lua || fail "fmt changed broken.lua"
printf 'rule {\n  id = "x",\n' >open.lua
run_assay fmt --check open.lua
expect_status 2
expect_eq "open" "$(cat "$err_file")" "assay: open.lua: line 1: \`{\` is never closed"
run_assay fmt none.lua
expect_status 2
expect_eq "missing" "$(cat "$err_file")" "assay: cannot open none.lua: No such file or directory"
run_assay fmt
expect_status 2
expect_eq "no file" "$(cat "$err_file")" 'assay: fmt takes the rule files and policies to lay out (- for stdin); see `assay fmt --help`'
echo "ok $test_name"
