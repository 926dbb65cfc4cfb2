-- What a user might write instead of adopting assay: the shipped rules'
-- scores and their weighted means, in plain Lua 5.4 with lua-cjson.
--
-- usage: lua5.4 bench/plain/rules.lua FILE > scores.jsonl
--
-- The same numbers and output as bench/plain/rules.py (see there); covers
-- the shipped compiled plugins ai, autonomous_driving and connectivity
-- (11 rules). To follow a change in the shipped rules, edit RULES below.
local cjson = require("cjson")

local null = cjson.null
local WRONG = {} -- a field of the wrong type: the rule is an error finding
local KNOWN = {ai = true, connectivity = true, autonomous_driving = true,
               cloud = true, digitalization = true, business = true}

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

-- A domain's rules run only when the record has that domain's object.
local RULES = {
  {"ai", {{ai_benchmark, 2.0}, {ai_latency, 1.5}, {ai_edge, 1.0},
          {ai_data, 1.0}}},
  {"autonomous_driving", {{ad_safety_case, 2.0}, {ad_level_evidence, 1.5},
                          {ad_disengagement, 2.0}, {ad_simulation, 1.0}}},
  {"connectivity", {{conn_v2x, 2.0}, {conn_latency, 2.0},
                    {conn_certified, 1.0}}},
}

local function evaluate(r)
  local domains, scored = {}, {}
  for _, d in ipairs(RULES) do
    local name, rules = d[1], d[2]
    local o = r[name]
    if o ~= nil and o ~= null then
      local total, weight = 0.0, 0.0
      for _, rule in ipairs(rules) do
        local s = rule[1](r)
        if s then
          total = total + s * rule[2]
          weight = weight + rule[2]
        end
      end
      if weight > 0 then
        domains[name] = total / weight
        scored[#scored + 1] = name
      end
    end
  end
  local claimed, any = {}, false
  local list = r.domains
  if type(list) == "table" then
    for i = 1, #list do
      local n = list[i]
      if type(n) == "string" and KNOWN[n] then claimed[n] = true; any = true end
    end
  end
  local sum, count = 0.0, 0
  for _, name in ipairs(scored) do
    if not any or claimed[name] or name == "business" then
      sum = sum + domains[name]
      count = count + 1
    end
  end
  return count > 0 and sum / count or nil, domains
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
