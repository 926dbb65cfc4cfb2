plugin { name = "pairsiter", version = "1.0.0", domain = "ai", description = "a pairs iterator kept from load" }
local nxt = pairs({ a = 1, b = 2, c = 3 })
rule { id = "pairsiter.x", weight = 1, description = "x", score = function(app) return 1, tostring(nxt()) end }
