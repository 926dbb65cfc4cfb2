strategy(function(d) seen = (seen or 0) + 1 return 0.5 end)
tier { name = "office", min_score = 0, capacity = 3, requires = "office" }
