-- What rules read is the same on every run and every worker, for
-- tests/e2e/lua_hostile.sh.
plugin { name = "order", version = "1.0.0", domain = "ai", description = "hostile: order and addresses" }

rule {
  id = "order.pairs", weight = 1, description = "the order of pairs",
  score = function(app)
    local keys = {}
    for k in pairs({ pear = 1, apple = 2, fig = 3, [2] = 4, [1] = 5, kiwi = 6 }) do
      keys[#keys + 1] = tostring(k)
    end
    return 1, table.concat(keys, " ")
  end,
}

rule {
  id = "order.next", weight = 1, description = "the order of next",
  score = function(app)
    local t, keys, k = { c = 1, a = 2, b = 3 }, {}, nil
    repeat
      k = next(t, k)
      keys[#keys + 1] = k
    until k == nil
    return 1, table.concat(keys, " ")
  end,
}

rule {
  id = "order.tostring", weight = 1, description = "tostring of a table and a function",
  score = function(app)
    return 1, tostring({}) .. " " .. tostring(print or type) .. " " .. string.format("%s", {})
  end,
}

rule {
  id = "order.address", weight = 1, description = "string.format %p",
  score = function(app) return 1, string.format("%p", {}) end,
}
