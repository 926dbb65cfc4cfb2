-- A rule and a test file with one passing and two failing tests, for the
-- end-to-end test of `assay test`.
plugin {
  name = "speed",
  version = "0.1.0",
  domain = "ai",
  description = "inference latency",
}

rule {
  id = "speed.latency",
  weight = 1,
  description = "100 ms scores 0, 10 ms full marks",
  score = function(app)
    local ms = get(app, "ai.benchmarks.latency_ms")
    if ms == nil then return nil end
    return scale(ms, 100, 10), string.format("%g ms", ms)
  end,
}

rule {
  id = "speed.untested",
  weight = 1,
  description = "no test names this rule",
  score = function(app) return nil end,
}
