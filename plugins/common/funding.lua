-- Funding: what the hub's support adds at this stage, and how far the money
-- raised has gone. Applies to every applicant (domain business).
plugin {
  name = "funding",
  version = "1.0.0",
  domain = "business",
  description = "Funding stage fit for incubation and capital efficiency",
}

local fmt = require "format"

-- The incubator helps most before and around the first institutional round.
local stage_fit = {
  ["pre-seed"] = 0.8, seed = 1.0, ["series-a"] = 0.8, ["series-b"] = 0.4, ["series-c"] = 0.2,
}

rule {
  id = "funding.stage_fit",
  weight = 1.0,
  description = "Seed scores full marks, pre-seed and series A 0.8, series B 0.4, series C 0.2",
  score = function(app)
    local stage = get(app, "funding.stage")
    if stage == nil then return nil end
    local fit = stage_fit[stage]
    if fit == nil then
      flag(string.format("unknown funding stage \"%s\"", stage))
      return nil
    end
    return fit, string.format("funding stage %s", stage)
  end,
}

rule {
  id = "funding.capital_efficiency",
  weight = 1.0,
  description = "Revenue per dollar raised: 0.5 or more scores full marks",
  score = function(app)
    local raised = get(app, "funding.raised_musd")
    local revenue = get(app, "traction.revenue_musd")
    if raised == nil or revenue == nil or raised <= 0 then return nil end
    return clamp(revenue / raised / 0.5), string.format(
      "%s revenue on %s raised", fmt.musd(revenue), fmt.musd(raised))
  end,
}

rule {
  id = "funding.profile_completeness",
  weight = 0.5,
  description = "How much of the application is filled in (team, funding, traction, requests); flags one with none of them",
  score = function(app)
    local parts = { "team", "funding", "traction", "requests" }
    local given = {}
    for _, part in ipairs(parts) do
      if app[part] ~= nil then given[#given + 1] = part end
    end
    if #given == 0 then
      flag("no team, funding, traction or requests given: ask the applicant to complete the application")
    end
    return #given / #parts, string.format("%d of %d sections given%s", #given, #parts,
      #given > 0 and " (" .. table.concat(given, ", ") .. ")" or "")
  end,
}
