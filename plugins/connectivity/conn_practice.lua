-- Connectivity in practice: does the stack cover both the network and the
-- direct vehicle-to-vehicle link, is it out on the road, and is it fit for
-- remote operation. Complements the compiled connectivity plugin (V2X
-- readiness, latency against 3GPP, certification).
plugin {
  name = "conn_practice",
  version = "1.0.0",
  domain = "connectivity",
  description = "Stack coverage, field readiness and teleoperation fitness of connectivity products",
}

local cellular = { "5G", "LTE" }
local direct = { "C-V2X", "DSRC" }

local function any_of(tech, list)
  for _, t in ipairs(list) do
    if contains(tech, t) then return t end
  end
end

rule {
  id = "conn.stack_coverage",
  weight = 1.0,
  description = "A vehicle stack needs a network link (5G or LTE) and a direct link (C-V2X or DSRC); both score full marks",
  inputs = {
    ["connectivity.tech"] = { type = "array", description = "the connectivity technologies you use (5G, C-V2X, ...)" },
  },
  score = function(app)
    local tech = get(app, "connectivity.tech", "table")
    if tech == nil or #tech == 0 then return nil end
    local net, link = any_of(tech, cellular), any_of(tech, direct)
    local listed = table.concat(tech, ", ")
    if net and link then
      return 1, string.format("network and direct links (%s)", listed)
    elseif net or link then
      return 0.5, string.format("only a %s link (%s)", net and "network" or "direct", listed)
    end
    return 0.1, string.format("neither a cellular nor a V2X link (%s)", listed)
  end,
}

rule {
  id = "conn.field_readiness",
  weight = 1.0,
  description = "Certified equipment in pilots is ready for the road; certification or pilots alone count half",
  inputs = {
    ["connectivity.certified"] = { type = "boolean", description = "whether your connectivity product is certified" },
    ["traction.pilots"] = { type = "number", description = "the number of pilot projects you have run with customers" },
  },
  score = function(app)
    local certified = get(app, "connectivity.certified", "boolean")
    local pilots = get(app, "traction.pilots", "number")
    if certified == nil or pilots == nil then return nil end
    if certified and pilots > 0 then
      return 1, string.format("certified and in %d pilot(s)", pilots)
    elseif certified then
      return 0.5, "certified, but no pilots yet"
    elseif pilots > 0 then
      return 0.5, string.format("%d pilot(s) with uncertified equipment", pilots)
    end
    return 0, "not certified and no pilots"
  end,
}

rule {
  id = "conn.teleoperation",
  weight = 0.5,
  description = "Remote driving needs 5G with 50 ms or less end to end; scores latency from 50 ms (full) to 200 ms (none)",
  inputs = {
    ["connectivity.tech"] = { type = "array", description = "the connectivity technologies you use (5G, C-V2X, ...)" },
    ["connectivity.latency_ms"] = { type = "number", description = "the end-to-end latency of your connectivity product, in milliseconds" },
  },
  score = function(app)
    local tech = get(app, "connectivity.tech", "table")
    local latency = get(app, "connectivity.latency_ms", "number")
    if tech == nil or latency == nil or not contains(tech, "5G") then return nil end
    return scale(latency, 200, 50), string.format("5G at %g ms end to end", latency)
  end,
}

-- The domain these rules score (a declaration may come anywhere in the
-- file; several files may declare one domain alike).
domain {
  name = "connectivity",
  label = "Connectivity",
  description = "Vehicle connectivity: V2X readiness, network latency, certification, stack coverage and teleoperation",
}
