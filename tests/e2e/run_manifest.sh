#!/usr/bin/env bash
# The run manifest: written beside -o by default (or to --manifest FILE),
# with the version, ABI, the SHA-256 of the policy, every plugin and rule
# file and the input (as sha256sum computes them), counts that match the
# output, each plugin's rules with the fields they declare, and timings;
# decision records themselves hold no time.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
input="$ASSAY_SOURCE_DIR/examples/applications.jsonl"

"$ASSAY_BIN" run -q "$input" -o "$tmp/out.jsonl"
[ -s "$tmp/out.jsonl.manifest.json" ] || fail "no manifest beside -o"
"$ASSAY_BIN" run -q "$input" -o "$tmp/again.jsonl" --manifest "$tmp/m2.json"
[ -s "$tmp/m2.json" ] && [ ! -e "$tmp/again.jsonl.manifest.json" ] || fail "--manifest FILE not honoured"
cmp "$tmp/out.jsonl" "$tmp/again.jsonl" || fail "reruns differ"

python3 - "$tmp/out.jsonl.manifest.json" "$tmp/out.jsonl" "$input" <<'PY'
import hashlib, json, sys
m = json.load(open(sys.argv[1]))
out = [json.loads(l) for l in open(sys.argv[2])]
sha = lambda p: hashlib.sha256(open(p, "rb").read()).hexdigest()
assert list(m) == ["assay_version", "abi_version", "policy", "plugins", "fingerprint",
                   "domains", "inputs", "counts", "timings"], list(m)
assert [d["name"] for d in m["domains"]] == [
    "ai", "autonomous_driving", "business", "connectivity",
    "cybersecurity"], m["domains"]
assert m["domains"][0] == {"name": "ai", "label": "AI", "description":
    "Machine learning products: benchmark quality, in-car inference "
    "latency, edge deployment and training data"}, m["domains"][0]
assert m["assay_version"] == "0.1.0" and m["abi_version"] == 2, m
assert m["policy"]["path"].endswith("/policy/default.lua")
assert m["policy"]["sha256"] == sha(m["policy"]["path"])
kinds = {p["kind"] for p in m["plugins"]}
assert kinds == {"compiled", "lua"}, kinds
for p in m["plugins"]:
    assert list(p) == ["path", "kind", "name", "version", "sha256", "rules"], list(p)
    assert p["sha256"] == sha(p["path"]), p
    for rule in p["rules"]:
        assert list(rule) == ["id", "domain", "inputs"], rule
# Each plugin's rules with what they declare they read (for the report's
# facts), null for a rule that declares nothing.
rules = {r["id"]: r for p in m["plugins"] for r in p["rules"]}
assert rules["team.research"] == {"id": "team.research", "domain": "business", "inputs": [
    {"path": "team.phd", "type": "number", "description": "the number of people in your team with a PhD"},
    {"path": "team.size", "type": "number", "description": "the number of people in your team"}]}, rules["team.research"]
assert rules["conn.certification"] == {"id": "conn.certification", "domain": "connectivity", "inputs": None}, rules["conn.certification"]
assert m["inputs"] == [{"path": sys.argv[3], "sha256": sha(sys.argv[3])}], m["inputs"]
counts = {}
for r in out:
    counts[r["decision"]] = counts.get(r["decision"], 0) + 1
assert m["counts"]["records"] == 72 and m["counts"]["error_records"] == 0
assert {k: v for k, v in m["counts"]["decisions"].items() if v} == counts, m["counts"]
assert set(m["timings"]) == {"score_seconds", "decide_seconds", "total_seconds"}
assert all(isinstance(v, float) and v >= 0 for v in m["timings"].values())
for r in out:
    assert not any("time" in k or "date" in k for k in r), r.keys()
PY

# stdin cannot be read twice: its hash is null. decide's manifest names the
# scored files it read and no plugins.
"$ASSAY_BIN" run -q -o "$tmp/stdin.jsonl" <"$input"
python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); assert m["inputs"]==[{"path":"-","sha256":None}], m["inputs"]' \
  "$tmp/stdin.jsonl.manifest.json" || fail "stdin input in the manifest"
"$ASSAY_BIN" score -q "$input" -o "$tmp/scored.jsonl"
"$ASSAY_BIN" decide -q "$tmp/scored.jsonl" -o "$tmp/decided.jsonl"
python3 - "$tmp/decided.jsonl.manifest.json" "$tmp/scored.jsonl" <<'PY' || fail "decide's manifest"
import hashlib, json, sys
m = json.load(open(sys.argv[1]))
assert m["plugins"] == [], m["plugins"]
assert m["inputs"] == [{"path": sys.argv[2], "sha256": hashlib.sha256(open(sys.argv[2], "rb").read()).hexdigest()}]
assert set(m["timings"]) == {"decide_seconds", "total_seconds"}
PY
cmp "$tmp/out.jsonl" "$tmp/decided.jsonl" || fail "score + decide differs from run"
echo "run_manifest: ok"
