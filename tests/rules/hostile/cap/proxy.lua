-- Allocates record proxies until the state is at its memory cap: the
-- proxy allocation fails inside the host's __index, which must become an
-- error finding for this rule (not an abort of the run), and the next
-- record must score as if nothing happened.
plugin { name = "cap", version = "1.0.0", domain = "cap",
         description = "record proxies at the memory cap" }
domain { name = "cap", label = "Cap", description = "proxies at the cap" }
rule { id = "cap.proxies", weight = 1, description = "keeps every proxy",
       score = function(app)
         if get(app, "hog") ~= true then return 1, "no hog" end
         -- The list is grown first, so that the allocation that meets the
         -- cap is a proxy's, not the list's.
         local keep = {}
         for i = 1, 60000 do keep[i] = false end
         for i = 1, 60000 do keep[i] = app.items[i] end
         return 0, "unreachable"
       end }
