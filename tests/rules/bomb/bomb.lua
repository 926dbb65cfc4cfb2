-- A rule that builds an ever-growing table, and one that behaves, for
-- tests/e2e/lua_rules_limits.sh.
plugin { name = "bomb", version = "0.1.0", domain = "ai", description = "memory limits" }

rule {
  id = "bomb.table",
  weight = 1,
  description = "grows a table without end",
  score = function(app)
    local t = {}
    for i = 1, math.huge do t[i] = { i } end
  end,
}

rule {
  id = "bomb.fine",
  weight = 1,
  description = "returns a score",
  score = function(app) return 0.5, "fine" end,
}
