plugin { name = "loop", version = "1.0.0", domain = "ai", description = "loops at load" }
local s = ("a"):rep(20000)
local found = s:find(".-.-.-.-.-b")
rule { id = "loop.x", weight = 1, description = "x", score = function(app) return 1, "x" end }
