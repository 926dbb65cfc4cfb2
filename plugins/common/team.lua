-- The team: is it large enough for its stage, does it know cars, and does
-- it have research depth. Applies to every applicant (domain business).
plugin {
  name = "team",
  version = "1.0.0",
  domain = "business",
  description = "Team size for the funding stage, automotive experience and research depth",
}

local fmt = require "format"

-- The team size a company at each stage usually has.
local expected_size = {
  ["pre-seed"] = 3, seed = 8, ["series-a"] = 25, ["series-b"] = 60, ["series-c"] = 150,
}

rule {
  id = "team.size",
  weight = 1.0,
  description = "Team size against what the funding stage usually has (half the usual size or more scores full marks)",
  inputs = {
    ["team.size"] = { type = "number", description = "the number of people in your team" },
    ["funding.stage"] = { type = "string", description = "your funding stage (pre-seed, seed, series A, ...)" },
  },
  score = function(app)
    local size, stage = get(app, "team.size", "number"), get(app, "funding.stage", "string")
    if size == nil then return nil end
    local usual = expected_size[stage] or 8
    local basis = expected_size[stage] and stage or "an early-stage company"
    return clamp(size / (usual / 2)), string.format(
      "%d %s for %s (usually about %d)", size, size == 1 and "person" or "people", basis, usual)
  end,
}

rule {
  id = "team.automotive",
  weight = 1.0,
  description = "Years of automotive industry experience on the team, 10 years for full marks",
  inputs = {
    ["team.automotive_years"] = { type = "number", description = "your team's years of automotive experience, added up" },
  },
  score = function(app)
    local years = get(app, "team.automotive_years", "number")
    if years == nil then return nil end
    return clamp(years / 10), string.format("%g years of automotive experience", years)
  end,
}

rule {
  id = "team.research",
  weight = 0.5,
  description = "PhDs on the team: one in ten members for full marks; flags a PhD count above the team size",
  inputs = {
    ["team.phd"] = { type = "number", description = "the number of people in your team with a PhD" },
    ["team.size"] = { type = "number", description = "the number of people in your team" },
  },
  score = function(app)
    local phd, size = get(app, "team.phd", "number"), get(app, "team.size", "number")
    if phd == nil or size == nil or size <= 0 then return nil end
    if phd > size then
      flag(string.format("%d PhDs in a team of %d", phd, size))
      return nil
    end
    return clamp(phd / size / 0.1), string.format("%s in a team of %d", fmt.count(phd, "PhD"), size)
  end,
}

-- The domain these rules score (a declaration may come anywhere in the
-- file; several files may declare one domain alike).
domain {
  name = "business",
  label = "Business",
  description = "Team, traction and funding, judged for every applicant",
}
