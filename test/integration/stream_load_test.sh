#!/usr/bin/env bash
# HTTP stream load as StarRocks users run it: curl against `flashlake serve`, tables made and read
# through the MySQL port with the mariadb CLI. Checks counts, visibility, label idempotency,
# max_filter_ratio (all or nothing), ErrorURL, JSON, auth, unknown tables, the query API, and that
# garbage on the HTTP port does not stop the server.
set -uo pipefail
flashlake="$1"
for tool in mariadb curl; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool not installed (scripts/install-deps.sh)"; exit 1; }
done
work=$(mktemp -d)
source "$(dirname "$0")/server_lib.sh"

log="$work/server.log"
"$flashlake" serve --warehouse "$work/w" --mysql-port 0 --http-port 0 --root-password 's3cret' 2>"$log" &
server_pid=$!
pids+=("$server_pid")
mysql_port=""
http_port=""
for _ in $(seq 1 300); do
    mysql_port=$(sed -n 's/.*MySQL protocol server listening on [^ ]*:\([0-9][0-9]*\) .*/\1/p' "$log")
    http_port=$(sed -n 's/.*HTTP server listening on [^ ]*:\([0-9][0-9]*\)$/\1/p' "$log")
    [[ -n "$mysql_port" && -n "$http_port" ]] && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
done
if [[ -z "$mysql_port" || -z "$http_port" ]]; then
    echo "FAIL: server did not start"
    cat "$log"
    exit 1
fi
base="http://127.0.0.1:$http_port"
sql() { mariadb --no-defaults --connect-timeout=10 -h 127.0.0.1 -P "$mysql_port" -u root -ps3cret -N -B "$@"; }
load() {  # load TABLE CURL-ARGS...: the response body of a stream load into db.TABLE
    local table="$1"
    shift
    curl -sS --max-time 60 --location-trusted -u root:s3cret "$@" "$base/api/db/$table/_stream_load"
}
field() {  # field NAME JSON: the value of "NAME" in a stream-load response
    sed -n "s/.*\"$1\" *: *\"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}\$/\1/p" <<<"$2" | head -1
}

out=$(sql -e "CREATE DATABASE db; CREATE TABLE db.t (k INT NOT NULL, name VARCHAR(10), amount DECIMAL(10,2)) DUPLICATE KEY(k)" 2>&1)
check "create table (got: $out)" $?

# A CSV load: counts, then the rows through the MySQL port.
printf '1,alice,1.50\n2,bob,2.25\n3,carol,\\N\n' >"$work/data.csv"
out=$(load t -H "label:l1" -H "column_separator:," -T "$work/data.csv")
[[ "$(field Status "$out")" == "Success" ]]; check "first load succeeds (got: $out)" $?
[[ "$(field NumberTotalRows "$out")" == 3 && "$(field NumberLoadedRows "$out")" == 3 &&
   "$(field NumberFilteredRows "$out")" == 0 && "$(field Label "$out")" == l1 ]]
check "first load counts (got: $out)" $?
[[ "$(field LoadBytes "$out")" == "$(stat -c %s "$work/data.csv")" ]]; check "LoadBytes (got: $out)" $?
out=$(sql -e "SELECT k, name, amount FROM db.t ORDER BY k" 2>&1)
[[ "$out" == $'1\talice\t1.50\n2\tbob\t2.25\n3\tcarol\tNULL' ]]; check "loaded rows visible (got: $out)" $?

# The same label again: refused, nothing doubled.
out=$(load t -H "label:l1" -H "column_separator:," -T "$work/data.csv")
[[ "$(field Status "$out")" == "Label Already Exists" && "$(field ExistingJobStatus "$out")" == FINISHED ]]
check "retried label refused (got: $out)" $?
out=$(sql -e "SELECT count(*) FROM db.t" 2>&1)
[[ "$out" == 3 ]]; check "retried label does not double rows (got: $out)" $?

# Malformed rows with max_filter_ratio 0 (the default): the load fails, nothing is committed.
printf '10,ok,1\n11,bad,notanumber\nshort\n12,ok,2\n' >"$work/bad.csv"
out=$(load t -H "label:l2" -H "column_separator:," -T "$work/bad.csv")
[[ "$(field Status "$out")" == "Fail" && "$out" == *"too many filtered rows"* ]]
check "bad rows over the ratio fail the load (got: $out)" $?
[[ "$(field NumberFilteredRows "$out")" == 2 ]]; check "filtered rows counted (got: $out)" $?
out=$(sql -e "SELECT count(*) FROM db.t" 2>&1)
[[ "$out" == 3 ]]; check "a failed load commits nothing (got: $out)" $?
data_files=$(find "$work/w/db.db/t" -name '*.parquet' | wc -l)
[[ "$data_files" == 1 ]]; check "a failed load leaves no data files (found $data_files)" $?

# The same rows with max_filter_ratio 0.5: the good rows commit; ErrorURL lists the bad ones.
out=$(load t -H "label:l2" -H "column_separator:," -H "max_filter_ratio:0.5" -T "$work/bad.csv")
[[ "$(field Status "$out")" == "Success" && "$(field NumberLoadedRows "$out")" == 2 &&
   "$(field NumberFilteredRows "$out")" == 2 ]]
check "tolerated bad rows load the good ones (got: $out)" $?
url=$(field ErrorURL "$out")
[[ "$url" == "http://127.0.0.1:$http_port/api/_load_error_log?file="* ]]; check "ErrorURL given (got: $out)" $?
errors=$(curl -sS --max-time 10 "$url")
[[ "$errors" == *"line 2: column 3 (amount DECIMAL(10,2)): bad value 'notanumber'"*"Row: 11,bad,notanumber"* &&
   "$errors" == *"line 3: expected 3 columns, found 1. Row: short"* ]]
check "error log lists the bad rows (got: $errors)" $?
out=$(sql -e "SELECT k FROM db.t WHERE k >= 10 ORDER BY k" 2>&1)
[[ "$out" == $'10\n12' ]]; check "good rows of a tolerant load visible (got: $out)" $?

# columns expressions and where.
printf 'x\t20\t7\ny\t21\t8\n' >"$work/mapped.tsv"
out=$(load t -H "columns: tmp, k, a, name = upper(tmp), amount = a * 2" -H "where: k > 20" -T "$work/mapped.tsv")
[[ "$(field Status "$out")" == "Success" && "$(field NumberLoadedRows "$out")" == 1 &&
   "$(field NumberUnselectedRows "$out")" == 1 ]]
check "columns and where (got: $out)" $?
out=$(sql -e "SELECT k, name, amount FROM db.t WHERE k >= 20" 2>&1)
[[ "$out" == $'21\tY\t16.00' ]]; check "derived columns loaded (got: $out)" $?

# JSON: an array with strip_outer_array, and jsonpaths.
echo '[{"k": 30, "name": "j1", "amount": 1.5}, {"k": 31, "name": "j2"}]' >"$work/rows.json"
out=$(load t -H "label:j1" -H "format: json" -H "strip_outer_array: true" -T "$work/rows.json")
[[ "$(field Status "$out")" == "Success" && "$(field NumberLoadedRows "$out")" == 2 ]]; check "JSON load (got: $out)" $?
echo '{"id": 32, "info": {"who": "j3"}}' >"$work/row.json"
out=$(load t -H "format: json" -H 'jsonpaths: ["$.id", "$.info.who"]' -H "columns: k, name" -T "$work/row.json")
[[ "$(field Status "$out")" == "Success" && "$(field NumberLoadedRows "$out")" == 1 ]]; check "JSON jsonpaths (got: $out)" $?
out=$(sql -e "SELECT k, name, amount FROM db.t WHERE k >= 30 ORDER BY k" 2>&1)
[[ "$out" == $'30\tj1\t1.50\n31\tj2\tNULL\n32\tj3\tNULL' ]]; check "JSON rows visible (got: $out)" $?

# Expect: 100-continue, as curl sends it for large bodies.
seq 100 20099 | sed 's/$/,n,1/' >"$work/large.csv"
out=$(load t -H "Expect: 100-continue" -H "column_separator:," -T "$work/large.csv")
[[ "$(field NumberLoadedRows "$out")" == 20000 ]]; check "large load with 100-continue (got: $out)" $?

# A table partitioned by date_trunc('day', ts): the load fills the hidden partition column
# (CSV without a columns header, JSON by name), and the rows land in one partition per day.
out=$(sql -e "CREATE TABLE db.ev (ts DATETIME NOT NULL, k INT) PARTITION BY date_trunc('day', ts)" 2>&1)
check "create date_trunc table (got: $out)" $?
printf '2024-05-01 08:00:00,1\n2024-05-01 23:00:00,2\n2024-05-02 00:30:00,3\n' >"$work/ev.csv"
out=$(load ev -H "column_separator:," -T "$work/ev.csv")
[[ "$(field Status "$out")" == "Success" && "$(field NumberLoadedRows "$out")" == 3 ]]
check "CSV load into a date_trunc table (got: $out)" $?
echo '[{"k": 4, "ts": "2024-05-03 10:00:00"}]' >"$work/ev.json"
out=$(load ev -H "format: json" -H "strip_outer_array: true" -T "$work/ev.json")
[[ "$(field Status "$out")" == "Success" && "$(field NumberLoadedRows "$out")" == 1 ]]
check "JSON load into a date_trunc table (got: $out)" $?
out=$(sql -e "SELECT __partition_day_ts, count(*), sum(k) FROM db.ev GROUP BY 1 ORDER BY 1" 2>&1)
[[ "$out" == $'2024-05-01 00:00:00\t2\t3\n2024-05-02 00:00:00\t1\t3\n2024-05-03 00:00:00\t1\t4' ]]
check "loaded rows in their day partitions (got: $out)" $?
out=$(sql -e "SELECT count(*) FROM db.ev\$partitions" 2>&1)
[[ "$out" == 3 ]]; check "one partition per day (got: $out)" $?
out=$(load ev -H "column_separator:," -H "columns: ts, k, __partition_day_ts" -T "$work/ev.csv")
[[ "$(field Status "$out")" == "Fail" && "$out" == *"__partition_day_ts"*"generated"* ]]
check "loading the generated column is refused (got: $out)" $?

# Wrong password: 401. Unknown table: Fail with a clear message.
code=$(curl -sS -o /dev/null -w '%{http_code}' -u root:wrong -T "$work/data.csv" "$base/api/db/t/_stream_load")
[[ "$code" == 401 ]]; check "wrong password is 401 (got: $code)" $?
out=$(load nosuch -H "column_separator:," -T "$work/data.csv")
[[ "$(field Status "$out")" == "Fail" && "$out" == *"nosuch"* ]]; check "unknown table fails clearly (got: $out)" $?

# Query API and health.
out=$(curl -sS -u root:s3cret -X POST -d 'SELECT count(*) FROM db.t' "$base/api/query")
[[ "$out" == *'"rows":[[20009]]'* ]]; check "query API (got: $out)" $?
out=$(curl -sS -u root:s3cret -X POST -d '{"query": "SELECT * FROM db.nope"}' "$base/api/query")
[[ "$out" == *'"errno":1146'* ]]; check "query API error (got: $out)" $?
out=$(curl -sS "$base/api/health")
[[ "$out" == *'"status": "OK"'* ]]; check "health (got: $out)" $?

# Garbage on the HTTP port: the server answers 400 or hangs up, and keeps serving.
if exec 3<>"/dev/tcp/127.0.0.1/$http_port"; then
    head -c 4096 /dev/urandom >&3 2>/dev/null
    printf '\r\n\r\n' >&3 2>/dev/null
    timeout 5 cat <&3 >/dev/null 2>&1
    exec 3>&-
fi
if exec 3<>"/dev/tcp/127.0.0.1/$http_port"; then
    printf 'GET / HTTP/1.1\r\nHost: x\r\nX: %s' "$(head -c 100000 /dev/zero | tr '\0' a)" >&3 2>/dev/null
    timeout 5 cat <&3 >/dev/null 2>&1
    exec 3>&-
fi
out=$(curl -sS --max-time 10 "$base/api/health")
[[ "$out" == *'"status": "OK"'* ]]; check "serving after garbage (got: $out)" $?
out=$(load t -H "column_separator:," -T "$work/data.csv")
[[ "$(field Status "$out")" == "Success" ]]; check "loading after garbage (got: $out)" $?
kill -0 "$server_pid" 2>/dev/null; check "server alive" $?

# ---- the load history (SHOW LOAD, information_schema.loads) outlives a restart ----
history="SELECT JOB_ID, LABEL, TYPE, STATE, SCAN_ROWS, SINK_ROWS, FILTERED_ROWS, TXN_ID, CREATE_TIME
         FROM information_schema.loads ORDER BY JOB_ID"
before=$(sql -e "$history" 2>&1)
kill "$server_pid"
wait "$server_pid" 2>/dev/null
start_server "$work/restart.log" --root-password 's3cret'
mysql_port=$port
after=$(sql -e "$history" 2>&1)
[[ $(wc -l <<<"$before") -ge 5 && "$after" == "$before" ]]
check "load history after a restart (before: $before; after: $after)" $?
out=$(sql -e "SHOW LOAD FROM db WHERE LABEL = 'l1'" 2>&1)
[[ "$out" == *l1*FINISHED* ]]; check "SHOW LOAD finds a load of the previous run (got: $out)" $?

echo "stream load integration: $passes passed, $failures failed"
[[ "$failures" == 0 ]]
