-- Traction: pilots, OEM partners and revenue. Applies to every applicant
-- (domain business).
plugin {
  name = "traction",
  version = "1.0.0",
  domain = "business",
  description = "Pilots, OEM partnerships and revenue",
}

local fmt = require "format"

rule {
  id = "traction.pilots",
  weight = 1.0,
  description = "Pilot projects with customers, 5 for full marks",
  inputs = {
    ["traction.pilots"] = { type = "number", description = "the number of pilot projects you have run with customers" },
  },
  score = function(app)
    local pilots = get(app, "traction.pilots", "number")
    if pilots == nil then return nil end
    return clamp(pilots / 5), fmt.count(pilots, "pilot")
  end,
}

rule {
  id = "traction.oem_partners",
  weight = 1.5,
  description = "Partnerships with car makers (OEMs): the first counts most, 3 for full marks",
  inputs = {
    ["traction.oem_partners"] = { type = "number", description = "the number of vehicle makers (OEMs) you work with" },
  },
  score = function(app)
    local oems = get(app, "traction.oem_partners", "number")
    if oems == nil then return nil end
    local score = ({ [0] = 0, 0.6, 0.85 })[oems] or 1
    return score, fmt.count(oems, "OEM partner")
  end,
}

rule {
  id = "traction.revenue",
  weight = 1.0,
  description = "Revenue on a log scale: 0.1 M USD scores 0.25, 10 M USD full marks; flags revenue with no pilot and no OEM",
  inputs = {
    ["traction.revenue_musd"] = { type = "number", description = "your yearly revenue, in millions of US dollars" },
    ["traction.pilots"] = { type = "number", description = "the number of pilot projects you have run with customers" },
    ["traction.oem_partners"] = { type = "number", description = "the number of vehicle makers (OEMs) you work with" },
  },
  score = function(app)
    local revenue = get(app, "traction.revenue_musd", "number")
    if revenue == nil then return nil end
    if revenue <= 0 then return 0, "no revenue yet" end
    if get(app, "traction.pilots", "number") == 0 and get(app, "traction.oem_partners", "number") == 0 then
      flag(string.format("%s revenue without any pilot or OEM partner", fmt.musd(revenue)))
    end
    -- log10: 0.01 M USD -> 0, 10 M USD -> 1
    return scale(math.log(revenue, 10), -2, 1), fmt.musd(revenue) .. " revenue"
  end,
}

-- The domain these rules score (a declaration may come anywhere in the
-- file; several files may declare one domain alike).
domain {
  name = "business",
  label = "Business",
  description = "Team, traction and funding, judged for every applicant",
}
