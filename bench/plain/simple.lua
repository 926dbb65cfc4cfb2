-- The fair plain-Lua peer of bench/simple/simple.lua: the same twelve
-- scores and their weighted mean, as an experienced Lua programmer writes
-- it (each object read once into a local, direct field access), with
-- lua-cjson. Writes {"id","domains"} with assay's 4-decimal rounding.
--
-- usage: lua5.4 bench/plain/simple.lua FILE > scores.jsonl
local cjson = require("cjson")
local type, floor, format, tointeger = type, math.floor, string.format, math.tointeger
local EMPTY = {}

local function object(v)
  if type(v) == "table" then return v end
  return EMPTY
end

local function clamp(x)
  if x <= 0 then return 0.0 elseif x > 1 then return 1.0 end
  return x
end

-- As assay writes a score: round(x * 10000), trailing zeros dropped.
local function decimals4(x)
  local k = x * 10000
  local r = floor(k)
  if k - r >= 0.5 then r = r + 1 end
  r = tointeger(r)
  local frac = r % 10000
  if frac == 0 then return format("%d", r // 10000) end
  return (format("%d.%04d", r // 10000, frac):gsub("0+$", ""))
end

local function evaluate(r)
  local team, funding, traction = object(r.team), object(r.funding), object(r.traction)
  local ad, conn, ai = object(r.autonomous_driving), object(r.connectivity), object(r.ai)
  local t, w = 0.0, 0.0
  local x
  x = team.size
  if type(x) == "number" then t = t + clamp(x / 20) * 1.0; w = w + 1.0 end
  x = team.phd
  if type(x) == "number" then t = t + clamp(x / 5) * 0.5; w = w + 0.5 end
  x = team.automotive_years
  if type(x) == "number" then t = t + clamp(x / 15) * 1.0; w = w + 1.0 end
  x = funding.raised_musd
  if type(x) == "number" then t = t + clamp(x / 10) * 1.0; w = w + 1.0 end
  x = traction.revenue_musd
  if type(x) == "number" then t = t + clamp(x / 5) * 1.5; w = w + 1.5 end
  x = traction.pilots
  if type(x) == "number" then t = t + clamp(x / 10) * 1.0; w = w + 1.0 end
  x = traction.oem_partners
  if type(x) == "number" then t = t + clamp(x / 3) * 1.5; w = w + 1.5 end
  x = r.founded
  if type(x) == "number" then t = t + clamp((2026 - x) / 10) * 0.5; w = w + 0.5 end
  x = ad.sim_km
  if type(x) == "number" then t = t + clamp(x / 1e7) * 1.0; w = w + 1.0 end
  x = ad.road_km
  if type(x) == "number" then t = t + clamp(x / 1e6) * 1.0; w = w + 1.0 end
  x = conn.latency_ms
  if type(x) == "number" then t = t + clamp(1 - x / 200) * 1.0; w = w + 1.0 end
  x = ai.data_hours
  if type(x) == "number" then t = t + clamp(x / 1e5) * 0.5; w = w + 0.5 end
  if w > 0 then return decimals4(t / w) end
  return nil
end

local write, encode = io.write, cjson.encode
for line in io.lines(arg[1]) do
  if line:find("%S") then
    local ok, r = pcall(cjson.decode, line)
    local id = ok and type(r) == "table" and r.id
    if type(id) ~= "string" or id == "" then
      write('{"error":"bad record"}\n')
    else
      local business = evaluate(r)
      if business then
        write('{"id":', encode(id), ',"domains":{"business":', business, '}}\n')
      else
        write('{"id":', encode(id), ',"domains":{}}\n')
      end
    end
  end
end
