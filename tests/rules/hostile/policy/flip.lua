local asked = 0
strategy "weighted_mean"
tier { name = "office", min_score = 0.5, capacity = 3, requires = "office",
  benefits = setmetatable({}, { __len = function() return 1 end,
    __index = function() asked = asked + 1 if asked == 1 then return "desk" end end }) }
