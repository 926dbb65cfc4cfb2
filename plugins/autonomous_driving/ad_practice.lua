-- Autonomous driving in practice: the map the system relies on, how the
-- validation kilometres are split between simulation and road, and whether
-- the team has built cars before. Complements the compiled
-- autonomous_driving plugin (safety case, level evidence, disengagements,
-- simulation coverage).
plugin {
  name = "ad_practice",
  version = "1.0.0",
  domain = "autonomous_driving",
  description = "HD map dependence, validation mix and automotive experience of AD teams",
}

rule {
  id = "ad.hd_map",
  weight = 1.0,
  description = "Level 3+ systems need an HD map (or a strong case without one); level 2 and below do not",
  inputs = {
    ["autonomous_driving.sae_level"] = { type = "number", description = "the SAE level of driving automation your system reaches" },
    ["autonomous_driving.hd_map"] = { type = "boolean", description = "whether your system depends on HD maps" },
  },
  score = function(app)
    local level = get(app, "autonomous_driving.sae_level", "number")
    local map = get(app, "autonomous_driving.hd_map", "boolean")
    if level == nil or map == nil then return nil end
    if level < 3 then
      return 1, string.format("SAE level %g does not depend on an HD map", level)
    end
    if map then
      return 1, string.format("SAE level %g backed by an HD map", level)
    end
    flag(string.format("SAE level %g without an HD map: ask how the system localises", level))
    return 0.3, string.format("SAE level %g claimed without an HD map", level)
  end,
}

rule {
  id = "ad.validation_mix",
  weight = 1.0,
  description = "Simulation should multiply road testing: 10 to 1000 simulated km per road km scores full marks",
  inputs = {
    ["autonomous_driving.road_km"] = { type = "number", description = "the number of road kilometres driven autonomously" },
    ["autonomous_driving.sim_km"] = { type = "number", description = "the number of kilometres driven in simulation" },
  },
  score = function(app)
    local road = get(app, "autonomous_driving.road_km", "number")
    local sim = get(app, "autonomous_driving.sim_km", "number")
    if road == nil or sim == nil then return nil end
    if road <= 0 then
      return 0, string.format("%.0f simulated km but no road km: simulation is not validated on the road", sim)
    end
    local ratio = sim / road
    local score
    if ratio < 10 then
      score = scale(ratio, 0, 10)
    elseif ratio <= 1000 then
      score = 1
    else
      score = scale(math.log(ratio, 10), 5, 3) -- 1000x: 1, 100000x: 0
    end
    return score, string.format("%.0f simulated km per road km (%.0f sim km, %.0f road km)",
                                ratio, sim, road)
  end,
}

rule {
  id = "ad.team_for_level",
  weight = 0.5,
  description = "Automated driving at level 3+ needs a team with years in automotive development; vetoes level 4 with none",
  inputs = {
    ["autonomous_driving.sae_level"] = { type = "number", description = "the SAE level of driving automation your system reaches" },
    ["team.automotive_years"] = { type = "number", description = "your team's years of automotive experience, added up" },
  },
  score = function(app)
    local level = get(app, "autonomous_driving.sae_level", "number")
    local years = get(app, "team.automotive_years", "number")
    if level == nil or years == nil then return nil end
    if level >= 4 and years == 0 then
      veto(string.format("SAE level %g with no automotive experience on the team", level))
      return 0, "no automotive experience on the team"
    end
    local needed = level >= 3 and 8 or 3
    return clamp(years / needed), string.format(
      "%g years of automotive experience for SAE level %g (%d for full marks)", years, level, needed)
  end,
}

-- The domain these rules score (a declaration may come anywhere in the
-- file; several files may declare one domain alike).
domain {
  name = "autonomous_driving",
  label = "Autonomous driving",
  description = "Automated driving: SAE level evidence, safety case, disengagements, simulation and validation",
}
