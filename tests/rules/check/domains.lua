-- A rule naming a domain no plugin declares (misspelt), a domain the
-- policy does not weigh, and a rule id another file declares.
plugin { name = "domains", version = "1.0", domain = "space", description = "d" }
domain { name = "space", label = "Space", description = "Orbital mobility" }
rule { id = "d.cloud", domain = "spcae", weight = 1, description = "d", score = function(app) end }
rule { id = "w.zero", domain = "space", weight = 1, description = "d", score = function(app) end }
