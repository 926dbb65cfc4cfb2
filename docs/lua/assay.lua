---@meta assay
-- LuaLS annotations for assay rule files, their tests and helper files.
-- Point your editor at this directory (see docs/rules.md, "Editor support")
-- and rule files get completion and type hints. This file is never run.

---@alias assay.Domain "ai"|"connectivity"|"autonomous_driving"|"cloud"|"digitalization"|"business"
---@alias assay.DomainName "ai"|"connectivity"|"autonomous_driving"|"cloud"|"digitalization"
---@alias assay.Request "training"|"consulting"|"office"|"funding"
---@alias assay.Stage "pre-seed"|"seed"|"series-a"|"series-b"|"series-c"
---@alias assay.SafetyCase "ISO 26262"|"ISO 21448"|"UL 4600"

---@class assay.Team
---@field size? integer people on the team
---@field phd? integer of them with a PhD
---@field automotive_years? number years of automotive industry experience

---@class assay.Funding
---@field stage? assay.Stage
---@field raised_musd? number money raised so far, million USD

---@class assay.Traction
---@field pilots? integer pilot projects with customers
---@field oem_partners? integer partnerships with car makers
---@field revenue_musd? number yearly revenue, million USD

---@class assay.Benchmarks
---@field mAP? number mean average precision, 0 to 1
---@field latency_ms? number inference latency in milliseconds

---@class assay.AI
---@field edge_deploy? boolean runs on in-vehicle edge hardware
---@field data_hours? number hours of training data
---@field benchmarks? assay.Benchmarks

---@class assay.Connectivity
---@field tech? string[] "5G", "C-V2X", "DSRC", "LTE", ...
---@field latency_ms? number end-to-end latency in milliseconds
---@field certified? boolean V2X equipment certified for the road

---@class assay.AutonomousDriving
---@field sae_level? integer SAE J3016 level, 0 to 5
---@field disengagements_per_1000km? number
---@field sim_km? number simulated kilometres
---@field road_km? number kilometres driven on public roads
---@field safety_case? assay.SafetyCase safety case standard, nil when none
---@field hd_map? boolean relies on an HD map

--- One application, read-only. Every field may be missing: a missing field
--- and JSON null read as nil. Reading a field never fails; writing one does.
---@class assay.Record
---@field id string
---@field name? string
---@field description? string
---@field location? string
---@field founded? integer year
---@field domains? assay.DomainName[]
---@field team? assay.Team
---@field funding? assay.Funding
---@field traction? assay.Traction
---@field requests? assay.Request[]
---@field ai? assay.AI
---@field connectivity? assay.Connectivity
---@field autonomous_driving? assay.AutonomousDriving

---@class assay.Plugin
---@field name string short and unique among loaded plugins: "ad_practice"
---@field version string the rule file's own version: "1.0.0"
---@field domain assay.Domain the domain of its rules unless a rule names another
---@field description string what these rules judge, one sentence

--- A score function returns a score in [0, 1] and a reason quoting the data,
--- or nil when the rule does not apply (the data is missing). The reason is
--- required with every score (only a nil score comes without one): a score
--- without a string reason is an error finding for that record.
---@alias assay.ScoreFunction fun(app: assay.Record): number?, string?

---@class assay.Rule
---@field id string unique across every loaded plugin: "ad.hd_map"
---@field domain? assay.Domain defaults to the plugin's domain
---@field weight number a positive number: its share of the domain score
---@field description string what the rule judges, one sentence
---@field inputs? table<string, assay.InputType> the fields it reads: { ["team.size"] = "number" }; a rule none of whose inputs is present is not called
---@field score assay.ScoreFunction

---@alias assay.InputType "number"|"string"|"boolean"|"array"|"object"|"any"

--- Names the rule file as a plugin. Once, at the top of the file.
---@param plugin assay.Plugin
function plugin(plugin) end

--- Declares a rule. The line of this call is the rule's line in messages.
---@param rule assay.Rule
function rule(rule) end

--- Hard gate: the application cannot pass, for this reason. Only inside a
--- score function; the function goes on and may still return a score.
---@param reason string
function veto(reason) end

--- Needs a human look, for this reason. Only inside a score function.
---@param reason string
function flag(reason) end

--- x kept within [lo, hi] (default [0, 1]); nil stays nil.
---@param x number?
---@param lo? number
---@param hi? number
---@return number?
function clamp(x, lo, hi) end

--- Where x lies between lo (0) and hi (1), clamped to [0, 1]; lo may be
--- above hi when less is better (latency). nil stays nil.
---@param x number?
---@param lo number
---@param hi number
---@return number?
function scale(x, lo, hi) end

--- True if list (a table or a record array) holds value; false for nil.
---@param list table|string[]|nil
---@param value any
---@return boolean
function contains(list, value) end

--- The first of terms (words or phrases) that text holds as whole words,
--- or nil (nil too when text is nil): "car" matches "Car-sharing" but not
--- "care". Each CJK character is a word; ASCII compares without case.
---@param text string|nil
---@param terms string[]
---@return string?
function mentions(text, terms) end

--- The value at a dotted path ("team.size", "connectivity.tech.1"), or nil
--- as soon as a step is missing. With a type ("number", "string",
--- "boolean", "table"), a value of another type is an error that names the
--- field, so a record with "sim_km": "lots" gets a clear error finding.
---@param t table|assay.Record|nil
---@param path string
---@param type? "number"|"string"|"boolean"|"table"
---@return any
function get(t, path, type) end

--- Loads helper file <name>.lua from the rule file's own directory, once
--- per Lua state, and returns what it returns (read-only). Nothing else can
--- be required.
---@param name string a file name without ".lua": letters, digits, _
---@return any
function require(name) end

-- In test files (*_test.lua) -----------------------------------------------

--- Stands for JSON null in a test record.
---@type lightuserdata
null = nil

---@class assay.Test
---@field rule? string the rule under test; none: the whole rule set
---@field name? string what the test shows, printed when it fails
---@field record table the application, as a Lua table (id is optional)
---@field score? number expected score (to 4 decimals); the overall score when no rule is named
---@field reason? string a Lua pattern the reason must match
---@field applies? boolean false: the rule must return nil
---@field veto? string|false a pattern a veto must match; false: no veto
---@field flag? string|false a pattern a flag must match; false: no flag
---@field error? string a pattern the rule's error must match
---@field domains? table<assay.Domain, number> expected domain scores (whole rule set)

--- Declares a test of a rule or of the whole rule set.
---@param test assay.Test
function test(test) end
