#!/usr/bin/env bash
# assay on a real Slurm cluster: a one-node cluster on localhost started
# from nothing in a temporary directory (its own munge key and munged, a
# minimal slurm.conf, slurmctld and slurmd), then docs/batch.md's Slurm
# scripts as written: the shards scored as a job array, decide as a job that
# depends on it. The decisions must be byte for byte those of assay run on
# the whole input, for a clean input and for one with error records; without
# --allow-error-records the tasks with error records fail and Slurm cancels
# decide. Every daemon is stopped by its PID when the test ends, however it
# ends, and each also runs under timeout(1) in case the test is killed.
source "$(dirname "$0")/lib/common.bash"

budget=240 # seconds any daemon may live; ctest's TIMEOUT for this test is less
daemons=(munged slurmctld slurmd sbatch scontrol sinfo scancel mungekey)
if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP $test_name: needs root (slurmd starts jobs as their user; CI runs as root)" >&2
  exit 77
fi
for tool in "${daemons[@]}"; do
  command -v "$tool" >/dev/null && continue
  if [ "${ASSAY_CLUSTER_TESTS:-0}" = 1 ]; then
    fail "$tool is missing; ASSAY_CLUSTER_TESTS=1 scripts/setup installs slurmctld, slurmd, slurm-client and munge"
  fi
  echo "SKIP $test_name: $tool missing; ASSAY_CLUSTER_TESTS=1 scripts/setup installs slurmctld, slurmd, slurm-client and munge" >&2
  exit 77
done

# Nothing from a surrounding Slurm job or installation may reach this one.
while read -r name; do unset "$name"; done < <(env | sed -n 's/^\(\(SLURM\|SBATCH\|SALLOC\|SRUN\)_[A-Za-z0-9_]*\)=.*/\1/p')
cluster="$work/cluster"
export SLURM_CONF="$cluster/slurm.conf"
slurm_pids=()
munged_pid=""
jobs_submitted=()

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# stop_cluster: cancels what was submitted, asks the Slurm daemons to shut
# down (terminating them by PID after 3 s, killing them after 5), then
# stops munged.
stop_cluster()
{
  local pid i
  [ ${#jobs_submitted[@]} -eq 0 ] || scancel "${jobs_submitted[@]}" 2>/dev/null || true
  [ ${#slurm_pids[@]} -eq 0 ] || scontrol shutdown >/dev/null 2>&1 || true
  for pid in "${slurm_pids[@]}" ${munged_pid:+"$munged_pid"}; do
    [ "$pid" != "${munged_pid:-}" ] || kill "$pid" 2>/dev/null || true
    for i in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      [ "$i" != 30 ] || kill "$pid" 2>/dev/null || true
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  slurm_pids=()
  munged_pid=""
  jobs_submitted=()
}
trap 'stop_cluster; rm -rf "$work"' EXIT
trap 'exit 1' INT TERM

# cluster_log: the daemons' logs, for a failure message.
cluster_log()
{
  tail -n 15 "$cluster"/log/*.log "$cluster"/log/*.out 2>/dev/null | cut -c1-300 >&2 || true
}

die() { cluster_log; fail "$@"; }

# Two free TCP ports for slurmctld and slurmd, so that a Slurm already on
# this machine is not disturbed.
read -r ctld_port slurmd_port < <(python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])')

started=$(now)
# munged refuses a key that others can read and a socket directory it
# cannot trust; jobs must be able to reach the socket, so the directories
# are traversable by all.
chmod 755 "$work"
mkdir -p "$cluster"/{munge,state,spool,log} "$work/run"
chmod 755 "$cluster" "$cluster/munge"
socket="$cluster/munge/munge.socket"
[ ${#socket} -lt 100 ] || fail "munge socket path too long for a Unix socket: $socket (set a shorter TMPDIR)"
mungekey -c -k "$cluster/munge/munge.key" 2>"$cluster/log/mungekey.out" || die "mungekey failed"
chmod 600 "$cluster/munge/munge.key"
timeout -k 5 "$budget" munged -F --socket="$socket" \
  --key-file="$cluster/munge/munge.key" --pid-file="$cluster/munge/munged.pid" \
  --seed-file="$cluster/munge/munged.seed" >"$cluster/log/munged.out" 2>&1 &
munged_pid=$!
for _ in $(seq 100); do [ -S "$socket" ] && break; sleep 0.1; done
[ -S "$socket" ] || die "munged did not create $socket"

cat >"$SLURM_CONF" <<EOF
ClusterName=assaytest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$cluster/state
SlurmdSpoolDir=$cluster/spool
SlurmctldPidFile=$cluster/slurmctld.pid
SlurmdPidFile=$cluster/slurmd.pid
SlurmctldLogFile=$cluster/log/slurmctld.log
SlurmdLogFile=$cluster/log/slurmd.log
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
DependencyParameters=kill_invalid_depend
SchedulerParameters=batch_sched_delay=0
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=assay Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
timeout -k 5 "$budget" slurmctld -D -f "$SLURM_CONF" >"$cluster/log/slurmctld.out" 2>&1 &
slurm_pids+=($!)
timeout -k 5 "$budget" slurmd -D -N localhost -f "$SLURM_CONF" >"$cluster/log/slurmd.out" 2>&1 &
slurm_pids+=($!)
for _ in $(seq 300); do
  [ "$(sinfo -h -n localhost -o %T 2>/dev/null)" = idle ] && break
  sleep 0.1
done
[ "$(sinfo -h -n localhost -o %T 2>/dev/null)" = idle ] || die "the node did not come up within 30 s"
echo "$test_name: cluster up in $(since "$started") s (munged, slurmctld, slurmd; $(nproc) CPUs)"

# job_states ID: "TASK STATE EXITCODE" a line for job (or array) ID, sorted;
# TASK is - for a job that is not an array.
job_states()
{
  scontrol show job -o "$1" 2>/dev/null | awk '{
    task = "-"; state = "?"; code = "?"
    for (i = 1; i <= NF; i++) {
      split($i, kv, "=")
      if (kv[1] == "ArrayTaskId") task = kv[2]
      else if (kv[1] == "JobState") state = kv[2]
      else if (kv[1] == "ExitCode") code = kv[2]
    }
    print task, state, code }' | sort -n
}

# wait_jobs ID...: until every job and array task has ended, 120 s at most.
wait_jobs()
{
  local deadline=$((SECONDS + 120)) id states ended
  while :; do
    ended=1
    for id in "$@"; do
      states=$(job_states "$id")
      if [ -z "$states" ] ||
         grep -qvE ' (COMPLETED|FAILED|CANCELLED|TIMEOUT|OUT_OF_MEMORY|NODE_FAIL|BOOT_FAIL|DEADLINE) ' <<<"$states"; then
        ended=0
      fi
    done
    [ "$ended" = 0 ] || return 0
    [ "$SECONDS" -lt "$deadline" ] || break
    sleep 0.2
  done
  for id in "$@"; do echo "job $id:" >&2; job_states "$id" >&2; done
  die "jobs $* did not end within 120 s"
}

# The scripts of docs/batch.md's Slurm section, as the guide gives them.
mkdir -p "$work/bin" "$work/doc/slurm"
ln -s "$ASSAY_BIN" "$work/bin/assay"
awk '/^```sh file=slurm\// { path = substr($2, 6); next }
     path && /^```/ { path = ""; next }
     path { print > (dir "/" path) }' dir="$work/doc" "$ASSAY_SOURCE_DIR/docs/batch.md"
for script in submit.sh score-shard.sh decide.sh; do
  [ -s "$work/doc/slurm/$script" ] || fail "docs/batch.md has no slurm/$script"
done

# submit NAME INPUT LINES [sed expression for score-shard.sh]: runs the
# guide's scripts in $work/run/NAME, waits for the jobs, and leaves their
# ids in $score_job and $decide_job.
submit()
{
  local dir="$work/run/$1" t0
  mkdir -p "$dir"
  cp "$work/doc/slurm/"*.sh "$dir/"
  [ -z "${4:-}" ] || sed -i "$4" "$dir/score-shard.sh"
  t0=$(now)
  read -r score_job decide_job < <(cd "$dir" && PATH="$work/bin:$PATH" bash submit.sh "$2" "$3") ||
    die "$1: submit.sh failed"
  jobs_submitted+=("$score_job" "$decide_job")
  wait_jobs "$score_job" "$decide_job"
  echo "$test_name: $1: $(job_states "$score_job" | wc -l) score tasks and decide ended in $(since "$t0") s"
}

# expect_run NAME INPUT: decide's output in run NAME is run's on INPUT.
expect_run()
{
  local dir="$work/run/$1"
  "$ASSAY_BIN" run -q "$2" >"$dir/run.jsonl" 2>/dev/null || true
  [ -s "$dir/decisions.jsonl" ] || { cat "$dir"/logs/* >&2 2>/dev/null; die "$1: no decisions.jsonl"; }
  cmp "$dir/run.jsonl" "$dir/decisions.jsonl" || die "$1: decisions differ from assay run"
}

# The sample applications (72 lines): 7 shards of 10 lines and an eighth of 2.
submit clean "$examples/applications.jsonl" 10
expect_eq "clean: score tasks" "$(job_states "$score_job" | tr '\n' ' ')" \
  "1 COMPLETED 0:0 2 COMPLETED 0:0 3 COMPLETED 0:0 4 COMPLETED 0:0 5 COMPLETED 0:0 6 COMPLETED 0:0 7 COMPLETED 0:0 8 COMPLETED 0:0 "
expect_eq "clean: decide" "$(job_states "$decide_job")" "- COMPLETED 0:0"
expect_run clean "$examples/applications.jsonl"
grep -q '^{"records":72,"error_records":0,' "$work/run/clean/summary.json" ||
  fail "clean: summary: $(head -c 100 "$work/run/clean/summary.json")"

# 300 generated applications, lines 100, 200 and 300 broken, in 5 shards of
# 60: shards 2, 4 and 5 have an error record each.
python3 "$ASSAY_SOURCE_DIR/scripts/gen-applications" --seed 18 --count 300 \
  --errors-every 100 >"$work/broken.jsonl"
submit errors "$work/broken.jsonl" 60
expect_eq "errors: score tasks" "$(job_states "$score_job" | tr '\n' ' ')" \
  "1 COMPLETED 0:0 2 COMPLETED 0:0 3 COMPLETED 0:0 4 COMPLETED 0:0 5 COMPLETED 0:0 "
expect_eq "errors: decide" "$(job_states "$decide_job")" "- COMPLETED 0:0"
expect_run errors "$work/broken.jsonl"
grep -q '^{"records":300,"error_records":3,' "$work/run/errors/summary.json" ||
  fail "errors: summary: $(head -c 100 "$work/run/errors/summary.json")"
[ "$(grep -c '"status":"error"' "$work/run/errors/decisions.jsonl")" = 3 ] ||
  fail "errors: expected 3 error records in the decisions"

# The same without --allow-error-records: the shards with an error record
# exit 1, Slurm counts those tasks failed, and afterok cancels decide.
submit strict "$work/broken.jsonl" 60 's/ --allow-error-records//'
grep -q -- --allow-error-records "$work/run/strict/score-shard.sh" && fail "strict: option still there"
expect_eq "strict: score tasks" "$(job_states "$score_job" | tr '\n' ' ')" \
  "1 COMPLETED 0:0 2 FAILED 1:0 3 COMPLETED 0:0 4 FAILED 1:0 5 FAILED 1:0 "
expect_eq "strict: decide" "$(job_states "$decide_job")" "- CANCELLED 0:0"
scontrol show job -o "$decide_job" | grep -q ' Reason=DependencyNeverSatisfied ' ||
  fail "strict: decide not cancelled for its dependency: $(scontrol show job -o "$decide_job" | cut -c1-300)"
[ ! -e "$work/run/strict/decisions.jsonl" ] || fail "strict: decide ran"
[ "$(ls "$work/run/strict/scored" | tr '\n' ' ')" = "shard.1 shard.2 shard.3 shard.4 shard.5 " ] ||
  fail "strict: every shard should still be written: $(ls "$work/run/strict/scored")"

stopping=$(now)
stop_cluster
echo "$test_name: cluster stopped in $(since "$stopping") s; $(since "$started") s in all"
echo "$test_name: ok"
