plugin { name = "mem", version = "1.0.0", domain = "ai", description = "memory at load" }
local t = {}
for i = 1, 1e7 do t[i] = ("x"):rep(100) .. i end
rule { id = "mem.x", weight = 1, description = "x", score = function(app) return 1, "x" end }
