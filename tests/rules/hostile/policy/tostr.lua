strategy(function(d) return setmetatable({}, { __tostring = function() while true do end end }) end)
tier { name = "office", min_score = 0, capacity = 3, requires = "office" }
