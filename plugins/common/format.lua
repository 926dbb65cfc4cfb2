-- Shared wording for the business rules: a helper file, loaded with
-- require "format" by the rule files beside it. It declares no plugin, so
-- it is not a rule file itself.
local format = {}

-- "1 pilot", "3 pilots"
function format.count(n, noun)
  return string.format("%d %s%s", n, noun, n == 1 and "" or "s")
end

-- "2.5 M USD"
function format.musd(x)
  return string.format("%g M USD", x)
end

return format
