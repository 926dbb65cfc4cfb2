test {
  rule = "speed.latency",
  record = { ai = { benchmarks = { latency_ms = 55 } } },
  score = 0.5, reason = "55 ms",
}
test {
  rule = "speed.latency",
  name = "made to fail",
  record = { ai = { benchmarks = { latency_ms = 20 } } },
  score = 0.5,
}
test {
  rule = "speed.latency",
  record = { ai = { benchmarks = { latency_ms = 20 } } },
  reason = "fast",
}
