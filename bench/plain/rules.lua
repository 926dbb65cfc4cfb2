-- What a user might write instead of adopting assay: the shipped rules'
-- scores and their weighted means, in plain Lua 5.4 with lua-cjson.
--
-- usage: lua5.4 bench/plain/rules.lua FILE > scores.jsonl
--
-- The same numbers and output as bench/plain/rules.py (see there) for the
-- same rules: the compiled plugins ai, autonomous_driving, connectivity and
-- the Lua rules in plugins/*/*.lua. To follow a change in the shipped
-- rules, edit RULES below.
local cjson = require("cjson")

local null = cjson.null
local WRONG = {} -- a field of the wrong type: the rule is an error finding

local function find(rec, path)
  local node = rec
  for key in path:gmatch("[^.]+") do
    if type(node) ~= "table" then return nil end
    node = node[key]
  end
  if node == null then return nil end
  return node
end

local function number(rec, path)
  local v = find(rec, path)
  if v == nil then return nil end
  if type(v) ~= "number" then return WRONG end
  return v + 0.0
end

local function string_(rec, path)
  local v = find(rec, path)
  if v == nil then return nil end
  if type(v) ~= "string" then return WRONG end
  return v
end

local function boolean(rec, path)
  local v = find(rec, path)
  if v == nil then return nil end
  if type(v) ~= "boolean" then return WRONG end
  return v
end

local log10 = function(x) return math.log(x, 10) end

local function clamp01(v)
  if v < 0 then return 0.0 elseif v > 1 then return 1.0 end
  return v
end

local function log_scale(v, good, half, zero)
  if v <= good then return 1.0 end
  if v >= zero then return 0.0 end
  if v <= half then
    return 1 - 0.5 * log10(v / good) / log10(half / good)
  end
  return 0.5 - 0.5 * log10(v / half) / log10(zero / half)
end

local function usable(v) return v ~= nil and v ~= WRONG end

-- ---- autonomous_driving ---------------------------------------------------

local function ad_safety_case(r)
  local level = number(r, "autonomous_driving.sae_level")
  if level == WRONG then return nil end
  local standard = string_(r, "autonomous_driving.safety_case")
  if standard == WRONG then return nil end
  if standard == nil then return 0.0 end
  level = level or -1.0
  if standard == "UL 4600" then return 1.0 end
  if standard == "ISO 21448" then return 0.8 end
  if standard == "ISO 26262" then return level >= 3 and 0.5 or 0.7 end
  return 0.2
end

local KM_NEEDED = {[0] = 0, 1e3, 1e4, 1e5, 1e6, 1e7}

local function ad_level_evidence(r)
  local level = number(r, "autonomous_driving.sae_level")
  if not usable(level) then return nil end
  if level ~= math.floor(level) or level < 1 or level > 5 then return nil end
  local road = number(r, "autonomous_driving.road_km")
  local sim = number(r, "autonomous_driving.sim_km")
  if road == WRONG or sim == WRONG or (road == nil and sim == nil) then
    return nil
  end
  road = math.max(road or 0.0, 0.0)
  sim = math.max(sim or 0.0, 0.0)
  local evidence = road + sim / 100.0
  local needed = KM_NEEDED[math.tointeger(level)]
  return clamp01(log10(1 + evidence) / log10(1 + needed))
end

local function poisson_upper_95(count)
  local z = 1.6448536269514722
  local nu = 2 * count + 2
  local t = 1 - 2 / (9 * nu) + z * math.sqrt(2 / (9 * nu))
  return nu * t * t * t / 2
end

local function ad_disengagement(r)
  local rate = number(r, "autonomous_driving.disengagements_per_1000km")
  local road = number(r, "autonomous_driving.road_km")
  if not usable(rate) or not usable(road) then return nil end
  if road <= 0 or rate < 0 then return 0.0 end
  local thousands = road / 1000.0
  local upper = poisson_upper_95(rate * thousands) / thousands
  return clamp01((1 - log10(upper)) / 2)
end

local function ad_simulation(r)
  local sim = number(r, "autonomous_driving.sim_km")
  if not usable(sim) then return nil end
  return clamp01(log10(1 + math.max(sim, 0.0)) / 7)
end

-- ---- ai -------------------------------------------------------------------

local function ai_benchmark(r)
  local m = number(r, "ai.benchmarks.mAP")
  if not usable(m) or not (m >= 0 and m <= 1) then return nil end
  return clamp01((m - 0.3) / 0.45)
end

local function ai_latency(r)
  local ms = number(r, "ai.benchmarks.latency_ms")
  if not usable(ms) or not (ms > 0) then return nil end
  return log_scale(ms, 33, 100, 1000)
end

local function ai_edge(r)
  local edge = boolean(r, "ai.edge_deploy")
  if not usable(edge) then return nil end
  return edge and 1.0 or 0.3
end

local function ai_data(r)
  local hours = number(r, "ai.data_hours")
  if not usable(hours) or hours < 0 then return nil end
  return clamp01(log10(1 + hours) / 5)
end

-- ---- connectivity ---------------------------------------------------------

local function conn_v2x(r)
  local tech = find(r, "connectivity.tech")
  if type(tech) ~= "table" then return nil end
  local names = {}
  for i = 1, #tech do
    local t = tech[i]
    if t ~= null then
      if type(t) ~= "string" then return nil end
      names[t] = true
    end
  end
  if names["C-V2X"] then return names["5G"] and 1.0 or 0.8 end
  if names["5G"] then return 0.5 end
  if names["DSRC"] then return 0.3 end
  return names["LTE"] and 0.2 or 0.0
end

local function conn_latency(r)
  local ms = number(r, "connectivity.latency_ms")
  if not usable(ms) or not (ms > 0) then return nil end
  return log_scale(ms, 10, 100, 1000)
end

local function conn_certified(r)
  local c = boolean(r, "connectivity.certified")
  if not usable(c) then return nil end
  return c and 1.0 or 0.3
end

-- ---- Lua rules (plugins/*/*.lua): run on every record ----------------------
-- A rule that raises in assay (a field of the wrong type for get(), "%d" of
-- a number with a fraction) is an error finding: nil here.

local function whole(v) return usable(v) and v == math.floor(v) end

local function scale(x, lo, hi)
  local t = (x - lo) / (hi - lo)
  if t <= 0 then return 0.0 elseif t > 1 then return 1.0 end
  return t
end

local function contains(list, value)
  if type(list) ~= "table" then return false end
  for i = 1, #list do
    if list[i] == value then return true end
  end
  return false
end

local EXPECTED_SIZE = {["pre-seed"] = 3, seed = 8, ["series-a"] = 25,
                       ["series-b"] = 60, ["series-c"] = 150}

local function team_size(r)
  local size, stage = number(r, "team.size"), string_(r, "funding.stage")
  if size == WRONG or stage == WRONG or not whole(size) then return nil end
  return clamp01(size / ((EXPECTED_SIZE[stage] or 8) / 2))
end

local function team_automotive(r)
  local years = number(r, "team.automotive_years")
  if not usable(years) then return nil end
  return clamp01(years / 10)
end

local function team_research(r)
  local phd, size = number(r, "team.phd"), number(r, "team.size")
  if not usable(phd) or not usable(size) then return nil end
  if size <= 0 or phd > size or not (whole(phd) and whole(size)) then
    return nil
  end
  return clamp01(phd / size / 0.1)
end

local STAGE_FIT = {["pre-seed"] = 0.8, seed = 1.0, ["series-a"] = 0.8,
                   ["series-b"] = 0.4, ["series-c"] = 0.2}

local function funding_stage_fit(r)
  local stage = string_(r, "funding.stage")
  if not usable(stage) then return nil end
  return STAGE_FIT[stage]
end

local function funding_capital_efficiency(r)
  local raised = number(r, "funding.raised_musd")
  local revenue = number(r, "traction.revenue_musd")
  if not usable(raised) or not usable(revenue) or raised <= 0 then
    return nil
  end
  return clamp01(revenue / raised / 0.5)
end

local function traction_pilots(r)
  local pilots = number(r, "traction.pilots")
  if not whole(pilots) then return nil end
  return clamp01(pilots / 5)
end

local OEM_SCORE = {[0] = 0.0, 0.6, 0.85}

local function traction_oem_partners(r)
  local oems = number(r, "traction.oem_partners")
  if not whole(oems) then return nil end
  return OEM_SCORE[math.tointeger(oems)] or 1.0
end

local function traction_revenue(r)
  local revenue = number(r, "traction.revenue_musd")
  if not usable(revenue) then return nil end
  if revenue <= 0 then return 0.0 end
  if number(r, "traction.pilots") == WRONG
     or number(r, "traction.oem_partners") == WRONG then
    return nil
  end
  return scale(log10(revenue), -2, 1)
end

local function ai_accuracy_at_speed(r)
  local m = number(r, "ai.benchmarks.mAP")
  local ms = number(r, "ai.benchmarks.latency_ms")
  if not usable(m) or not usable(ms) then return nil end
  return clamp01(m * scale(ms, 300, 33) / 0.75)
end

local function ai_edge_claim(r)
  local ai = r.ai
  if type(ai) ~= "table" or ai.edge_deploy ~= true then return nil end
  local ms = number(ai, "benchmarks.latency_ms")
  if ms == WRONG then return nil end
  if ms == nil then return 0.5 end
  if ms <= 100 then return 1.0 end
  return scale(ms, 1000, 100)
end

-- Whole words, as mentions() matches them (the generated text is ASCII).
local MOBILITY = {"vehicle", "vehicles", "driver", "drivers", "driving", "car",
                  "cars", "cabin", "cockpit", "fleet", "fleets", "lidar",
                  "radar", "parking", "traffic", "battery", "batteries",
                  "charging", "mobility", "autonomous"}

local function ai_mobility_focus(r)
  local ai = r.ai
  if not contains(r.domains, "ai") and (ai == nil or ai == null) then
    return nil
  end
  local text = r.description
  if type(text) ~= "string" or text == "" then return nil end
  text = text:lower()
  for _, word in ipairs(MOBILITY) do
    if text:find("%f[%w]" .. word .. "%f[^%w]") then return 1.0 end
  end
  return 0.2
end

local function ad_hd_map(r)
  local level = number(r, "autonomous_driving.sae_level")
  local hd = boolean(r, "autonomous_driving.hd_map")
  if not usable(level) or not usable(hd) then return nil end
  if level < 3 or hd then return 1.0 end
  return 0.3
end

local function ad_validation_mix(r)
  local road = number(r, "autonomous_driving.road_km")
  local sim = number(r, "autonomous_driving.sim_km")
  if not usable(road) or not usable(sim) then return nil end
  if road <= 0 then return 0.0 end
  local ratio = sim / road
  if ratio < 10 then return scale(ratio, 0, 10) end
  if ratio <= 1000 then return 1.0 end
  return scale(log10(ratio), 5, 3)
end

local function ad_team_for_level(r)
  local level = number(r, "autonomous_driving.sae_level")
  local years = number(r, "team.automotive_years")
  if not usable(level) or not usable(years) then return nil end
  if level >= 4 and years == 0 then return 0.0 end
  return clamp01(years / (level >= 3 and 8 or 3))
end

-- connectivity.tech for the Lua rules: WRONG unless a list.
local function tech_list(r)
  local tech = find(r, "connectivity.tech")
  if tech ~= nil and type(tech) ~= "table" then return WRONG end
  return tech
end

local function conn_stack_coverage(r)
  local tech = tech_list(r)
  if not usable(tech) or #tech == 0 then return nil end
  for i = 1, #tech do -- table.concat fails on anything else
    local t = type(tech[i])
    if t ~= "string" and t ~= "number" then return nil end
  end
  local net = contains(tech, "5G") or contains(tech, "LTE")
  local link = contains(tech, "C-V2X") or contains(tech, "DSRC")
  if net and link then return 1.0 end
  if net or link then return 0.5 end
  return 0.1
end

local function conn_field_readiness(r)
  local certified = boolean(r, "connectivity.certified")
  local pilots = number(r, "traction.pilots")
  if not usable(certified) or not usable(pilots) then return nil end
  if pilots > 0 and not whole(pilots) then return nil end -- "%d pilot(s)"
  if certified then return pilots > 0 and 1.0 or 0.5 end
  return pilots > 0 and 0.5 or 0.0
end

local function conn_teleoperation(r)
  local tech, ms = tech_list(r), number(r, "connectivity.latency_ms")
  if not usable(tech) or not usable(ms) or not contains(tech, "5G") then
    return nil
  end
  return scale(ms, 200, 50)
end

-- {domain, gate, rules as {function, weight}}. Compiled plugins run only
-- when the record has the domain's object (gate true); Lua rules always.
local RULES = {
  {"ai", true, {{ai_benchmark, 2.0}, {ai_latency, 1.5}, {ai_edge, 1.0},
                {ai_data, 1.0}}},
  {"autonomous_driving", true, {{ad_safety_case, 2.0},
                                {ad_level_evidence, 1.5},
                                {ad_disengagement, 2.0},
                                {ad_simulation, 1.0}}},
  {"connectivity", true, {{conn_v2x, 2.0}, {conn_latency, 2.0},
                          {conn_certified, 1.0}}},
  {"ai", false, {{ai_accuracy_at_speed, 1.5}, {ai_edge_claim, 1.0},
                 {ai_mobility_focus, 0.5}}},
  {"autonomous_driving", false, {{ad_hd_map, 1.0}, {ad_validation_mix, 1.0},
                                 {ad_team_for_level, 0.5}}},
  {"connectivity", false, {{conn_stack_coverage, 1.0},
                           {conn_field_readiness, 1.0},
                           {conn_teleoperation, 0.5}}},
  {"business", false, {{team_size, 1.0}, {team_automotive, 1.0},
                       {team_research, 0.5}, {funding_stage_fit, 1.0},
                       {funding_capital_efficiency, 1.0},
                       {traction_pilots, 1.0}, {traction_oem_partners, 1.5},
                       {traction_revenue, 1.0}}},
}
local ORDER = {"ai", "connectivity", "autonomous_driving", "cloud",
               "digitalization", "business"}

-- Claims count only for domains some rule judges (the default policy's
-- missing "zero" then counts a claimed domain without a score as 0).
local JUDGED = {}
for _, d in ipairs(RULES) do JUDGED[d[1]] = true end

local function evaluate(r)
  local total, weight = {}, {}
  for _, d in ipairs(RULES) do
    local name, gated, rules = d[1], d[2], d[3]
    local o = r[name]
    if not gated or (o ~= nil and o ~= null) then
      for _, rule in ipairs(rules) do
        local s = rule[1](r)
        if s then
          total[name] = (total[name] or 0.0) + s * rule[2]
          weight[name] = (weight[name] or 0.0) + rule[2]
        end
      end
    end
  end
  local domains = {}
  for _, name in ipairs(ORDER) do
    if (weight[name] or 0) > 0 then domains[name] = total[name] / weight[name] end
  end
  local claimed, any = {}, false
  local list = r.domains
  if type(list) == "table" then
    for i = 1, #list do
      local n = list[i]
      if type(n) == "string" and JUDGED[n] then claimed[n] = true; any = true end
    end
  end
  local sum, count = 0.0, 0
  for _, name in ipairs(ORDER) do
    if domains[name] and (not any or claimed[name] or name == "business") then
      -- as written with 4 decimals, which is what `assay decide` reads
      sum = sum + math.floor(domains[name] * 10000 + 0.5) / 10000
      count = count + 1
    end
  end
  if count == 0 then return nil, domains end
  for name in pairs(claimed) do
    if not domains[name] then count = count + 1 end
  end
  return sum / count, domains
end

local out = io.stdout
local encode = cjson.encode
cjson.encode_number_precision(14)
for line in io.lines(arg[1]) do
  if line:find("%S") then
    local ok, r = pcall(cjson.decode, line)
    local id = ok and type(r) == "table" and r.id
    if type(id) ~= "string" or id == "" then
      out:write('{"error":"bad record"}\n')
    else
      local score, domains = evaluate(r)
      out:write(encode({id = id, score = score or null, domains = domains}),
                "\n")
    end
  end
end
