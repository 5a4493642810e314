#!/usr/bin/env bash
# Starts `flashlake serve` on a fresh warehouse, creates bench.sustained and runs
# bench/load/sustained.mjs against it (20 loaders x 1,000-row batches for 60 s by default).
#
#   bench/load/sustained.sh [--loaders N] [--rows B] [--seconds S] [-- extra flashlake serve flags]
# FLASHLAKE_BIN=path times another binary (default build/release/flashlake).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")/.." && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
flashlake=${FLASHLAKE_BIN:-$REPO_DIR/build/release/flashlake}
driver_args=()
serve_args=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --loaders | --rows | --seconds) driver_args+=("$1" "${2:?}"); shift ;;
        --) shift; serve_args=("$@"); break ;;
        *) echo "usage: bench/load/sustained.sh [--loaders N] [--rows B] [--seconds S] [-- serve flags]" >&2; exit 2 ;;
    esac
    shift
done
work=$(mktemp -d)
server_pid=""
cleanup() {
    [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
log=$work/server.log
"$flashlake" serve --warehouse "$work/w" --mysql-port 0 --http-port 0 --root-password bench "${serve_args[@]+"${serve_args[@]}"}" 2>"$log" &
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
query "CREATE TABLE bench.sustained (id BIGINT NOT NULL, tag VARCHAR(64) NOT NULL, amount DECIMAL(12,2)) DUPLICATE KEY(id)" >/dev/null
node "$BENCH_DIR/load/sustained.mjs" --port "$http_port" "${driver_args[@]+"${driver_args[@]}"}"
echo "snapshots: $(query "SELECT COUNT(*) FROM bench.sustained\$snapshots" | tr -d '\n')" >&2
echo "live data files: $(query "SELECT COUNT(*) FROM bench.sustained\$files" | tr -d '\n')" >&2
