#!/usr/bin/env bash
# SHOW PROCESSLIST, KILL QUERY and KILL [CONNECTION] with the mariadb CLI: a long query in one
# connection is interrupted from another (ERROR 1317) and the connection carries on; KILL
# CONNECTION closes its target mid-query and while idle; unknown ids give ERROR 1094. Also the
# config file of `flashlake server`: errors name the file and line, flags override it.
set -uo pipefail
flashlake="$1"
command -v mariadb >/dev/null || { echo "FAIL: mariadb not installed (scripts/install-deps.sh)"; exit 1; }
work=$(mktemp -d)
source "$(dirname "$0")/server_lib.sh"

# ---- config file ----
printf 'warehouse = %s/w\n# a comment\n\nmysql_port = 0\nhttp-port = 0\nno_such_key = 1\n' "$work" >"$work/bad_key.conf"
out=$("$flashlake" server --config "$work/bad_key.conf" 2>&1)
[[ $? -eq 2 && "$out" == *"$work/bad_key.conf:6: unknown key 'no_such_key'"* ]]
check "unknown key in the config file (got: $out)" $?
printf 'mysql_port = 0\njust words\n' >"$work/bad_line.conf"
out=$("$flashlake" server --config "$work/bad_line.conf" 2>&1)
[[ $? -eq 2 && "$out" == *"$work/bad_line.conf:2: expected 'key = value', got 'just words'"* ]]
check "line without '=' (got: $out)" $?
printf 'max_connections = lots\n' >"$work/bad_value.conf"
out=$("$flashlake" server --config "$work/bad_value.conf" 2>&1)
[[ $? -eq 2 && "$out" == *"$work/bad_value.conf:1: max-connections must be a number from 1 to 1000000, not 'lots'"* ]]
check "bad value (got: $out)" $?
out=$("$flashlake" server --config "$work/missing.conf" 2>&1)
[[ $? -eq 2 && "$out" == *"cannot read config file '$work/missing.conf'"* ]]
check "missing config file (got: $out)" $?
out=$("$flashlake" server --mysql-port 70000 2>&1)
[[ $? -eq 2 && "$out" == *"mysql-port must be a port number (0 to 65535), not '70000'"* ]]
check "bad flag value (got: $out)" $?
# The file sets a password and a port that the flags override.
printf 'root_password = from-file\nmysql_port = 1\n' >"$work/server.conf"
start_server "$work/server.log" --config "$work/server.conf"
sql() { mariadb --no-defaults --connect-timeout=10 -h 127.0.0.1 -P "$port" -u root -pfrom-file -N -B "$@"; }
out=$(sql -e "SELECT 1" 2>&1)
[[ "$out" == "1" ]]; check "password from the file, port from the flags (got: $out)" $?

# ---- SHOW PROCESSLIST ----
out=$(mariadb --no-defaults -h 127.0.0.1 -P "$port" -u root -pfrom-file -B -e "SHOW PROCESSLIST" 2>&1)
header=$(head -1 <<<"$out")
[[ "$header" == $'Id\tUser\tHost\tdb\tCommand\tTime\tState\tInfo' ]]; check "processlist columns (got: $header)" $?
out=$(sql -e "SELECT CONNECTION_ID(); SHOW FULL PROCESSLIST" 2>&1)
id=$(head -1 <<<"$out")
[[ "$out" == *$'\n'"$id"$'\troot\t127.0.0.1\tNULL\tQuery\t0\texecuting\tSHOW FULL PROCESSLIST'* ]]
check "own row in the processlist (got: $out)" $?

# A query that runs for minutes: a million CSV rows, each paired with 200 values. Its work is
# spread over many chunks, which is where the executor checks for KILL.
seq 1 1000000 >"$work/numbers.csv"
values=$(seq -s '),(' 1 200)
slow="SELECT count(*) FROM FILES(\"path\" = \"$work/numbers.csv\", \"format\" = \"csv\") a, (VALUES ($values)) AS b(y) WHERE a.\$1 + b.y > 0"

# find_query TEXT: the id of the connection running TEXT, waiting up to 20 s for it.
find_query() {
    local found=""
    for _ in $(seq 1 200); do
        found=$(sql -e "SHOW FULL PROCESSLIST" | awk -F'\t' -v q="$1" '$5 == "Query" && $8 == q { print $1 }')
        [[ -n "$found" ]] && break
        sleep 0.1
    done
    echo "$found"
}

# ---- KILL QUERY ----
sql -e "$slow; SELECT 'still here'" >"$work/a.out" 2>&1 &
a_pid=$!
target=$(find_query "$slow")
[[ -n "$target" ]]; check "the long query shows in the processlist" $?
start=$(date +%s%N)
out=$(sql -e "KILL QUERY $target" 2>&1)
check "KILL QUERY succeeds (got: $out)" $?
wait "$a_pid"
a_status=$?
kill_ms=$((($(date +%s%N) - start) / 1000000))
[[ $a_status -ne 0 && "$(cat "$work/a.out")" == *"ERROR 1317 (70100)"*"Query execution was interrupted"* ]]
check "the killed query fails with 1317 (exit $a_status, got: $(cat "$work/a.out"))" $?
((kill_ms < 5000)); check "the query stopped within 5 s of KILL QUERY (took ${kill_ms} ms)" $?
echo "KILL QUERY: the query ended ${kill_ms} ms after the kill"
# The connection itself survives a KILL QUERY: a statement after the killed one still runs.
coproc CLIENT { mariadb --no-defaults -h 127.0.0.1 -P "$port" -u root -pfrom-file -N -B -n --force 2>&1; }
client_in=${CLIENT[1]}
client_out_fd=${CLIENT[0]}
echo "$slow;" >&"$client_in"
target=$(find_query "$slow")
sql -e "KILL QUERY $target" >/dev/null 2>&1
echo "SELECT 'alive after kill';" >&"$client_in"
eval "exec $client_in>&-"
client_out=$(timeout 30 cat <&"$client_out_fd")
[[ "$client_out" == *"ERROR 1317"*"alive after kill"* ]]
check "connection usable after KILL QUERY (got: $client_out)" $?

# ---- KILL CONNECTION, mid-query ----
sql -e "$slow" >"$work/c.out" 2>&1 &
c_pid=$!
target=$(find_query "$slow")
out=$(sql -e "KILL CONNECTION $target" 2>&1)
check "KILL CONNECTION succeeds (got: $out)" $?
timeout 10 tail --pid="$c_pid" -f /dev/null
wait "$c_pid"
c_status=$?
[[ $c_status -ne 0 && "$(cat "$work/c.out")" == *"ERROR 2013"* ]]
check "the killed connection is lost mid-query (exit $c_status, got: $(cat "$work/c.out"))" $?
# It leaves the list once its statement has stopped at the next chunk.
for _ in $(seq 1 100); do
    out=$(sql -e "SHOW PROCESSLIST" | awk -F'\t' -v id="$target" '$1 == id')
    [[ -z "$out" ]] && break
    sleep 0.1
done
[[ -z "$out" ]]; check "the killed connection left the processlist (got: $out)" $?

# ---- KILL of an idle connection (plain KILL means CONNECTION) ----
coproc IDLE { mariadb --no-defaults -h 127.0.0.1 -P "$port" -u root -pfrom-file -N -B -n 2>&1; }
idle_in=${IDLE[1]}
echo "SELECT CONNECTION_ID();" >&"$idle_in"
read -r -t 10 idle_id <&"${IDLE[0]}"
out=$(sql -e "KILL $idle_id" 2>&1)
check "KILL of an idle connection (id '$idle_id', got: $out)" $?
for _ in $(seq 1 100); do
    out=$(sql -e "SHOW PROCESSLIST" | awk -F'\t' -v id="$idle_id" '$1 == id')
    [[ -z "$out" ]] && break
    sleep 0.1
done
[[ -n "$idle_id" && -z "$out" ]]; check "the idle connection is gone (got: $out)" $?
eval "exec $idle_in>&-" 2>/dev/null

# ---- unknown ids ----
out=$(sql -e "KILL 999999" 2>&1)
[[ "$out" == *"ERROR 1094 (HY000)"*"Unknown thread id: 999999"* ]]; check "KILL of an unknown id (got: $out)" $?
out=$(sql -e "KILL QUERY 999999" 2>&1)
[[ "$out" == *"ERROR 1094 (HY000)"*"Unknown thread id: 999999"* ]]; check "KILL QUERY of an unknown id (got: $out)" $?

kill -0 "$server_pid" 2>/dev/null; check "server still running" $?
! grep -qE "AddressSanitizer|runtime error" "$work/server.log"; check "no sanitizer reports" $?
finish
