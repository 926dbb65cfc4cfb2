-- Tests of conn_practice.lua: run with `assay test plugins/connectivity`.

test {
  rule = "conn.stack_coverage",
  record = { connectivity = { tech = { "5G", "C-V2X" } } },
  score = 1, reason = "network and direct links %(5G, C%-V2X%)",
}
test {
  rule = "conn.stack_coverage",
  record = { connectivity = { tech = { "LTE" } } },
  score = 0.5, reason = "only a network link %(LTE%)",
}
test {
  rule = "conn.stack_coverage",
  record = { connectivity = { tech = { "DSRC" } } },
  score = 0.5, reason = "only a direct link",
}
test {
  rule = "conn.stack_coverage",
  record = { connectivity = { tech = { "NB-IoT", "Wi-Fi 6" } } },
  score = 0.1, reason = "neither",
}
test {
  rule = "conn.stack_coverage",
  record = { connectivity = { latency_ms = 20 } },
  applies = false,
}

test {
  rule = "conn.field_readiness",
  record = { connectivity = { certified = true }, traction = { pilots = 3 } },
  score = 1, reason = "certified and in 3 pilot",
}
test {
  rule = "conn.field_readiness",
  record = { connectivity = { certified = false }, traction = { pilots = 2 } },
  score = 0.5, reason = "2 pilot%(s%) with uncertified equipment",
}
test {
  rule = "conn.field_readiness",
  record = { connectivity = { certified = true }, traction = { pilots = 0 } },
  score = 0.5,
}
test {
  rule = "conn.field_readiness",
  record = { connectivity = { certified = false }, traction = { pilots = 0 } },
  score = 0,
}

test {
  rule = "conn.teleoperation",
  record = { connectivity = { tech = { "5G" }, latency_ms = 125 } },
  score = 0.5, reason = "5G at 125 ms end to end",
}
test {
  rule = "conn.teleoperation",
  record = { connectivity = { tech = { "5G", "C-V2X" }, latency_ms = 12 } },
  score = 1,
}
test {
  rule = "conn.teleoperation",
  name = "no 5G: does not apply",
  record = { connectivity = { tech = { "LTE" }, latency_ms = 12 } },
  applies = false,
}
