-- Rules that tried to forge vetoes and flags, or to carry state from one
-- rule or record to another, for tests/e2e/lua_hostile.sh.
plugin { name = "forgery", version = "1.0.0", domain = "ai", description = "hostile: forgery and state" }

local count = 0
local seen = {}

rule {
  id = "forgery.gc_veto", weight = 1, description = "a self-re-arming finalizer that vetoes",
  score = function(app)
    local function arm()
      setmetatable({}, { __gc = function() veto("forged") arm() end })
    end
    arm()
    return 1, "x"
  end,
}

rule {
  id = "forgery.veto_then_loop", weight = 1, description = "vetoes, then breaks its budget",
  score = function(app)
    veto("from a call that failed")
    while true do end
  end,
}

rule {
  id = "forgery.clamp", weight = 1, description = "reassigns a helper",
  score = function(app)
    clamp = function() return 1 end
    return 1, "x"
  end,
}

rule {
  id = "forgery.string", weight = 1, description = "changes its copy of the string library",
  score = function(app)
    string.format = function() return "forged" end
    return 1, "x"
  end,
}

rule {
  id = "forgery.rawset", weight = 1, description = "rawsets an existing global",
  score = function(app)
    rawset(_G, "veto", function() end)
    return 1, "x"
  end,
}

rule {
  id = "forgery.counter", weight = 1, description = "counts records in a file-level local",
  score = function(app)
    count = count + 1
    return clamp(count / 10), "record " .. count
  end,
}

rule {
  id = "forgery.cache", weight = 1, description = "remembers ids in a file-level table",
  score = function(app)
    seen[app.id] = true
    return 1, "x"
  end,
}

rule {
  id = "forgery.honest", weight = 1, description = "uses clamp and string.format after the others",
  score = function(app)
    return clamp(2), string.format("%s still scores", app.id)
  end,
}

rule {
  id = "forgery.marks", weight = 1, description = "floods flags",
  score = function(app)
    for i = 1, 100 do flag("flag " .. i) end
    return 1, "x"
  end,
}

rule {
  id = "forgery.nul", weight = 1, description = "a reason with a NUL in it",
  score = function(app)
    flag("a\0b")
    return 1, "c\0d"
  end,
}
