#!/usr/bin/env bash
# Crash safety of lake commits: a process running concurrent labelled commits and compactions on
# one table is killed with SIGKILL at a random moment, N times (default 50). After each kill the
# table must be at a committed snapshot, read cleanly, hold every acknowledged batch, and hold
# every batch whole and once (lake_crash_worker verify).
set -uo pipefail
worker="$1"
runs="${2:-50}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
acks="$work/acks.txt"
: >"$acks"
# The table exists before the first kill (creating it is not what is under test).
"$worker" create "$work/warehouse" || { echo "FAIL: creating the table"; exit 1; }
for run in $(seq 1 "$runs"); do
    "$worker" write "$work/warehouse" "$run" >>"$acks" 2>>"$work/worker.log" &
    pid=$!
    sleep "0.$((RANDOM % 7 + 3))$((RANDOM % 10))"  # 0.30 .. 0.99 s
    kill -KILL "$pid"
    wait "$pid" 2>/dev/null
    if ! result=$("$worker" verify "$work/warehouse" "$acks"); then
        echo "run $run: $result"
        tail -5 "$work/worker.log"
        exit 1
    fi
    echo "run $run: $result"
done
acked=$(grep -c ' END$' "$acks")
if [[ "$acked" -lt 10 ]]; then
    echo "FAIL: only $acked batches were acknowledged in $runs runs; the test did not exercise commits"
    exit 1
fi
echo "PASS: $runs kills, $acked acknowledged batches, all present exactly once"
