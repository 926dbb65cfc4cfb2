plugin { name = "honest", version = "1.0.0", domain = "ai", description = "needs 2 MB for a call" }
rule { id = "honest.text", weight = 1, description = "builds 3 MB",
  score = function(app) return 1, "built " .. #(("y"):rep(1000):rep(3000)) end }
