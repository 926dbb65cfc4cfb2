-- Tests of ai_practice.lua: run with `assay test plugins/ai`.

test {
  rule = "ai.accuracy_at_speed",
  record = { ai = { benchmarks = { mAP = 0.75, latency_ms = 33 } } },
  score = 1, reason = "mAP 0.750 at 33 ms per frame",
}
test {
  rule = "ai.accuracy_at_speed",
  name = "accuracy at half speed counts half",
  record = { ai = { benchmarks = { mAP = 0.6, latency_ms = 166.5 } } },
  score = 0.4,
}
test {
  rule = "ai.accuracy_at_speed",
  record = { ai = { benchmarks = { mAP = 0.9, latency_ms = 500 } } },
  score = 0,
}
test {
  rule = "ai.accuracy_at_speed",
  record = { ai = { benchmarks = { mAP = 0.9 } } },
  applies = false,
}

test {
  rule = "ai.edge_claim",
  record = { ai = { edge_deploy = true, benchmarks = { latency_ms = 40 } } },
  score = 1, reason = "edge deployment at 40 ms", flag = false,
}
test {
  rule = "ai.edge_claim",
  name = "slow edge claim is flagged",
  record = { ai = { edge_deploy = true, benchmarks = { latency_ms = 550 } } },
  score = 0.5, flag = "edge deployment claimed at 550 ms",
}
test {
  rule = "ai.edge_claim",
  record = { ai = { edge_deploy = true } },
  score = 0.5, flag = "without a latency figure",
}
test {
  rule = "ai.edge_claim",
  record = { ai = { edge_deploy = false, benchmarks = { latency_ms = 550 } } },
  applies = false,
}

test {
  rule = "ai.mobility_focus",
  record = { domains = { "ai" }, description = "Driver-monitoring from an in-cabin IR camera" },
  score = 1, reason = "mentions \"driver\"",
}
test {
  rule = "ai.mobility_focus",
  record = { ai = { edge_deploy = true }, description = "Recommendation engines for retail" },
  score = 0.2, reason = "names no mobility use",
}
test {
  rule = "ai.mobility_focus",
  name = "not an AI applicant",
  record = { domains = { "cloud" }, description = "A vehicle data lake" },
  applies = false,
}
test {
  rule = "ai.mobility_focus",
  name = "a word that starts with car is not a car",
  record = { domains = { "ai" }, description = "AI for careers in carbon-neutral cargo and healthcare" },
  score = 0.2,
}
test {
  rule = "ai.mobility_focus",
  name = "whole words whatever the case and punctuation",
  record = { domains = { "ai" }, description = "Insurance pricing for CARS, from telematics." },
  score = 1, reason = "mentions \"cars\"",
}
