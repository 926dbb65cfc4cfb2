strategy "weighted_mean"
always(setmetatable({}, { __len = function() return 2^40 end, __index = function() return "business" end }))
tier { name = "office", min_score = 0.5, capacity = 3, requires = "office" }
