# assay check --json: one object with ok, what loaded and every problem,
# each with its file and line when the problem names them.
source "$(dirname "$0")/lib/common.bash"
cd "$work"
printf 'rule { id = "x", weight = 1, description = "d" }\n' >bad.lua
run_assay check --json bad.lua
expect_status 2
expect_eq "problems" "$(cat "$out_file")" '{"ok":false,"plugins":0,"lua_rule_files":0,"rules":0,"problems":[{"file":"bad.lua","line":1,"message":"bad.lua:1: rules declared without a plugin; start the file with plugin { name = ..., version = ..., domain = ..., description = ... }"}]}'
run_assay check --json --policy none.lua "$shipped/ai/ai.so"
expect_status 2
expect_eq "a problem without a line" "$(cat "$out_file")" '{"ok":false,"plugins":1,"lua_rule_files":0,"rules":4,"problems":[{"message":"none.lua: cannot open: No such file or directory"}]}'
run_assay check --json
expect_status 0
expect_eq "the shipped set" "$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["ok"], d["problems"], d["plugins"] > 0, d["rules"] > 0)' <"$out_file")" "True [] True True"
echo "ok $test_name"
