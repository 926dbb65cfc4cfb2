-- Reads a record list out of order: from the end, and by a fresh
-- app.items on every step. Each read is one step, whatever the list's
-- length (tests/e2e/lua_hostile_files.sh gives it 50,000 items).
plugin { name = "lists", version = "1.0.0", domain = "ai", description = "hostile: long record lists" }
rule { id = "lists.backwards", weight = 1, description = "sums a list from its end",
  score = function(app)
    local sum = 0
    for i = #app.items, 1, -1 do sum = sum + app.items[i] end
    return 1, "sum " .. sum
  end }
rule { id = "lists.contains", weight = 1, description = "contains() near the end, twice",
  score = function(app)
    local hits = 0
    for i = 1, 2 do if contains(app.items, 49990 + i) then hits = hits + 1 end end
    return 1, "hits " .. hits
  end }
