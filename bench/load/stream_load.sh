#!/usr/bin/env bash
# CSV stream load of the events file into Flashlake (curl against `flashlake serve`), against
# DuckDB loading the same file into a table of a database file with the same threads, in the
# same run. Prints rows/s of both and the ratio (Flashlake rows/s / DuckDB rows/s; >= 1 is as fast
# or faster).
#
#   bench/load/stream_load.sh [--rows N] [--threads N]
#
# The data is bench/data/events-<rows>/events.csv (`bench/run events --rows N` makes it).
# FLASHLAKE_BIN=path times another binary (default build/release/flashlake).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")/.." && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
rows=10000000
threads=2
while [[ $# -gt 0 ]]; do
    case "$1" in
        --rows) rows=${2:?}; shift ;;
        --threads) threads=${2:?}; shift ;;
        *) echo "usage: bench/load/stream_load.sh [--rows N] [--threads N]" >&2; exit 2 ;;
    esac
    shift
done
flashlake=${FLASHLAKE_BIN:-$REPO_DIR/build/release/flashlake}
csv=$BENCH_DIR/data/events-$rows/events.csv
[[ -f $csv ]] || { echo "no $csv: run bench/run events --rows $rows first" >&2; exit 1; }
[[ -x $flashlake ]] || { echo "no $flashlake: make release, or set FLASHLAKE_BIN" >&2; exit 1; }
(cd "$BENCH_DIR/peers" && [[ -d node_modules/@duckdb ]] || npm ci --silent)

work=$(mktemp -d "$BENCH_DIR/data/load-bench.XXXXXX")
server_pid=""
cleanup() {
    [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

log=$work/server.log
"$flashlake" serve --warehouse "$work/w" --mysql-port 0 --http-port 0 --root-password bench --worker-threads "$threads" \
    --http-max-body-bytes $((4 << 30)) 2>"$log" &
server_pid=$!
http_port=""
for _ in $(seq 1 300); do
    http_port=$(sed -n 's/.*HTTP server listening on [^ ]*:\([0-9][0-9]*\)$/\1/p' "$log")
    [[ -n $http_port ]] && break
    sleep 0.1
done
[[ -n $http_port ]] || { echo "server did not start:" >&2; cat "$log" >&2; exit 1; }
query() { curl -sS --fail-with-body -u root:bench --data-binary "$1" "http://127.0.0.1:$http_port/api/query"; }
query "CREATE DATABASE bench" >/dev/null
query "$(sed 's/--.*//' "$BENCH_DIR/schema/events.sql" | sed 's/CREATE TABLE events/CREATE TABLE bench.events/')" >/dev/null

bytes=$(stat -c %s "$csv")
echo "stream load of $csv ($rows rows, $((bytes >> 20)) MiB), $threads threads" >&2
start=$(date +%s%N)
response=$(curl -sS --location-trusted -u root:bench -H "label:bench-$$" -H "column_separator:," -H "skip_header:1" \
    -H "Expect:" -T "$csv" "http://127.0.0.1:$http_port/api/bench/events/_stream_load")
end=$(date +%s%N)
grep -q '"Status" *: *"Success"' <<<"$response" || { echo "load failed: $response" >&2; exit 1; }
loaded=$(sed -n 's/.*"NumberLoadedRows" *: *\([0-9]*\).*/\1/p' <<<"$response")
server_ms=$(sed -n 's/.*"LoadTimeMs" *: *\([0-9]*\).*/\1/p' <<<"$response")
flashlake_ms=$(((end - start) / 1000000))
count=$(query "SELECT COUNT(*) FROM bench.events" |
    node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).rows[0][0]))')
[[ $count == "$rows" ]] || { echo "expected $rows rows, the table has $count" >&2; exit 1; }

duck=$(node "$BENCH_DIR/peers/load_csv.mjs" --csv "$csv" --schema "$BENCH_DIR/schema/events.sql" \
    --db "$work/duck.db" --threads "$threads")
duck_ms=$(sed -n 's/.*"ms":\([0-9]*\).*/\1/p' <<<"$duck")
duck_rows=$(sed -n 's/.*"rows":\([0-9]*\).*/\1/p' <<<"$duck")
[[ $duck_rows == "$rows" ]] || { echo "DuckDB loaded $duck_rows rows: $duck" >&2; exit 1; }

awk -v rows="$rows" -v f="$flashlake_ms" -v s="$server_ms" -v d="$duck_ms" -v loaded="$loaded" 'BEGIN {
    printf "| engine | wall ms | rows/s |\n| --- | --- | --- |\n"
    printf "| Flashlake stream load (curl, end to end; server LoadTimeMs %d) | %d | %.0f |\n", s, f, rows / (f / 1000)
    printf "| DuckDB read_csv -> table (file database, CHECKPOINT) | %d | %.0f |\n", d, rows / (d / 1000)
    printf "ratio (Flashlake rows/s / DuckDB rows/s): %.2f\n", d / f
}'
