#!/usr/bin/env bash
# `assay explain` under policies other than the shipped one: what it says
# counted, and how, is what the decision record says (its strategy,
# counted and weights), never explain's own reading of the policy. Under
# unclaimed "include" an unclaimed domain counts; under min, TOPSIS and a
# Lua strategy the score line names that strategy.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

cat > rules.lua <<'LUA'
plugin { name = "probe", version = "1.0.0", domain = "speed",
         description = "two measured numbers, one a domain" }
domain { name = "safety", label = "Safety", description = "measured safety" }
rule { id = "probe.speed", weight = 1, description = "speed as given",
       score = function(app)
         local v = get(app, "speed")
         if v == nil then return nil end
         return v, string.format("speed %.2f", v)
       end }
rule { id = "probe.safety", domain = "safety", weight = 1,
       description = "safety as given",
       score = function(app)
         local v = get(app, "safety")
         if v == nil then return nil end
         return v, string.format("safety %.2f", v)
       end }
LUA
# A claims speed only, B both, C nothing (so everything counts for C).
cat > in.jsonl <<'JSON'
{"id":"A","domains":["speed"],"speed":0.9,"safety":0.3,"requests":["funding"]}
{"id":"B","domains":["speed","safety"],"speed":0.5,"safety":0.7,"requests":["funding"]}
{"id":"C","speed":0.2,"safety":0.6,"requests":["funding"]}
JSON
tier='tier { name = "seat", min_score = 0.6, capacity = 1, requires = "funding" }'
printf '%s\n' 'weights { speed = 2, safety = 1 }' 'unclaimed "include"' "$tier" > include.lua
printf '%s\n' 'strategy "min"' "$tier" > min.lua
printf '%s\n' 'strategy "topsis"' 'weights { speed = 2, safety = 1 }' "$tier" > topsis.lua
printf '%s\n' 'strategy(function(s) if s.speed then return s.speed * s.speed end end)' \
    "$tier" > function.lua

explain() { "$ASSAY_BIN" explain --no-default-plugins --rules rules.lua --policy "$1.lua" --id "$2" in.jsonl; }

# include: A's unclaimed safety counts, (2 x 0.9 + 1 x 0.3) / 3 = 0.7.
explain include A > got
cat > want <<'TXT'
A (line 1)
decision: seat
rank:     1
score:    0.7 (weighted mean of the domain scores: safety (weight 1), speed (weight 2))
why:      Ranked 1 of 3 with score 0.7: given seat, seat 1 of 1.

speed  0.9
  0.9    x 1    probe.speed (probe): speed 0.90

safety  0.3
  0.3    x 1    probe.safety (probe): safety 0.30
TXT
diff -u want got

# min: A counts speed alone (0.9); B the lower of its two (0.5).
explain min A > got
cat > want <<'TXT'
A (line 1)
decision: seat
rank:     1
score:    0.9 (lowest of the domain scores: speed)
why:      Ranked 1 of 3 with score 0.9: given seat, seat 1 of 1.

speed  0.9
  0.9    x 1    probe.speed (probe): speed 0.90

safety  0.3  (not in the overall score)
  0.3    x 1    probe.safety (probe): safety 0.30
TXT
diff -u want got
explain min B | sed -n 4p > got
echo 'score:    0.5 (lowest of the domain scores: speed, safety)' | diff -u - got

# TOPSIS over the batch: A's safety does not count, so it takes the worst
# safety of the records it counts for (0.6 of C); rows A (0.9, 0.6),
# B (0.5, 0.7), C (0.2, 0.6), weights 2 and 1: closeness 0.9362, 0.4316, 0.
explain topsis A > got
cat > want <<'TXT'
A (line 1)
decision: seat
rank:     1
score:    0.9362 (TOPSIS closeness within the batch, from the domain scores: safety (weight 1, as the batch's worst), speed (weight 2))
why:      Ranked 1 of 3 with score 0.9362: given seat, seat 1 of 1.

speed  0.9
  0.9    x 1    probe.speed (probe): speed 0.90

safety  0.3  (not counted: the overall score takes the batch's worst)
  0.3    x 1    probe.safety (probe): safety 0.30
TXT
diff -u want got
explain topsis B | sed -n 4p > got
echo 'score:    0.4316 (TOPSIS closeness within the batch, from the domain scores: safety (weight 1), speed (weight 2))' |
    diff -u - got

# A Lua strategy: speed squared, 0.81 for A and 0.25 for B.
explain function A > got
cat > want <<'TXT'
A (line 1)
decision: seat
rank:     1
score:    0.81 (the policy's strategy function of the domain scores: speed)
why:      Ranked 1 of 3 with score 0.81: given seat, seat 1 of 1.

speed  0.9
  0.9    x 1    probe.speed (probe): speed 0.90

safety  0.3  (not in the overall score)
  0.3    x 1    probe.safety (probe): safety 0.30
TXT
diff -u want got
explain function B | sed -n 4p > got
echo "score:    0.25 (the policy's strategy function of the domain scores: speed, safety)" |
    diff -u - got

# The decision record carries what explain read: strategy, counted, weights.
"$ASSAY_BIN" run --no-default-plugins --rules rules.lua --policy topsis.lua in.jsonl |
    python3 -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    print(r["id"], r["score"], r["strategy"], r["counted"], r["weights"])' > got
cat > want <<'TXT'
A 0.9362 topsis ['speed'] {'safety': 1, 'speed': 2}
B 0.4316 topsis ['safety', 'speed'] {'safety': 1, 'speed': 2}
C 0 topsis ['safety', 'speed'] {'safety': 1, 'speed': 2}
TXT
diff -u want got
"$ASSAY_BIN" run --no-default-plugins --rules rules.lua --policy min.lua in.jsonl |
    python3 -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    print(r["id"], r["score"], r["strategy"], r["counted"], r["weights"])' > got
cat > want <<'TXT'
A 0.9 min ['speed'] {'speed': 1}
B 0.5 min ['speed', 'safety'] {'speed': 1, 'safety': 1}
C 0.2 min ['speed', 'safety'] {'speed': 1, 'safety': 1}
TXT
diff -u want got
echo "explain_policies: ok"
