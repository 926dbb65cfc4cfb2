-- AI in practice: accuracy bought at what speed, whether an edge
-- deployment claim holds up, and whether the product is about mobility at
-- all. Complements the compiled ai plugin (benchmark quality, latency, edge
-- deployment, training data), which judges each figure on its own.
plugin {
  name = "ai_practice",
  version = "1.0.0",
  domain = "ai",
  description = "Accuracy at speed, edge claims and mobility focus of AI products",
}

rule {
  id = "ai.accuracy_at_speed",
  weight = 1.5,
  description = "mAP and latency together: accuracy counts fully at 33 ms per frame and fades to nothing at 300 ms",
  inputs = {
    ["ai.benchmarks.mAP"] = { type = "number", description = "the mean average precision (mAP, 0 to 1) of your perception model on a public benchmark" },
    ["ai.benchmarks.latency_ms"] = { type = "number", description = "the time your model takes per frame, in milliseconds" },
  },
  score = function(app)
    local map = get(app, "ai.benchmarks.mAP", "number")
    local latency = get(app, "ai.benchmarks.latency_ms", "number")
    if map == nil or latency == nil then return nil end
    local speed = scale(latency, 300, 33)
    return clamp(map * speed / 0.75), string.format(
      "mAP %.3f at %g ms per frame", map, latency)
  end,
}

rule {
  id = "ai.edge_claim",
  weight = 1.0,
  description = "An edge deployment claim must come with in-car latency (100 ms or less); flags the claim without figures",
  inputs = {
    ["ai.edge_deploy"] = { type = "boolean", description = "whether your AI runs on the vehicle (edge deployment)" },
    ["ai.benchmarks.latency_ms"] = { type = "number", description = "the time your model takes per frame, in milliseconds" },
  },
  score = function(app)
    local ai = app.ai
    if not ai or ai.edge_deploy ~= true then return nil end
    local latency = get(ai, "benchmarks.latency_ms", "number")
    if latency == nil then
      flag("edge deployment claimed without a latency figure")
      return 0.5, "edge deployment claimed, no latency given"
    end
    if latency <= 100 then
      return 1, string.format("edge deployment at %g ms", latency)
    end
    flag(string.format("edge deployment claimed at %g ms per frame", latency))
    return scale(latency, 1000, 100), string.format(
      "edge deployment claimed but latency is %g ms (100 ms or less expected)", latency)
  end,
}

-- Whole words (mentions() in docs/rules.md), so "car" does not match
-- "care", "career", "carbon" or "cargo"; each accepted form is listed.
local mobility_words = {
  "vehicle", "vehicles", "driver", "drivers", "driving", "car", "cars",
  "cabin", "cockpit", "fleet", "fleets", "lidar", "radar", "parking",
  "traffic", "battery", "batteries", "charging", "mobility", "autonomous",
}

rule {
  id = "ai.mobility_focus",
  weight = 0.5,
  description = "The description names a mobility use (vehicles, drivers, fleets, sensors, charging)",
  inputs = {
    ["description"] = { type = "string", description = "a short description of what your company does" },
    ["domains"] = { type = "array", description = "the fields of mobility you work in" },
    ["ai"] = { type = "object", description = "the facts about your AI product (benchmarks, latency, training data)" },
  },
  score = function(app)
    if not contains(app.domains, "ai") and app.ai == nil then return nil end
    if type(app.description) ~= "string" or app.description == "" then return nil end
    local word = mentions(app.description, mobility_words)
    if word then
      return 1, string.format("the description mentions \"%s\"", word)
    end
    return 0.2, "the description names no mobility use"
  end,
}

-- The domain these rules score (a declaration may come anywhere in the
-- file; several files may declare one domain alike).
domain {
  name = "ai",
  label = "AI",
  description = "Machine learning products: benchmark quality, in-car inference latency, edge deployment and training data",
}
