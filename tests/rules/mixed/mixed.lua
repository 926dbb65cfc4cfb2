-- Rules for the end-to-end test that mixes Lua and compiled plugins.
plugin {
  name = "mixed",
  version = "0.1.0",
  domain = "autonomous_driving",
  description = "simple rules with round scores",
}

rule {
  id = "mixed.hd_map",
  weight = 2,
  description = "an HD map scores 1, none 0.25",
  score = function(app)
    local map = get(app, "autonomous_driving.hd_map")
    if map == nil then return nil end
    return map and 1 or 0.25, map and "has an HD map" or "no HD map"
  end,
}

-- business is the shipped rule files' domain; declared here alike so that
-- these rules load without them.
domain {
  name = "business",
  label = "Business",
  description = "Team, traction and funding, judged for every applicant",
}

rule {
  id = "mixed.team",
  domain = "business",
  weight = 1,
  description = "team size, 10 for full marks",
  score = function(app)
    local size = get(app, "team.size")
    if size == nil then return nil end
    if size > 100 then veto(string.format("a team of %d is no startup", size)) end
    return clamp(size / 10), string.format("team of %d", size)
  end,
}
