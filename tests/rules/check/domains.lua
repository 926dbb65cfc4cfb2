-- A plugin with an unknown domain and a rule id another file declares.
plugin { name = "domains", version = "1.0", domain = "space", description = "d" }

rule { id = "d.cloud", domain = "cloud", weight = 1, description = "d", score = function(app) end }
rule { id = "w.zero", domain = "ai", weight = 1, description = "d", score = function(app) end }
