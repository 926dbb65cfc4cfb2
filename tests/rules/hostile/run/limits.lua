-- Rules that tried to crash or hang assay, for tests/e2e/lua_hostile.sh:
-- each must cost its own finding on each record, nothing more.
plugin { name = "limits", version = "1.0.0", domain = "ai", description = "hostile: crashes and hangs" }

rule {
  id = "limits.tostring_error", weight = 1, description = "a score whose __tostring raises",
  score = function(app)
    return setmetatable({}, { __tostring = function() error("boom") end }), "x"
  end,
}

rule {
  id = "limits.tostring_not_string", weight = 1, description = "a score whose __tostring returns a table",
  score = function(app)
    return setmetatable({}, { __tostring = function() return {} end }), "x"
  end,
}

rule {
  id = "limits.record_as_score", weight = 1, description = "returns the record as its score",
  score = function(app) return app, "x" end,
}

rule {
  id = "limits.pattern", weight = 1, description = "a backtracking pattern",
  score = function(app)
    return ("a"):rep(20000):find(".-.-.-.-.-b") and 1 or 0, "x"
  end,
}

rule {
  id = "limits.move", weight = 1, description = "table.move over 2^40 indexes",
  score = function(app) table.move({}, 1, 2^40, 1) return 1, "x" end,
}

rule {
  id = "limits.contains_len", weight = 1, description = "contains() of a list claiming 2^40 items",
  score = function(app)
    return contains(setmetatable({}, { __len = function() return 2^40 end }), "x") and 1 or 0, "x"
  end,
}

rule {
  id = "limits.utf8_loop", weight = 1, description = "utf8.len of 16 MiB, many times",
  score = function(app)
    local s = "x"
    for _ = 1, 24 do s = s .. s end -- 16 MiB
    for _ = 1, 250000 do utf8.len(s) end
    return 1, "x"
  end,
}

rule {
  id = "limits.rep_loop", weight = 1, description = "string.rep of 100 kB, many times",
  score = function(app)
    for _ = 1, 250000 do local s = ("x"):rep(100000) end
    return 1, "x"
  end,
}

rule {
  id = "limits.gc", weight = 1, description = "a finalizer that never ends",
  score = function(app)
    setmetatable({}, { __gc = function() while true do end end })
    return 1, "x"
  end,
}

rule {
  id = "limits.fine", weight = 1, description = "behaves",
  score = function(app) return 0.5, "fine after the others" end,
}
