-- Holds 3 MB from load on: with one memory cap for every file of a worker
-- (tests/e2e/lua_hostile_files.sh runs with --lua-memory 8000000) the
-- honest file beside it could not make its 3 MB.
plugin { name = "hog", version = "1.0.0", domain = "ai", description = "hostile: keeps most of the memory cap" }
local big = ("x"):rep(1000):rep(3000)
rule { id = "hog.size", weight = 1, description = "the size it keeps",
  score = function(app) return 1, "keeps " .. #big end }
