#!/usr/bin/env bash
# docs/policy.md as written: every policy file in it passes assay check
# (and the shipped ones are the files in the tree), and every walk-through
# record and summary in it is what assay run writes for the sample
# applications.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$ASSAY_SOURCE_DIR" "$ASSAY_BIN" "$tmp" <<'PY'
import json, os, re, subprocess, sys
src, assay, tmp = sys.argv[1:4]
doc = open(os.path.join(src, "docs/policy.md"), encoding="utf-8").read()
apps = os.path.join(src, "examples/applications.jsonl")
failures, runs = [], {}

def blocks(kind):
    pat = r"^<!-- " + kind + r" (\S+) -->\n```\w*\n(.*?)^```"
    return re.findall(pat, doc, re.M | re.S)

def run(policy):
    """Records by id and the summary of a run under policy."""
    if policy not in runs:
        summary = os.path.join(tmp, "summary.json")
        args = [assay, "run", "-q", "--summary", summary, apps]
        if policy != "default":
            args[2:2] = ["--policy", os.path.join(src, policy)]
        out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
        records = {r["id"]: r for r in map(json.loads, out.splitlines())}
        runs[policy] = (records, json.load(open(summary)))
    return runs[policy]

shipped = {"default.lua": "policy/default.lua",
           "small_cohort.lua": "examples/policy/small_cohort.lua"}
files = blocks("file:")
for name, body in files:
    path = os.path.join(tmp, name)
    open(path, "w", encoding="utf-8").write(body)
    if name in shipped and body != open(os.path.join(src, shipped[name])).read():
        failures.append(f"{name} in the doc differs from {shipped[name]}")
    check = subprocess.run([assay, "check", "--policy", path], capture_output=True, text=True)
    if check.returncode != 0:
        failures.append(f"{name}: assay check failed:\n{check.stdout}{check.stderr}")

walks = blocks("walkthrough")
for policy, body in walks:
    records, _ = run(policy)
    for line in body.splitlines():
        want = json.loads(line)
        got = records.get(want["id"])
        if got is None:
            failures.append(f"{want['id']}: no such record")
            continue
        for key, value in want.items():
            if got[key] != value:
                failures.append(f"{want['id']} under {policy}: {key} is {json.dumps(got[key])}, the doc says {json.dumps(value)}")

for policy, body in blocks("summary"):
    if json.loads(body) != run(policy)[1]:
        failures.append(f"summary under {policy} is {json.dumps(run(policy)[1])}")

if len(files) < 3 or sum(len(b.splitlines()) for _, b in walks) < 3:
    failures.append("the doc lost its policy files or walk-through records")
if failures:
    sys.exit("\n".join(failures))
PY
echo "policy_doc: ok"
