-- Tests of funding.lua: run with `assay test plugins/common`.

test {
  rule = "funding.stage_fit",
  record = { funding = { stage = "seed" } },
  score = 1, reason = "funding stage seed",
}
test {
  rule = "funding.stage_fit",
  record = { funding = { stage = "series-b" } },
  score = 0.4,
}
test {
  rule = "funding.stage_fit",
  name = "unknown stage is flagged, not scored",
  record = { funding = { stage = "ipo" } },
  applies = false, flag = "unknown funding stage \"ipo\"",
}

test {
  rule = "funding.capital_efficiency",
  record = { funding = { raised_musd = 4 }, traction = { revenue_musd = 1 } },
  score = 0.5, reason = "1 M USD revenue on 4 M USD raised",
}
test {
  rule = "funding.capital_efficiency",
  record = { funding = { raised_musd = 2 }, traction = { revenue_musd = 3 } },
  score = 1,
}
test {
  rule = "funding.capital_efficiency",
  name = "nothing raised: does not apply",
  record = { funding = { raised_musd = 0 }, traction = { revenue_musd = 3 } },
  applies = false,
}

test {
  rule = "funding.profile_completeness",
  record = { team = { size = 3 } },
  applies = false, flag = false,
}
test {
  rule = "funding.profile_completeness",
  name = "an empty application is flagged",
  record = { name = "Zipline" },
  applies = false, flag = "no team, funding, traction or requests given",
}

-- The whole business rule set on one application.
test {
  name = "a seed company with two pilots",
  record = {
    team = { size = 4, phd = 1, automotive_years = 5 },
    funding = { stage = "seed", raised_musd = 2 },
    traction = { pilots = 2, oem_partners = 1, revenue_musd = 0.1 },
    requests = { "training", "office" },
  },
  -- score x weight: team 1 x 1, 0.5 x 1, 1 x 0.5; traction 0.4 x 1,
  -- 0.6 x 1.5, 1/3 x 1; funding 1 x 1, 0.1 x 1; weights sum to 8
  domains = { business = (4.4 + 1 / 3) / 8 },
  score = (4.4 + 1 / 3) / 8,
  flag = false,
}
