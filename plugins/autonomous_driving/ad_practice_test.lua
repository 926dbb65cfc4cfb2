-- Tests of ad_practice.lua: run with `assay test plugins/autonomous_driving`.

test {
  rule = "ad.hd_map",
  name = "level 2 needs no map",
  record = { autonomous_driving = { sae_level = 2, hd_map = false } },
  score = 1, reason = "SAE level 2 does not depend on an HD map",
}
test {
  rule = "ad.hd_map",
  record = { autonomous_driving = { sae_level = 4, hd_map = true } },
  score = 1, reason = "backed by an HD map", flag = false,
}
test {
  rule = "ad.hd_map",
  name = "level 3 without a map is flagged",
  record = { autonomous_driving = { sae_level = 3, hd_map = false } },
  score = 0.3, reason = "SAE level 3 claimed without an HD map",
  flag = "how the system localises",
}
test {
  rule = "ad.hd_map",
  name = "unknown map use: does not apply",
  record = { autonomous_driving = { sae_level = 3, hd_map = null } },
  applies = false,
}

test {
  rule = "ad.validation_mix",
  record = { autonomous_driving = { sim_km = 500000, road_km = 1000 } },
  score = 1, reason = "500 simulated km per road km %(500000 sim km, 1000 road km%)",
}
test {
  rule = "ad.validation_mix",
  name = "too little simulation",
  record = { autonomous_driving = { sim_km = 5000, road_km = 2000 } },
  score = 0.25,
}
test {
  rule = "ad.validation_mix",
  name = "simulation only, far from the road",
  record = { autonomous_driving = { sim_km = 1e8, road_km = 10000 } },
  score = 0.5, reason = "10000 simulated km per road km",
}
test {
  rule = "ad.validation_mix",
  record = { autonomous_driving = { sim_km = 100, road_km = 0 } },
  score = 0, reason = "no road km",
}
test {
  rule = "ad.validation_mix",
  record = { autonomous_driving = { sim_km = 100 } },
  applies = false,
}

test {
  rule = "ad.team_for_level",
  record = { team = { automotive_years = 4 }, autonomous_driving = { sae_level = 3 } },
  score = 0.5, reason = "4 years of automotive experience for SAE level 3 %(8 for full marks%)",
}
test {
  rule = "ad.team_for_level",
  record = { team = { automotive_years = 4.5 }, autonomous_driving = { sae_level = 2 } },
  score = 1,
}
test {
  rule = "ad.team_for_level",
  name = "level 4 with no automotive experience is vetoed",
  record = { team = { automotive_years = 0 }, autonomous_driving = { sae_level = 4 } },
  score = 0, veto = "SAE level 4 with no automotive experience",
}
test {
  rule = "ad.team_for_level",
  record = { autonomous_driving = { sae_level = 4 } },
  applies = false,
}
