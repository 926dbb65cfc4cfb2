-- Rules, but no plugin declaration.

rule { id = "n.one", weight = 1, description = "d", score = function(app) end }
