# assay calibrate against an independent implementation: on 800 applicants
# whose three domain scores all count, decided by a logistic draw, the
# fitted coefficients (scale times share) and threshold equal scikit-learn's
# L2 logistic regression with C = 1 / (lambda n) (Debian's python3-sklearn;
# tests/tools/logistic_sklearn.py) to 1e-3. Skipped (77) without
# scikit-learn unless ASSAY_BROWSER_TESTS=1, which scripts/setup installs
# it for.
source "$(dirname "$0")/lib/common.bash"
cd "$work"
if ! /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then
  [ "${ASSAY_BROWSER_TESTS:-0}" = 1 ] && fail "python3-sklearn is not installed (scripts/setup installs it with ASSAY_BROWSER_TESTS=1)"
  echo "skip $test_name: python3-sklearn is not installed"
  exit 77
fi
cat > p.lua <<'LUA'
weights { a = 1, b = 1, c = 1 }
tier { name = "grant", min_score = 0, capacity = 800, requires = "funding",
       benefits = { "funding" } }
LUA
python3 - <<'PY'
import json, math, random
rng = random.Random(5)
beta, b0 = (6, 3, 1), 5
with open("s.jsonl", "w") as s, open("d.jsonl", "w") as d, open("xy.csv", "w") as xy:
    for i in range(800):
        x = [round(rng.random(), 4) for _ in beta]
        z = sum(bj * xj for bj, xj in zip(beta, x)) - b0
        seated = rng.random() < 1 / (1 + math.exp(-z))
        rid = f"S{i:04d}"
        s.write(json.dumps({"id": rid, "line": i + 1, "part": 0, "status": "ok",
                            "domains": dict(zip("abc", x)), "claimed": ["a", "b", "c"],
                            "requests": ["funding"], "findings": [], "vetoes": [],
                            "flags": []}, separators=(",", ":")) + "\n")
        d.write(json.dumps({"id": rid, "decision": "grant" if seated else "reject"}) + "\n")
        xy.write(",".join(f"{v:.4f}" for v in x) + f",{int(seated)}\n")
PY
run_assay calibrate --policy p.lua --decisions d.jsonl --lambda 0.01 --json s.jsonl
expect_status 0
/usr/bin/python3 "$ASSAY_SOURCE_DIR/tests/tools/logistic_sklearn.py" xy.csv 0.01 > sklearn.txt
python3 - "$out_file" sklearn.txt <<'PY' || fail "the fit differs from scikit-learn's"
import json, sys
r = json.load(open(sys.argv[1]))
theirs = [float(v) for v in open(sys.argv[2])]
m = r["model"]
ours = [m["scale"] * w["share"] for w in r["weights"]] + [m["threshold"]]
assert r["records"]["fitted"] == 800, r["records"]
for name, a, b in zip(["a", "b", "c", "threshold"], ours, theirs):
    print(f"calibrate_sklearn: {name}: assay {a:.6f}, scikit-learn {b:.6f}")
    assert abs(a - b) <= 1e-3, name
PY
echo "ok $test_name"
