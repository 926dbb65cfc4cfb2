-- Tests of traction.lua: run with `assay test plugins/common`.

test {
  rule = "traction.pilots",
  record = { traction = { pilots = 2 } },
  score = 0.4, reason = "^2 pilots$",
}
test {
  rule = "traction.pilots",
  record = { traction = { pilots = 1 } },
  score = 0.2, reason = "^1 pilot$",
}
test {
  rule = "traction.pilots",
  record = { traction = { pilots = 9 } },
  score = 1,
}
test {
  rule = "traction.pilots",
  record = { traction = { } },
  applies = false,
}

test {
  rule = "traction.oem_partners",
  record = { traction = { oem_partners = 0 } },
  score = 0, reason = "0 OEM partners",
}
test {
  rule = "traction.oem_partners",
  record = { traction = { oem_partners = 1 } },
  score = 0.6, reason = "1 OEM partner",
}
test {
  rule = "traction.oem_partners",
  record = { traction = { oem_partners = 2 } },
  score = 0.85,
}
test {
  rule = "traction.oem_partners",
  record = { traction = { oem_partners = 7 } },
  score = 1,
}

test {
  rule = "traction.revenue",
  record = { traction = { revenue_musd = 0.1, pilots = 1 } },
  score = 1 / 3, reason = "0.1 M USD revenue", flag = false,
}
test {
  rule = "traction.revenue",
  record = { traction = { revenue_musd = 12 } },
  score = 1,
}
test {
  rule = "traction.revenue",
  record = { traction = { revenue_musd = 0 } },
  score = 0, reason = "no revenue yet",
}
test {
  rule = "traction.revenue",
  name = "revenue without pilots or OEMs is flagged",
  record = { traction = { revenue_musd = 1, pilots = 0, oem_partners = 0 } },
  score = 2 / 3, flag = "1 M USD revenue without any pilot or OEM partner",
}
