-- A small cohort: the hub's tiers with a handful of seats each, so that
-- seats run out, cut-offs bite and a waitlist forms (docs/policy.md walks
-- through it). Everything not declared keeps the defaults.
-- Business (team, traction, funding) counts for every applicant, as in the
-- hub's default policy; without weights, every domain weighs 1.
always { "business" }
tier { name = "financial_incubation", min_score = 0.7, capacity = 3,
       requires = "funding",
       benefits = { "funding", "office", "training", "consulting" } }
tier { name = "office", min_score = 0.6, capacity = 5,
       requires = "office",
       benefits = { "office", "training", "consulting" } }
tier { name = "training", min_score = 0.4, capacity = 8,
       requires = { "training", "consulting" },
       benefits = { "training", "consulting" } }
waitlist(3)
