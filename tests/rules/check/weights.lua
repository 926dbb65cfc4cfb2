-- A rule file with a problem in every rule, for tests/e2e/lua_check.sh.
plugin { name = "weights", version = "1.0", domain = "ai", description = "bad weights" }

rule { id = "w.zero", weight = 0, description = "zero", score = function(app) end }

rule { id = "w.word", weight = "heavy", description = "a word", score = function(app) end }

rule {
  id = "w.typo",
  weight = 1,
  scroe = function(app) end,
}

rule { id = "ad.safety_case", weight = 1, description = "taken", score = function(app) end }
