# assay profile on the sample: every loaded rule listed once, its counts
# adding up to the records; times present for plugins and Lua rules only;
# --no-time the same counts twice over (reproducible); bad usage exits 2.
source "$(dirname "$0")/lib/common.bash"

run_assay profile --json "$examples/applications.jsonl"
expect_status 0
"$ASSAY_BIN" plugins > "$work/plugins.txt"
python3 - "$out_file" "$work/plugins.txt" <<'PY' > "$work/check"
import json, re, sys
p = json.load(open(sys.argv[1]))
# What assay plugins lists: each plugin's kind and every rule id.
compiled, listed, plugin = set(), [], None
for line in open(sys.argv[2]):
    if re.match(r"^\S+ \S+$", line.rstrip()):
        plugin = line.split()[0]
    elif line.startswith("  kind     compiled"):
        compiled.add(plugin)
    elif line.startswith("    ") and not line.startswith("     ") and line.split()[0] != "reads":
        listed.append(line.split()[0])
assert p["records"] == 72 and p["error_records"] == 0, p["records"]
ids = [r["rule"] for r in p["rules"]]
assert len(ids) == len(set(ids)), "a rule listed twice"
for r in p["rules"]:
    assert r["applied"] + r["nil"] + r["errors"] == 72, r
    assert sum(r["histogram"]) == r["applied"], r
    lua = r["plugin"] not in compiled
    assert (r["ns"] is not None) == lua, r
total = sum(q["ns"] for q in p["plugins"])
assert abs(sum(q["share"] for q in p["plugins"]) - 1) < 0.01
assert total > 0 and p["seconds"] > 0
# Timed rules come first, most time first.
times = [r["ns"] for r in p["rules"] if r["ns"] is not None]
assert times == sorted(times, reverse=True)
assert sorted(ids) == sorted(listed), (ids, listed)
print("ok")
PY
expect_eq "every listed rule profiled" "$(cat "$work/check")" "ok"

run_assay profile --no-time "$examples/applications.jsonl"
cp "$out_file" "$work/a"
run_assay profile --no-time -j 2 -o "$work/b" "$examples/applications.jsonl"
expect_status 0
expect_eq "reproducible" "$(cmp "$work/a" "$work/b" && echo same)" "same"
expect_eq "no times" "$(grep -c 'us/call' "$work/a" || true)" "0"

run_assay profile "$examples/applications.jsonl"
expect_status 0
expect_eq "timed header" "$(sed -n 3p "$out_file" | tr -s ' ')" "plugin time ms us/record share"

run_assay profile a.jsonl b.jsonl
expect_status 2
expect_eq "two inputs" "$(cat "$err_file")" "assay: profile takes one input file, got 2"
run_assay profile --bogus "$examples/applications.jsonl"
expect_status 2
echo "ok $test_name"
