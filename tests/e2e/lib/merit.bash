# The committee tests' setup (sourced after common.bash): one Lua rule
# that scores an application by its own "merit" field, so the ranking is
# whatever the test writes into the applications.
#
#   merit_rules DOMAIN LABEL DESCRIPTION  writes rules/merit.lua, whose rule
#                                         scores DOMAIN
#   merit_applications ID...              writes apps.jsonl: the IDs with
#                                         merit 0.9, 0.8, ... in that order,
#                                         each requesting office

merit_rules()
{
    mkdir -p rules
    cat >rules/merit.lua <<LUA
plugin { name = "merit", version = "1", domain = "$1",
         description = "Merit as given" }
domain { name = "$1", label = "$2", description = "$3" }
rule {
  id = "merit", weight = 1, description = "The merit field",
  inputs = { merit = "number" },
  score = function(app) return app.merit, "merit " .. app.merit end,
}
LUA
}

merit_applications()
{
    local m=9 id
    for id in "$@"; do
        echo "{\"id\":\"$id\",\"merit\":0.$m,\"requests\":[\"office\"]}"
        m=$((m - 1))
    done >apps.jsonl
}
