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
  inputs = {
    ["funding.stage"] = { type = "string", description = "your funding stage (pre-seed, seed, series A, ...)" },
  },
  score = function(app)
    local stage = get(app, "funding.stage", "string")
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
  inputs = {
    ["funding.raised_musd"] = { type = "number", description = "the funding you have raised, in millions of US dollars" },
    ["traction.revenue_musd"] = { type = "number", description = "your yearly revenue, in millions of US dollars" },
  },
  score = function(app)
    local raised = get(app, "funding.raised_musd", "number")
    local revenue = get(app, "traction.revenue_musd", "number")
    if raised == nil or revenue == nil or raised <= 0 then return nil end
    return clamp(revenue / raised / 0.5), string.format(
      "%s revenue on %s raised", fmt.musd(revenue), fmt.musd(raised))
  end,
}

rule {
  -- No inputs: this rule acts when the fields are absent, so the host
  -- must never skip it for their absence.
  id = "funding.profile_completeness",
  weight = 0.5,
  description = "Flags an application that gives none of team, funding, traction and requests; never scores, since missing data is not a judgement",
  score = function(app)
    for _, part in ipairs({ "team", "funding", "traction", "requests" }) do
      if app[part] ~= nil then return nil end
    end
    flag("no team, funding, traction or requests given: ask the applicant to complete the application")
    return nil
  end,
}

-- The domain these rules score (a declaration may come anywhere in the
-- file; several files may declare one domain alike).
domain {
  name = "business",
  label = "Business",
  description = "Team, traction and funding, judged for every applicant",
}
