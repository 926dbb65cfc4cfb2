local n = 0
strategy(function(d) n = n + 1 return n / 1000 end)
tier { name = "office", min_score = 0, capacity = 3, requires = "office" }
