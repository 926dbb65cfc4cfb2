-- The default assay policy: the mobility innovation hub's yearly cohort.
-- Every declaration is explained in docs/policy.md.

-- Overall score: the weighted mean of the domains a record claims, plus
-- business (team, traction, funding), which every record is judged on.
-- A domain a loaded plugin declares but weights does not name is an error
-- at load (there is no default_weight here): weigh each new domain.
strategy "weighted_mean"
weights { ai = 1, connectivity = 1, autonomous_driving = 1, cloud = 1,
          digitalization = 1, cybersecurity = 1, business = 1 }
-- (cybersecurity, UNECE R155 and ISO/SAE 21434, weighs as much as the other
-- fields an applicant claims; its unsigned-update veto applies to every
-- record that describes its updates, claimed or not.)
always { "business" }
unclaimed "ignore"
-- A claim needs evidence: a claimed domain no rule could score counts as 0.
-- (A domain no loaded rule judges, like cloud in the shipped set, is not
-- counted as claimed, so the claim costs nothing there.)
missing "zero"

-- A veto is a hard gate; a flag asks for a human look; a record no rule
-- applied to cannot be ranked fairly, so a human looks at it too.
on_veto "reject"
on_flag "review"
on_unscored "review"

-- Seats, highest tier first: 20 financial incubations, 30 offices and
-- 100 places in training and consulting a year.
tier { name = "financial_incubation", min_score = 0.7, capacity = 20,
       requires = "funding",
       benefits = { "funding", "office", "training", "consulting" } }
tier { name = "office", min_score = 0.6, capacity = 30,
       requires = "office",
       benefits = { "office", "training", "consulting" } }
tier { name = "training", min_score = 0.4, capacity = 100,
       requires = { "training", "consulting" },
       benefits = { "training", "consulting" } }

-- Who comes next when a seat is given back.
waitlist(20)
