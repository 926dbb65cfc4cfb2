# Faults a compiled plugin commits through the host table, or in fini, or
# in its file: each costs what it must and no more. A weight near DBL_MAX,
# NULL arguments and a veto under an undeclared rule id become error
# findings of their record (never invalid JSON, never a crash, never a
# dropped veto); a crash in fini is reported and the run keeps its exit
# status; a truncated or non-ELF plugin file is refused with a message.
# Every other record is byte-identical to a clean run, at -j 1 and -j 4.
source "$(dirname "$0")/lib/common.bash"

plugins="$ASSAY_TEST_PLUGIN_DIR"
python3 - "$work" <<'PY'
import json, sys
with open(sys.argv[1] + "/in.jsonl", "w") as f:
    for i in range(1, 601):
        r = {"id": "A%d" % i}
        if i == 300:
            r["fault"] = "FAULT"
        f.write(json.dumps(r) + "\n")
PY

# The findings of output line 300 and the record's flags, one a line.
faulty_marks()
{
    sed -n 300p "$out_file" | python3 -c '
import json, sys
r = json.loads(sys.stdin.read())
for f in r["findings"]:
    print("error: " + f["error"] if "error" in f else "score %s weight %s" % (f["score"], f["weight"]))
for f in r["flags"]:
    print("flag %s: %s" % (f["rule"], f["reason"]))
for f in r["vetoes"]:
    print("veto %s: %s" % (f["rule"], f["reason"]))'
}

check_host_fault()  # plugin trigger jobs expected-marks
{
    sed "s/FAULT/$2/" "$work/in.jsonl" >"$work/in_$2.jsonl"
    "$ASSAY_BIN" score --in-process --no-default-plugins --plugin "$plugins/$1.so" "$work/in.jsonl" \
        >"$work/clean.jsonl"
    run_assay score -j "$3" --no-default-plugins --plugin "$plugins/$1.so" "$work/in_$2.jsonl"
    expect_status 0
    expect_eq "$1 -j $3: lines" "$(output_lines)" 600
    python3 -c 'import json, sys; [json.loads(l) for l in open(sys.argv[1])]' \
        "$out_file" || fail "$1 -j $3: output is not JSON Lines"
    expect_eq "$1 -j $3: line 300" "$(faulty_marks)" "$4"
    diff <(sed 300d "$work/clean.jsonl") <(sed 300d "$out_file") >/dev/null ||
        fail "$1 -j $3: other records differ from a clean run"
}

for j in 1 4; do
    check_host_fault fault_weight weight $j \
"error: rule returned score 0.9 with weight 1.7e+308; a score must be a number in [0, 1] and a weight a number in (0, 1e+06]
score 0.5 weight 1"

    pre='plugin "fault_null" passed'
    check_host_fault fault_null null $j \
"error: $pre a NULL ctx to host->has; the call did nothing (fix the plugin)
error: $pre a NULL path to host->has; the call did nothing (fix the plugin)
error: $pre a NULL path to host->get_number; the call did nothing (fix the plugin)
error: $pre a NULL ctx to host->get_number; the call did nothing (fix the plugin)
error: $pre a NULL output pointer to host->get_number; the call did nothing (fix the plugin)
error: $pre a NULL path to host->get_string; the call did nothing (fix the plugin)
error: $pre a NULL ctx to host->finding; the call did nothing (fix the plugin)
error: $pre a NULL reason to host->finding; say why, quoting the data
error: failed
error: $pre a NULL rule id to host->veto; name a rule of the plugin's rule list
score 0.5 weight 1
flag fault_null: held for review: a veto under a rule the plugin did not declare: (no reason given)"

    check_host_fault fault_veto veto $j \
"error: plugin \"fault_veto\" reported undeclared rule \"fault_veto.undeclared\" to host->veto; add it to the plugin's rule list
error: plugin \"fault_veto\" reported undeclared rule \"fault_veto.other\" to host->flag; add it to the plugin's rule list
score 0.5 weight 1
flag fault_veto: held for review: a veto under a rule the plugin did not declare: vetoed without a rule
flag fault_veto: held for review: a flag under a rule the plugin did not declare: flagged without a rule"
done

# decide holds the undeclared veto's record for review.
run_assay run --no-default-plugins --plugin "$plugins/fault_veto.so" "$work/in_veto.jsonl"
expect_status 0
expect_eq "undeclared veto: decision" "$(json_field 300 decision)" '"review"'

# A crash in fini, after a good run: reported, exit status kept, output
# complete.
"$ASSAY_BIN" score --in-process --no-default-plugins --plugin "$plugins/fault_crash.so" "$work/in.jsonl" \
    | sed 's/fault_crash/fault_fini/g' | without_fingerprint >"$work/clean_fini.jsonl"
fini_msg='assay: plugin "fault_fini" crashed (signal 11, SIGSEGV: Segmentation fault) in fini, after every record was evaluated; the results are complete and kept; fix the plugin'"'"'s fini, or debug it with --in-process'
for j in 1 4; do
    run_assay score -j $j --no-default-plugins --plugin "$plugins/fault_fini.so" "$work/in.jsonl"
    expect_status 0
    cmp -s <(without_fingerprint <"$out_file") "$work/clean_fini.jsonl" || fail "fini -j $j: output differs"
    expect_eq "fini -j $j: stderr" "$(sort -u "$err_file")" "$fini_msg"
done
run_assay run -o "$work/decided.jsonl" --no-default-plugins --plugin "$plugins/fault_fini.so" "$work/in.jsonl"
expect_status 0
expect_eq "fini: run lines" "$(wc -l <"$work/decided.jsonl" | tr -d ' ')" 600

# A plugin file cut short, or not ELF at all, is refused before dlopen.
head -c 4096 "$plugins/fault_crash.so" >"$work/cut.so"
run_assay score --no-default-plugins --plugin "$work/cut.so" "$work/in.jsonl"
expect_status 2
expect_eq "truncated plugin: output" "$(output_lines)" 0
grep -q "^assay: $work/cut.so: cannot load plugin: truncated: 4096 bytes, but its segments need [0-9]*; rebuild the plugin or copy it again$" \
    "$err_file" || fail "truncated plugin: $(cat "$err_file")"
printf 'not a plugin\n' >"$work/text.so"
run_assay score --no-default-plugins --plugin "$work/text.so" "$work/in.jsonl"
expect_status 2
expect_eq "non-ELF plugin" "$(cat "$err_file")" \
    "assay: $work/text.so: cannot load plugin: not an ELF file (13 bytes); a plugin is a shared object built with -shared -fPIC"
echo "ok $test_name"
