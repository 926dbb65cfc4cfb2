-- A rule set with a rule that fails on every record, one that loops, and a
-- good one: records must all come out, with error findings.
plugin {
  name = "broken",
  version = "0.1.0",
  domain = "business",
  description = "rules that fail at run time",
}

rule {
  id = "broken.nil_index",
  weight = 1,
  description = "indexes a missing table",
  score = function(app)
    return app.nothing.here, "never"
  end,
}

rule {
  id = "broken.loop",
  weight = 1,
  description = "never ends",
  score = function(app)
    while true do end
  end,
}

rule {
  id = "broken.good",
  weight = 1,
  description = "team size, 10 for full marks",
  score = function(app)
    local size = get(app, "team.size")
    if size == nil then return nil end
    return clamp(size / 10), string.format("team of %d", size)
  end,
}
