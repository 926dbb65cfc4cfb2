strategy(function(d) tier { name = "late", min_score = 0, capacity = 1, requires = "office" } return 0.5 end)
tier { name = "office", min_score = 0.5, capacity = 3, requires = "office" }
