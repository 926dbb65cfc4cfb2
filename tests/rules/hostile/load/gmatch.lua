plugin { name = "iter", version = "1.0.0", domain = "ai", description = "an iterator kept from load" }
local words = ("alpha beta gamma delta"):gmatch("%a+")
rule { id = "iter.x", weight = 1, description = "x", score = function(app) return 1, words() end }
