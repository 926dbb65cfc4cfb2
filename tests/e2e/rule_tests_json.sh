# assay test --filter TEXT and --json: the tests a filter picks, the
# JSON line of each outcome, the totals, and a filter that matches none.
source "$(dirname "$0")/lib/common.bash"
mkdir "$work/r"
cat >"$work/r/size.lua" <<'LUA'
plugin { name = "size", version = "1.0.0", domain = "team",
         description = "team size" }
domain { name = "team", label = "Team", description = "the team" }
rule { id = "size.big", weight = 1, description = "a big team",
       inputs = { ["team.size"] = "number" },
       score = function(app)
         local n = get(app, "team.size")
         if n == nil then return nil end
         return n >= 10 and 1 or 0, "team of " .. n
       end }
LUA
cat >"$work/r/size_test.lua" <<'LUA'
test { rule = "size.big", name = "ten is big",
       record = { team = { size = 10 } }, score = 1 }
test { rule = "size.big", name = "three is small",
       record = { team = { size = 3 } }, score = 1 }
test { rule = "size.big", name = "no size",
       record = {}, applies = false }
LUA
cd "$work"
run_assay test r
expect_status 1
expect_eq "text" "$(cat "$out_file")" 'r/size_test.lua:3: size.big (three is small): expected score 1, got 0 ("team of 3")
2 passed, 1 failed'

run_assay test --filter small r
expect_status 1
expect_eq "--filter small" "$(cat "$out_file")" 'r/size_test.lua:3: size.big (three is small): expected score 1, got 0 ("team of 3")
0 passed, 1 failed, 2 filtered out'
run_assay test --filter "is big" r
expect_status 0
expect_eq "--filter 'is big'" "$(cat "$out_file")" "1 passed, 0 failed, 2 filtered out"

run_assay test --json r
expect_status 1
expect_eq "--json" "$(cat "$out_file")" '{"file":"r/size_test.lua","line":1,"test":"size.big (ten is big)","status":"passed"}
{"file":"r/size_test.lua","line":3,"test":"size.big (three is small)","status":"failed","message":"expected score 1, got 0 (\"team of 3\")"}
{"file":"r/size_test.lua","line":5,"test":"size.big (no size)","status":"passed"}
{"passed":2,"failed":1,"filtered":0}'
run_assay test --json --filter size r
expect_status 1
expect_eq "--json --filter" "$(tail -1 "$out_file")" '{"passed":2,"failed":1,"filtered":0}'

run_assay test --filter nothing r
expect_status 1
expect_eq "no match, stdout" "$(cat "$out_file")" "0 passed, 0 failed, 3 filtered out"
expect_eq "no match, stderr" "$(cat "$err_file")" 'assay: no test matches --filter "nothing"'

printf '%s\n' 'local x = 1' >"$work/r/empty_test.lua"
run_assay test --json r/empty_test.lua
expect_status 1
expect_eq "a file with no tests" "$(head -1 "$out_file")" '{"file":"r/empty_test.lua","status":"failed","message":"r/empty_test.lua: declares no tests; add test { rule = ..., record = {...}, score = ... }"}'
echo "ok $test_name"
