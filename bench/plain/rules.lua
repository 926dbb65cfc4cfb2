-- What a Lua programmer would write instead of adopting assay: the shipped
-- rules' scores, their weighted means and the default policy's overall
-- score, in plain Lua 5.4 with lua-cjson, written for speed the way an
-- experienced Lua programmer writes a one-off scorer: each object of the
-- record is read once into a local (`local ad = r.autonomous_driving`),
-- fields are indexed directly, library functions are upvalues, and no path
-- is split at run time.
--
-- usage: lua5.4 bench/plain/rules.lua FILE > scores.jsonl
--
-- Writes one line per record, {"id","score","domains"}, each score with at
-- most 4 decimals as assay writes it and the domains in name order, so that
-- scripts/bench can compare it byte for byte with assay's scores (it does,
-- before timing). bench/plain/rules.py computes the same in Python. Covers
-- every shipped rule that scores: the compiled plugins ai,
-- autonomous_driving, connectivity and cybersecurity and the Lua rules in
-- plugins/*/*.lua.
-- To follow a change in the shipped rules, edit the rule functions and
-- evaluate() below.
local cjson = require("cjson")

local null = cjson.null
local type, floor, tointeger = type, math.floor, math.tointeger
local log, sqrt, max = math.log, math.sqrt, math.max
local format = string.format
local EMPTY = {} -- stands for an absent or non-object part of the record
local WRONG = {} -- a field of the wrong type: assay's rule is an error finding

local function object(v)
  if type(v) == "table" then return v end
  return EMPTY
end

-- A value as a number: nil when absent or null, WRONG when another type.
local function number(v)
  if type(v) == "number" then return v end
  if v == nil or v == null then return nil end
  return WRONG
end

local function log10(x) return log(x, 10) end

local function clamp01(v)
  if v < 0 then return 0.0 elseif v > 1 then return 1.0 end
  return v
end

local function scale(x, lo, hi)
  local t = (x - lo) / (hi - lo)
  if t <= 0 then return 0.0 elseif t > 1 then return 1.0 end
  return t
end

local function log_scale(v, good, half, zero)
  if v <= good then return 1.0 end
  if v >= zero then return 0.0 end
  if v <= half then
    return 1 - 0.5 * log10(v / good) / log10(half / good)
  end
  return 0.5 - 0.5 * log10(v / half) / log10(zero / half)
end

local function whole(v) return type(v) == "number" and v == floor(v) end

local function contains(list, value)
  if type(list) ~= "table" then return false end
  for i = 1, #list do
    if list[i] == value then return true end
  end
  return false
end

-- ---- ai (compiled plugin ai, then plugins/ai/ai_practice.lua) -------------

local function ai_benchmark(bench)
  local m = bench.mAP
  if type(m) ~= "number" or not (m >= 0 and m <= 1) then return nil end
  return clamp01((m - 0.3) / 0.45)
end

local function ai_latency(bench)
  local ms = bench.latency_ms
  if type(ms) ~= "number" or not (ms > 0) then return nil end
  return log_scale(ms, 33, 100, 1000)
end

local function ai_edge(ai)
  local edge = ai.edge_deploy
  if type(edge) ~= "boolean" then return nil end
  return edge and 1.0 or 0.3
end

local function ai_data(ai)
  local hours = ai.data_hours
  if type(hours) ~= "number" or hours < 0 then return nil end
  return clamp01(log10(1 + hours) / 5)
end

local function ai_accuracy_at_speed(bench)
  local m, ms = bench.mAP, bench.latency_ms
  if type(m) ~= "number" or type(ms) ~= "number" then return nil end
  return clamp01(m * scale(ms, 300, 33) / 0.75)
end

local function ai_edge_claim(ai, bench)
  if ai.edge_deploy ~= true then return nil end
  local ms = number(bench.latency_ms)
  if ms == WRONG then return nil end
  if ms == nil then return 0.5 end
  if ms <= 100 then return 1.0 end
  return scale(ms, 1000, 100)
end

-- Whole words, as mentions() matches them (the generated text is ASCII):
-- a word is a maximal run of letters and digits.
local MOBILITY = {}
for _, word in ipairs({"vehicle", "vehicles", "driver", "drivers", "driving",
                       "car", "cars", "cabin", "cockpit", "fleet", "fleets",
                       "lidar", "radar", "parking", "traffic", "battery",
                       "batteries", "charging", "mobility", "autonomous"}) do
  MOBILITY[word] = true
end

local function ai_mobility_focus(r, ai)
  if ai == nil or ai == null then
    if not contains(r.domains, "ai") then return nil end
  end
  local text = r.description
  if type(text) ~= "string" or text == "" then return nil end
  for word in text:lower():gmatch("%w+") do
    if MOBILITY[word] then return 1.0 end
  end
  return 0.2
end

-- ---- autonomous_driving (ad_practice.lua, then the compiled plugin) -------

local function ad_hd_map(ad)
  local level, hd = ad.sae_level, ad.hd_map
  if type(level) ~= "number" or type(hd) ~= "boolean" then return nil end
  if level < 3 or hd then return 1.0 end
  return 0.3
end

local function ad_validation_mix(ad)
  local road, sim = ad.road_km, ad.sim_km
  if type(road) ~= "number" or type(sim) ~= "number" then return nil end
  if road <= 0 then return 0.0 end
  local ratio = sim / road
  if ratio < 10 then return scale(ratio, 0, 10) end
  if ratio <= 1000 then return 1.0 end
  return scale(log10(ratio), 5, 3)
end

local function ad_team_for_level(ad, team)
  local level, years = ad.sae_level, team.automotive_years
  if type(level) ~= "number" or type(years) ~= "number" then return nil end
  if level >= 4 and years == 0 then return 0.0 end
  return clamp01(years / (level >= 3 and 8 or 3))
end

local function ad_safety_case(ad)
  local level = number(ad.sae_level)
  if level == WRONG then return nil end
  local standard = ad.safety_case
  if standard == nil or standard == null then return 0.0 end
  if type(standard) ~= "string" then return nil end
  if standard == "UL 4600" then return 1.0 end
  if standard == "ISO 21448" then return 0.8 end
  if standard == "ISO 26262" then return (level or -1) >= 3 and 0.5 or 0.7 end
  return 0.2
end

local KM_NEEDED = {[0] = 0, 1e3, 1e4, 1e5, 1e6, 1e7}

local function ad_level_evidence(ad)
  local level = ad.sae_level
  if type(level) ~= "number" then return nil end
  if level ~= floor(level) or level < 1 or level > 5 then return nil end
  local road, sim = number(ad.road_km), number(ad.sim_km)
  if road == WRONG or sim == WRONG or (road == nil and sim == nil) then
    return nil
  end
  road = max(road or 0.0, 0.0)
  sim = max(sim or 0.0, 0.0)
  local needed = KM_NEEDED[tointeger(level)]
  return clamp01(log10(1 + (road + sim / 100.0)) / log10(1 + needed))
end

local function ad_disengagement(ad)
  local rate, road = ad.disengagements_per_1000km, ad.road_km
  if type(rate) ~= "number" or type(road) ~= "number" then return nil end
  if road <= 0 or rate < 0 then return 0.0 end
  local thousands = road / 1000.0
  -- the Poisson upper 95% bound of the count (Wilson-Hilferty)
  local nu = 2 * (rate * thousands) + 2
  local t = 1 - 2 / (9 * nu) + 1.6448536269514722 * sqrt(2 / (9 * nu))
  local upper = nu * t * t * t / 2 / thousands
  return clamp01((1 - log10(upper)) / 2)
end

local function ad_simulation(ad)
  local sim = ad.sim_km
  if type(sim) ~= "number" then return nil end
  return clamp01(log10(1 + max(sim, 0.0)) / 7)
end

-- ---- business (plugins/common: funding.lua, team.lua, traction.lua) -------

local STAGE_FIT = {["pre-seed"] = 0.8, seed = 1.0, ["series-a"] = 0.8,
                   ["series-b"] = 0.4, ["series-c"] = 0.2}
local EXPECTED_SIZE = {["pre-seed"] = 3, seed = 8, ["series-a"] = 25,
                       ["series-b"] = 60, ["series-c"] = 150}
local OEM_SCORE = {[0] = 0.0, 0.6, 0.85}

local function funding_stage_fit(funding)
  local stage = funding.stage
  if type(stage) ~= "string" then return nil end
  return STAGE_FIT[stage]
end

local function funding_capital_efficiency(funding, traction)
  local raised, revenue = funding.raised_musd, traction.revenue_musd
  if type(raised) ~= "number" or type(revenue) ~= "number" or raised <= 0 then
    return nil
  end
  return clamp01(revenue / raised / 0.5)
end

local function team_size(team, funding)
  local size, stage = team.size, funding.stage
  if not whole(size) then return nil end
  if stage ~= nil and stage ~= null and type(stage) ~= "string" then
    return nil
  end
  return clamp01(size / ((EXPECTED_SIZE[stage] or 8) / 2))
end

local function team_automotive(team)
  local years = team.automotive_years
  if type(years) ~= "number" then return nil end
  return clamp01(years / 10)
end

local function team_research(team)
  local phd, size = team.phd, team.size
  if not whole(phd) or not whole(size) or size <= 0 or phd > size then
    return nil
  end
  return clamp01(phd / size / 0.1)
end

local function traction_pilots(traction)
  local pilots = traction.pilots
  if not whole(pilots) then return nil end
  return clamp01(pilots / 5)
end

local function traction_oem_partners(traction)
  local oems = traction.oem_partners
  if not whole(oems) then return nil end
  return OEM_SCORE[tointeger(oems)] or 1.0
end

local function traction_revenue(traction)
  local revenue = traction.revenue_musd
  if type(revenue) ~= "number" then return nil end
  if revenue <= 0 then return 0.0 end
  if number(traction.pilots) == WRONG
     or number(traction.oem_partners) == WRONG then
    return nil
  end
  return scale(log10(revenue), -2, 1)
end

-- ---- connectivity (conn_practice.lua, then the compiled plugin) -----------

local function conn_stack_coverage(tech)
  if type(tech) ~= "table" or #tech == 0 then return nil end
  local net, link = false, false
  for i = 1, #tech do
    local t = tech[i]
    local kind = type(t)
    if kind ~= "string" and kind ~= "number" then return nil end -- table.concat fails
    if t == "5G" or t == "LTE" then net = true
    elseif t == "C-V2X" or t == "DSRC" then link = true end
  end
  if net and link then return 1.0 end
  if net or link then return 0.5 end
  return 0.1
end

local function conn_field_readiness(conn, traction)
  local certified, pilots = conn.certified, traction.pilots
  if type(certified) ~= "boolean" or type(pilots) ~= "number" then return nil end
  if pilots > 0 and pilots ~= floor(pilots) then return nil end -- "%d pilot(s)"
  if certified then return pilots > 0 and 1.0 or 0.5 end
  return pilots > 0 and 0.5 or 0.0
end

local function conn_teleoperation(conn, tech)
  local ms = conn.latency_ms
  if type(tech) ~= "table" or type(ms) ~= "number" or not contains(tech, "5G") then
    return nil
  end
  return scale(ms, 200, 50)
end

local function conn_v2x(tech)
  if type(tech) ~= "table" then return nil end
  local v2x, g5, dsrc, lte = false, false, false, false
  for i = 1, #tech do
    local t = tech[i]
    if t ~= null then
      if type(t) ~= "string" then return nil end
      if t == "C-V2X" then v2x = true elseif t == "5G" then g5 = true
      elseif t == "DSRC" then dsrc = true elseif t == "LTE" then lte = true end
    end
  end
  if v2x then return g5 and 1.0 or 0.8 end
  if g5 then return 0.5 end
  if dsrc then return 0.3 end
  return lte and 0.2 or 0.0
end

local function conn_latency(conn)
  local ms = conn.latency_ms
  if type(ms) ~= "number" or not (ms > 0) then return nil end
  return log_scale(ms, 10, 100, 1000)
end

local function conn_certified(conn)
  local c = conn.certified
  if type(c) ~= "boolean" then return nil end
  return c and 1.0 or 0.3
end

-- ---- cybersecurity (compiled plugin cybersecurity) -------------------------

local CSMS = {certified = 1.0, implemented = 0.6, planned = 0.2, none = 0.0}
-- Signature schemes the plugin knows; any other string scores 0.5.
local SCHEMES = {["Ed25519"] = 1.0, ["Ed448"] = 1.0, ["ECDSA-P256"] = 1.0,
                 ["ECDSA-P384"] = 1.0, ["ECDSA-P521"] = 1.0,
                 ["RSA-3072"] = 1.0, ["RSA-4096"] = 1.0, ["RSA-2048"] = 0.8,
                 ["RSA-1024"] = 0.2, ["RSA-512"] = 0.2, ["DSA-1024"] = 0.2,
                 ["ECDSA-P192"] = 0.2, ["RSA-SHA1"] = 0.2,
                 ["ECDSA-SHA1"] = 0.2, ["MD5-RSA"] = 0.2}

local function cyber_csms(cyber)
  local v = cyber.csms
  if v == nil or v == null then return 0.0 end
  if type(v) ~= "string" then return nil end
  return CSMS[v]
end

local function cyber_tara(cyber)
  local n = object(cyber.tara).threat_scenarios
  if type(n) ~= "number" or n < 0 or n ~= floor(n) then return nil end
  if n == 0 then return 0.0 end
  return clamp01(log10(1 + n) / log10(101))
end

local function cyber_incident(cyber)
  local h = cyber.incident_response_hours
  if type(h) ~= "number" or h < 0 then return nil end
  return log_scale(h, 24, 72, 720)
end

local function cyber_ota(cyber)
  local ota = object(cyber.ota)
  local signed, scheme = ota.signed, ota.signature
  if signed == null then signed = nil end
  if scheme == null then scheme = nil end
  if (signed ~= nil and type(signed) ~= "boolean") or
     (scheme ~= nil and type(scheme) ~= "string") or
     (signed == nil and scheme == nil) then
    return nil
  end
  if signed == false then return 0.0 end
  if scheme == nil then return 0.5 end
  return SCHEMES[scheme] or 0.5
end

-- ---- combining -------------------------------------------------------------

-- As assay writes a score: rounded to ten-thousandths, half away from zero
-- (C's round() of x * 10000), trailing zeros dropped.
local function decimals4(x)
  local k = x * 10000
  local r = floor(k)
  if k - r >= 0.5 then r = r + 1 end
  r = tointeger(r)
  local frac = r % 10000
  if frac == 0 then return format("%d", r // 10000) end
  local s = format("%d.%04d", r // 10000, frac)
  if frac % 10 ~= 0 then return s end
  return (s:gsub("0+$", ""))
end

-- Each domain's rules in assay's finding order (the order matters to the
-- last bit of a float sum): the plugins as loaded from plugins/<dir>/ in
-- name order. Compiled plugins run only when the record has the domain's
-- object; Lua rules always. Returns the domains' 4-decimal strings.
local function evaluate(r)
  local ai_v, ad_v, conn_v = r.ai, r.autonomous_driving, r.connectivity
  local ai, ad, conn = object(ai_v), object(ad_v), object(conn_v)
  local bench = object(ai.benchmarks)
  local team, funding, traction = object(r.team), object(r.funding),
                                  object(r.traction)
  local tech = conn.tech
  local s
  local out = {}

  local t, w = 0.0, 0.0
  if ai_v ~= nil and ai_v ~= null then
    s = ai_benchmark(bench); if s then t = t + s * 2.0; w = w + 2.0 end
    s = ai_latency(bench); if s then t = t + s * 1.5; w = w + 1.5 end
    s = ai_edge(ai); if s then t = t + s; w = w + 1.0 end
    s = ai_data(ai); if s then t = t + s; w = w + 1.0 end
  end
  s = ai_accuracy_at_speed(bench); if s then t = t + s * 1.5; w = w + 1.5 end
  s = ai_edge_claim(ai, bench); if s then t = t + s; w = w + 1.0 end
  s = ai_mobility_focus(r, ai_v); if s then t = t + s * 0.5; w = w + 0.5 end
  if w > 0 then out.ai = decimals4(t / w) end

  t, w = 0.0, 0.0
  s = ad_hd_map(ad); if s then t = t + s; w = w + 1.0 end
  s = ad_validation_mix(ad); if s then t = t + s; w = w + 1.0 end
  s = ad_team_for_level(ad, team); if s then t = t + s * 0.5; w = w + 0.5 end
  if ad_v ~= nil and ad_v ~= null then
    s = ad_safety_case(ad); if s then t = t + s * 2.0; w = w + 2.0 end
    s = ad_level_evidence(ad); if s then t = t + s * 1.5; w = w + 1.5 end
    s = ad_disengagement(ad); if s then t = t + s * 2.0; w = w + 2.0 end
    s = ad_simulation(ad); if s then t = t + s; w = w + 1.0 end
  end
  if w > 0 then out.autonomous_driving = decimals4(t / w) end

  t, w = 0.0, 0.0
  s = funding_stage_fit(funding); if s then t = t + s; w = w + 1.0 end
  s = funding_capital_efficiency(funding, traction)
  if s then t = t + s; w = w + 1.0 end
  s = team_size(team, funding); if s then t = t + s; w = w + 1.0 end
  s = team_automotive(team); if s then t = t + s; w = w + 1.0 end
  s = team_research(team); if s then t = t + s * 0.5; w = w + 0.5 end
  s = traction_pilots(traction); if s then t = t + s; w = w + 1.0 end
  s = traction_oem_partners(traction); if s then t = t + s * 1.5; w = w + 1.5 end
  s = traction_revenue(traction); if s then t = t + s; w = w + 1.0 end
  if w > 0 then out.business = decimals4(t / w) end

  t, w = 0.0, 0.0
  s = conn_stack_coverage(tech); if s then t = t + s; w = w + 1.0 end
  s = conn_field_readiness(conn, traction); if s then t = t + s; w = w + 1.0 end
  s = conn_teleoperation(conn, tech); if s then t = t + s * 0.5; w = w + 0.5 end
  if conn_v ~= nil and conn_v ~= null then
    s = conn_v2x(tech); if s then t = t + s * 2.0; w = w + 2.0 end
    s = conn_latency(conn); if s then t = t + s * 2.0; w = w + 2.0 end
    s = conn_certified(conn); if s then t = t + s; w = w + 1.0 end
  end
  if w > 0 then out.connectivity = decimals4(t / w) end

  local cyber = r.cybersecurity
  if type(cyber) == "table" then -- cjson's null is not a table
    t, w = 0.0, 0.0
    s = cyber_csms(cyber); if s then t = t + s * 2.0; w = w + 2.0 end
    s = cyber_tara(cyber); if s then t = t + s * 1.5; w = w + 1.5 end
    s = cyber_incident(cyber); if s then t = t + s; w = w + 1.0 end
    s = cyber_ota(cyber); if s then t = t + s * 2.0; w = w + 2.0 end
    if w > 0 then out.cybersecurity = decimals4(t / w) end
  end
  return out
end

-- The default policy's overall score: the mean of the domain scores as
-- written (4 decimals) over the claimed domains some rule judges, plus
-- business, a claimed domain without a score counting as 0; every scored
-- domain when none is claimed. In the order assay sums them: the policy's
-- domains by name (a float sum's last bit can move a 4-decimal rounding).
local JUDGED = {ai = true, autonomous_driving = true, business = true,
                connectivity = true, cybersecurity = true}
local ORDER = {"ai", "autonomous_driving", "business", "connectivity",
               "cybersecurity"} -- the policy's domains, by name

local function overall(r, domains)
  local claimed, any = {}, false
  local list = r.domains
  if type(list) == "table" then
    for i = 1, #list do
      local n = list[i]
      if JUDGED[n] then claimed[n] = true; any = true end
    end
  end
  local sum, count = 0.0, 0
  for i = 1, #ORDER do
    local name = ORDER[i]
    local d = domains[name]
    if d and (not any or claimed[name] or name == "business") then
      sum = sum + tonumber(d)
      count = count + 1
    end
  end
  if count == 0 then return "null" end
  for name in pairs(claimed) do
    if not domains[name] then count = count + 1 end
  end
  return decimals4(sum / count)
end

local NAME_ORDER = {"ai", "autonomous_driving", "business", "connectivity",
                    "cybersecurity"}
local write, encode, concat = io.write, cjson.encode, table.concat
for line in io.lines(arg[1]) do
  if line:find("%S") then
    local ok, r = pcall(cjson.decode, line)
    local id = ok and type(r) == "table" and r.id
    if type(id) ~= "string" or id == "" then
      write('{"error":"bad record"}\n')
    else
      local domains = evaluate(r)
      local parts, n = {}, 0
      for i = 1, #NAME_ORDER do
        local name = NAME_ORDER[i]
        if domains[name] then
          n = n + 1
          parts[n] = '"' .. name .. '":' .. domains[name]
        end
      end
      write('{"id":', encode(id), ',"score":', overall(r, domains),
            ',"domains":{', concat(parts, ","), '}}\n')
    end
  end
end
