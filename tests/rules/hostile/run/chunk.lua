-- Error messages name the rule's own file: load cannot pose as another
-- file, a NUL does not cut a message, nothing shows an address.
plugin { name = "chunk", version = "1.0.0", domain = "ai", description = "hostile: forged locations" }
rule { id = "chunk.at", weight = 1, description = "x", score = function(app) return load("error('x')", "@plugins/ai/ai.c")() end }
rule { id = "chunk.eq", weight = 1, description = "x", score = function(app) return load("\n\nerror('forged')", "=plugins/ai/ai.c")() end }
rule { id = "chunk.plain", weight = 1, description = "x", score = function(app) return load("\nerror('plain')", "plugins/ai/ai.c")() end }
rule { id = "chunk.nul", weight = 1, description = "x", score = function(app) error("a\0b") end }
rule { id = "chunk.tablekey", weight = 1, description = "x", score = function(app) for k in pairs({[{}] = 1, [{}] = 2}) do end return 1, "x" end }
rule { id = "chunk.typed", weight = 1, description = "x", score = function(app) return get({a = {}}, "a", "string") end }
rule { id = "chunk.recordkey", weight = 1, description = "x", score = function(app) app[{}] = 1 end }
