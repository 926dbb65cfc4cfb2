-- Tests of team.lua: run with `assay test plugins/common`.

test {
  rule = "team.size",
  record = { team = { size = 4 }, funding = { stage = "seed" } },
  score = 1, reason = "4 people for seed %(usually about 8%)",
}
test {
  rule = "team.size",
  record = { team = { size = 6 }, funding = { stage = "series-a" } },
  score = 0.48,
}
test {
  rule = "team.size",
  name = "unknown stage: judged as an early-stage company",
  record = { team = { size = 1 } },
  score = 0.25, reason = "1 person for an early%-stage company",
}
test {
  rule = "team.size",
  record = { funding = { stage = "seed" } },
  applies = false,
}

test {
  rule = "team.automotive",
  record = { team = { automotive_years = 7.5 } },
  score = 0.75, reason = "7.5 years of automotive experience",
}
test {
  rule = "team.automotive",
  record = { team = { automotive_years = 25 } },
  score = 1,
}
test {
  rule = "team.automotive",
  record = { team = { size = 3 } },
  applies = false,
}

test {
  rule = "team.research",
  record = { team = { size = 20, phd = 1 } },
  score = 0.5, reason = "1 PhD in a team of 20",
}
test {
  rule = "team.research",
  record = { team = { size = 8, phd = 3 } },
  score = 1, reason = "3 PhDs",
}
test {
  rule = "team.research",
  name = "more PhDs than people is flagged",
  record = { team = { size = 2, phd = 5 } },
  applies = false, flag = "5 PhDs in a team of 2",
}
