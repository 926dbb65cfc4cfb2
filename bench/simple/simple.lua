-- A second benchmark rule set, independent of the shipped rules: twelve
-- rules that each read one number and scale it, so that the benchmark's
-- figures do not depend on the shape of one rule set. bench/plain/simple.lua
-- computes the same scores in plain Lua; scripts/bench checks that they
-- agree byte for byte, then times both.
plugin {
  name = "simple",
  version = "1.0.0",
  domain = "business",
  description = "Benchmark rules: one number each, scaled to [0, 1]",
}

rule {
  id = "simple.team_size",
  weight = 1.0,
  description = "team.size, scaled",
  inputs = { ["team.size"] = "number" },
  score = function(app)
    local x = get(app, "team.size", "number")
    if x == nil then return nil end
    return clamp(x / 20), string.format("%g people", x)
  end,
}

rule {
  id = "simple.phd",
  weight = 0.5,
  description = "team.phd, scaled",
  inputs = { ["team.phd"] = "number" },
  score = function(app)
    local x = get(app, "team.phd", "number")
    if x == nil then return nil end
    return clamp(x / 5), string.format("%g PhDs", x)
  end,
}

rule {
  id = "simple.automotive_years",
  weight = 1.0,
  description = "team.automotive_years, scaled",
  inputs = { ["team.automotive_years"] = "number" },
  score = function(app)
    local x = get(app, "team.automotive_years", "number")
    if x == nil then return nil end
    return clamp(x / 15), string.format("%g years in automotive", x)
  end,
}

rule {
  id = "simple.raised",
  weight = 1.0,
  description = "funding.raised_musd, scaled",
  inputs = { ["funding.raised_musd"] = "number" },
  score = function(app)
    local x = get(app, "funding.raised_musd", "number")
    if x == nil then return nil end
    return clamp(x / 10), string.format("%g M USD raised", x)
  end,
}

rule {
  id = "simple.revenue",
  weight = 1.5,
  description = "traction.revenue_musd, scaled",
  inputs = { ["traction.revenue_musd"] = "number" },
  score = function(app)
    local x = get(app, "traction.revenue_musd", "number")
    if x == nil then return nil end
    return clamp(x / 5), string.format("%g M USD revenue", x)
  end,
}

rule {
  id = "simple.pilots",
  weight = 1.0,
  description = "traction.pilots, scaled",
  inputs = { ["traction.pilots"] = "number" },
  score = function(app)
    local x = get(app, "traction.pilots", "number")
    if x == nil then return nil end
    return clamp(x / 10), string.format("%g pilots", x)
  end,
}

rule {
  id = "simple.oem_partners",
  weight = 1.5,
  description = "traction.oem_partners, scaled",
  inputs = { ["traction.oem_partners"] = "number" },
  score = function(app)
    local x = get(app, "traction.oem_partners", "number")
    if x == nil then return nil end
    return clamp(x / 3), string.format("%g OEM partners", x)
  end,
}

rule {
  id = "simple.age",
  weight = 0.5,
  description = "founded, scaled",
  inputs = { ["founded"] = "number" },
  score = function(app)
    local x = get(app, "founded", "number")
    if x == nil then return nil end
    return clamp((2026 - x) / 10), string.format("founded in %g", x)
  end,
}

rule {
  id = "simple.sim_km",
  weight = 1.0,
  description = "autonomous_driving.sim_km, scaled",
  inputs = { ["autonomous_driving.sim_km"] = "number" },
  score = function(app)
    local x = get(app, "autonomous_driving.sim_km", "number")
    if x == nil then return nil end
    return clamp(x / 1e7), string.format("%g simulated km", x)
  end,
}

rule {
  id = "simple.road_km",
  weight = 1.0,
  description = "autonomous_driving.road_km, scaled",
  inputs = { ["autonomous_driving.road_km"] = "number" },
  score = function(app)
    local x = get(app, "autonomous_driving.road_km", "number")
    if x == nil then return nil end
    return clamp(x / 1e6), string.format("%g road km", x)
  end,
}

rule {
  id = "simple.latency",
  weight = 1.0,
  description = "connectivity.latency_ms, scaled",
  inputs = { ["connectivity.latency_ms"] = "number" },
  score = function(app)
    local x = get(app, "connectivity.latency_ms", "number")
    if x == nil then return nil end
    return clamp(1 - x / 200), string.format("%g ms latency", x)
  end,
}

rule {
  id = "simple.data_hours",
  weight = 0.5,
  description = "ai.data_hours, scaled",
  inputs = { ["ai.data_hours"] = "number" },
  score = function(app)
    local x = get(app, "ai.data_hours", "number")
    if x == nil then return nil end
    return clamp(x / 1e5), string.format("%g hours of training data", x)
  end,
}
