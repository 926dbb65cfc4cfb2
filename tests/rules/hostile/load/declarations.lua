plugin { name = "decl", version = "1.0.0", domain = "ai", description = "declarations that call back" }
rule { id = "decl.weight", weight = setmetatable({}, {__tostring = function() while true do end end}), description = "x",
  score = function(app) return 1, "x" end }
rule { id = "decl.key", weight = 1, description = "x",
  [setmetatable({}, {__tostring = function() error("boom") end})] = 1,
  score = function(app) return 1, "x" end }
rule { id = "decl.index", weight = 1, description = "x",
  inputs = setmetatable({}, {__index = function() while true do end end, __len = function() return 2^40 end}),
  score = function(app) return 1, "x" end }
rule { id = "decl\0nul", weight = 1, description = "x", score = function(app) return 1, "x" end }
