# Outputs are replaced only when complete: SIGKILL in the middle of a run
# leaves the previous -o file byte-identical; an unwritable --report path
# fails before any record.
source "$(dirname "$0")/lib/common.bash"

plugins="$ASSAY_TEST_PLUGIN_DIR"
python3 - "$work" <<'PY'
import json, sys
with open(sys.argv[1] + "/in.jsonl", "w") as f:
    for i in range(1, 201):
        r = {"id": "A%d" % i}
        if i == 100:
            r["fault"] = "hang"
        f.write(json.dumps(r) + "\n")
PY
head -n 50 "$work/in.jsonl" >"$work/small.jsonl"
run_assay run -o "$work/out.jsonl" --no-default-plugins --plugin "$plugins/fault_hang.so" "$work/small.jsonl"
expect_status 0
cp "$work/out.jsonl" "$work/before.jsonl"
cp "$work/out.jsonl.manifest.json" "$work/before.manifest.json"

# Record 100 hangs for 30 s: kill the run while it waits.
"$ASSAY_BIN" run -o "$work/out.jsonl" --record-timeout 30 \
    --no-default-plugins --plugin "$plugins/fault_hang.so" "$work/in.jsonl" 2>/dev/null &
pid=$!
sleep 2
kill -KILL "$pid"
wait "$pid" 2>/dev/null || true
cmp "$work/out.jsonl" "$work/before.jsonl" || fail "SIGKILL changed out.jsonl"
cmp "$work/out.jsonl.manifest.json" "$work/before.manifest.json" ||
    fail "SIGKILL changed the manifest"

# A bad --report path fails at once, before any record, and -o is kept.
run_assay run -o "$work/out.jsonl" --report "$work/no/dir/r.html" \
    --no-default-plugins --plugin "$plugins/fault_hang.so" "$work/in.jsonl"
expect_status 2
expect_eq "bad report path" "$(cat "$err_file")" \
    "assay: cannot create $work/no/dir/r.html: No such file or directory"
cmp "$work/out.jsonl" "$work/before.jsonl" || fail "a refused run changed out.jsonl"
# A symbolic link stays one: the file it names is replaced.
printf 'old\n' >"$work/real.jsonl"
ln -s real.jsonl "$work/link.jsonl"
run_assay score -o "$work/link.jsonl" --no-default-plugins --plugin "$plugins/fault_hang.so" "$work/small.jsonl"
expect_status 0
[ -L "$work/link.jsonl" ] || fail "-o through a symbolic link replaced the link"
expect_eq "records through a link" "$(wc -l <"$work/real.jsonl" | tr -d ' ')" 50

# A FIFO (like /dev/null, no file to replace) is written in place: a
# rename would have put a regular file where it was.
mkfifo "$work/fifo"
cat "$work/fifo" >"$work/from_fifo" &
reader=$!
run_assay score -o "$work/fifo" --no-default-plugins --plugin "$plugins/fault_hang.so" "$work/small.jsonl"
wait "$reader"
expect_status 0
[ -p "$work/fifo" ] || fail "-o FIFO replaced the FIFO"
expect_eq "records through a FIFO" "$(wc -l <"$work/from_fifo" | tr -d ' ')" 50
echo "ok $test_name"
