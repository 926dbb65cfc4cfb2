plugin { name = "user", version = "1.0.0", domain = "ai", description = "requires a broken helper on every record" }
rule { id = "user.x", weight = 1, description = "x",
  score = function(app) local h = require("broken") return 1, "x" end }
