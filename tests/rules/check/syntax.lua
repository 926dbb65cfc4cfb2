plugin { name = "syntax", version = "1.0", domain = "ai", description = "d" }

rule { id = "s.one", weight = 1, description = "d",
  score = function(app) return 1, "x" end
-- the closing brace is missing
