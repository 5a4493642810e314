#!/usr/bin/env bash
# Exactly-once stream loads under SIGKILL: concurrent curl loaders send labelled CSV batches to
# `flashlake serve` while the server is killed with SIGKILL at random moments (KILLS times) and
# restarted; every load not acknowledged (no response, a reset connection) is retried with the
# same label until the server answers Success or "Label Already Exists". At the end every label
# must be present with exactly its rows (all or nothing, never twice): each row carries its label.
# usage: server_kill_test.sh FLASHLAKE [KILLS]
set -uo pipefail
flashlake="$1"
kills="${2:-20}"
loaders=4
rows_per_load=50
for tool in mariadb curl; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool not installed (scripts/install-deps.sh)"; exit 1; }
done
work=$(mktemp -d)
server_pid=""
loader_pids=()
cleanup() {
    [[ -n "$server_pid" ]] && kill -9 "$server_pid" 2>/dev/null
    for pid in "${loader_pids[@]+"${loader_pids[@]}"}"; do kill "$pid" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

start_server() {  # starts the server, writes its ports to $work/http_port and $work/mysql_port
    local log="$work/server.log"
    rm -f "$work/http_port.tmp"
    "$flashlake" serve --warehouse "$work/w" --mysql-port 0 --http-port 0 --root-password kill-test 2>"$log" &
    server_pid=$!
    local mysql_port="" http_port=""
    for _ in $(seq 1 600); do
        mysql_port=$(sed -n 's/.*MySQL protocol server listening on [^ ]*:\([0-9][0-9]*\) .*/\1/p' "$log")
        http_port=$(sed -n 's/.*HTTP server listening on [^ ]*:\([0-9][0-9]*\)$/\1/p' "$log")
        [[ -n "$mysql_port" && -n "$http_port" ]] && break
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.05
    done
    if [[ -z "$mysql_port" || -z "$http_port" ]]; then
        echo "FAIL: server did not start"
        cat "$log"
        exit 1
    fi
    echo "$mysql_port" >"$work/mysql_port"
    echo "$http_port" >"$work/http_port.tmp" && mv "$work/http_port.tmp" "$work/http_port"
}

sql() { mariadb --no-defaults --connect-timeout=10 -h 127.0.0.1 -P "$(cat "$work/mysql_port")" -u root -pkill-test -N -B "$@"; }

# loader W: labels kill-W-1, kill-W-2, ... each retried until acknowledged; stops after the
# label in flight when $work/stop exists. Acknowledged labels go to $work/acked.W.
loader() {
    local w="$1" i=0 label body response
    while [[ ! -e "$work/stop" ]]; do
        i=$((i + 1))
        label="kill-$w-$i"
        body="$work/body.$w"
        for r in $(seq 1 "$rows_per_load"); do echo "$r,$label"; done >"$body"
        while true; do
            response=$(curl -sS --max-time 30 --location-trusted -u root:kill-test -H "label:$label" \
                -H "column_separator:," -T "$body" \
                "http://127.0.0.1:$(cat "$work/http_port" 2>/dev/null)/api/db/ev/_stream_load" 2>/dev/null)
            if grep -q '"Status" *: *"Success"' <<<"$response"; then
                echo "$label success" >>"$work/acked.$w"
                break
            fi
            if grep -q '"Status" *: *"Label Already Exists"' <<<"$response"; then
                echo "$label exists" >>"$work/acked.$w"  # committed before a crash took the reply
                break
            fi
            if grep -q '"Status" *: *"Fail"' <<<"$response"; then
                echo "$label failed: $response" >>"$work/failures"
            fi
            sleep 0.05  # no answer (killed, restarting) or a failure: retry the same label
        done
    done
}

start_server
out=$(sql -e "CREATE DATABASE db; CREATE TABLE db.ev (k INT NOT NULL, tag VARCHAR(64) NOT NULL) DUPLICATE KEY(k)" 2>&1) || {
    echo "FAIL: create table: $out"
    exit 1
}
for w in $(seq 1 "$loaders"); do
    loader "$w" &
    loader_pids+=($!)
done
acked_count() { cat "$work"/acked.* 2>/dev/null | wc -l; }
for k in $(seq 1 "$kills"); do
    # Let the loads make progress (a new acknowledgement, or 3 s), then kill at a random moment
    # 0-0.5 s later: mid-parse, mid-write or mid-commit of the loads in flight.
    before=$(acked_count)
    for _ in $(seq 1 60); do
        [[ $(acked_count) -gt $before ]] && break
        sleep 0.05
    done
    sleep "0.$((RANDOM % 5))$((RANDOM % 10))"
    kill -9 "$server_pid"
    wait "$server_pid" 2>/dev/null
    start_server
done
touch "$work/stop"
for pid in "${loader_pids[@]}"; do wait "$pid"; done
loader_pids=()

failures=0
acked=$(cat "$work"/acked.* | wc -l)
expected=$(cat "$work"/acked.* | awk '{print $1}' | sort)
counts=$(sql -e "SELECT tag, COUNT(*) FROM db.ev GROUP BY tag ORDER BY tag" 2>&1) || {
    echo "FAIL: count rows: $counts"
    exit 1
}
present=$(awk '{print $1}' <<<"$counts" | sort)
if [[ "$present" != "$expected" ]]; then
    echo "FAIL: labels in the table differ from the acknowledged ones"
    diff <(echo "$expected") <(echo "$present") | head -20
    failures=$((failures + 1))
fi
wrong=$(awk -v n="$rows_per_load" '$2 != n' <<<"$counts")
if [[ -n "$wrong" ]]; then
    echo "FAIL: labels without exactly $rows_per_load rows (partial or duplicated):"
    head -20 <<<"$wrong"
    failures=$((failures + 1))
fi
total=$(sql -e "SELECT COUNT(*) FROM db.ev")
if [[ "$total" != "$((acked * rows_per_load))" ]]; then
    echo "FAIL: $total rows, expected $((acked * rows_per_load)) ($acked labels x $rows_per_load)"
    failures=$((failures + 1))
fi
success=$(cat "$work"/acked.* | grep -c ' success$')
exists=$(cat "$work"/acked.* | grep -c ' exists$')
refused=$( [[ -e "$work/failures" ]] && wc -l <"$work/failures" || echo 0)
echo "server_kill_test: $kills SIGKILLs, $acked labels acknowledged ($success Success, $exists Label Already Exists after a lost reply), $total rows, $refused Fail answers retried"
if [[ "$failures" -gt 0 ]]; then
    exit 1
fi
echo "PASS"
