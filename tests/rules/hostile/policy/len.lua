strategy "weighted_mean"
tier { name = "office", min_score = 0.5, capacity = 3, requires = "office",
  benefits = setmetatable({}, { __len = function() return 2^40 end, __index = { "desk" } }) }
