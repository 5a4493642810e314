#!/usr/bin/env bash
# Many concurrent clients: mariadb-slap runs a query mix on 200 connections at once (for a
# bounded time; FLASHLAKE_SLOW_TESTS=1 runs it for about 60 s) with no error, and while they are
# all connected, one client more gets ERR 1040 (Too many connections) and the others carry on.
set -uo pipefail
flashlake="$1"
for tool in mariadb mariadb-slap ss; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool not installed (scripts/install-deps.sh)"; exit 1; }
done
work=$(mktemp -d)
source "$(dirname "$0")/server_lib.sh"

clients=200
seconds=12
[[ "${FLASHLAKE_SLOW_TESTS:-0}" == 1 ]] && seconds=60

start_server "$work/server.log" --max-connections "$clients" --root-password ''  # '': no password (else one is generated)
sql() { mariadb --no-defaults --connect-timeout=10 -h 127.0.0.1 -P "$port" -u root -N -B "$@"; }

sql -e "CREATE DATABASE slap; CREATE TABLE slap.t (k INT, v BIGINT, s VARCHAR(20))
        DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2;
        INSERT INTO slap.t VALUES (1, 10, 'a'), (2, 20, 'b'), (3, 30, 'c'), (1, 5, 'd'), (2, 7, 'e')"
check "setup" $?
queries="SELECT count(*), sum(v) FROM slap.t;SELECT k, sum(v) FROM slap.t GROUP BY k ORDER BY k;"
queries+="SELECT @@version_comment, CONNECTION_ID();SELECT s FROM slap.t WHERE k = 2 ORDER BY s LIMIT 1;"
queries+="SHOW VARIABLES LIKE 'max_allowed_packet'"

# Each client repeats the mix; rounds are sized from a short calibration so that the run lasts
# about $seconds seconds on this machine and build.
slap() {  # slap ROUNDS-PER-CLIENT LOG
    mariadb-slap --no-defaults -h 127.0.0.1 -P "$port" -u root --create-schema=slap --no-drop \
        --concurrency="$clients" --iterations=1 --number-of-queries=$(($1 * clients * 5)) \
        --delimiter=";" --query="$queries" >"$2" 2>&1
}
# Two calibration runs (1 and 3 rounds) separate the cost of opening the 200 connections from
# the cost of a round.
calibrate() {  # calibrate ROUNDS: sets calibrated_ms
    local begin
    begin=$(date +%s%N)
    slap "$1" "$work/calibrate.log"
    check "calibration run of $1 rounds (got: $(tail -3 "$work/calibrate.log"))" $?
    calibrated_ms=$((($(date +%s%N) - begin) / 1000000))
}
calibrate 1
one_ms=$calibrated_ms
calibrate 3
three_ms=$calibrated_ms
round_ms=$(((three_ms - one_ms) / 2))
((round_ms > 0)) || round_ms=1
rounds=$(((seconds * 1000 - one_ms + round_ms) / round_ms))
((rounds < 2)) && rounds=2
echo "calibration: 1 round took ${one_ms} ms, 3 rounds ${three_ms} ms; running $rounds rounds"

start=$(date +%s%N)
slap "$rounds" "$work/slap.log" &
slap_pid=$!
# Once the 200 clients hold their connections, client 201 is refused with ERR 1040.
refused=""
for _ in $(seq 1 200); do
    established=$(ss -Htn state established "( sport = :$port )" | wc -l)
    if ((established >= clients)); then
        sleep 0.5
        refused=$(sql -e "SELECT 1" 2>&1)
        break
    fi
    sleep 0.05
done
[[ "$refused" == *"ERROR 1040 (08004)"*"Too many connections"* ]]
check "client $((clients + 1)) gets ERR 1040 (got: ${refused:-never saw $clients connections})" $?
wait "$slap_pid"
status=$?
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
check "mariadb-slap: $clients clients, 0 errors (exit $status: $(grep -i error "$work/slap.log" | head -3))" $status
grep -q "Number of clients running queries: $clients" "$work/slap.log"
check "mariadb-slap ran $clients clients ($(cat "$work/slap.log"))" $?
echo "mariadb-slap: $clients clients x $rounds rounds x 5 queries in ${elapsed_ms} ms"

# The server carries on once they are gone.
out=$(sql -e "SELECT count(*) FROM slap.t" 2>&1)
[[ "$out" == "5" ]]; check "server serves after the run (got: $out)" $?
kill -0 "$server_pid" 2>/dev/null; check "server still running" $?
grep -E "ERROR|AddressSanitizer|runtime error" "$work/server.log" | head -5
! grep -qE "AddressSanitizer|runtime error" "$work/server.log"; check "no sanitizer reports" $?
finish
