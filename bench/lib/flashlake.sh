# shellcheck shell=bash
# Flashlake's column in bench/run (sourced, not run). Kept apart from the peers so that wiring
# the engine in touches this file alone.
#
# flashlake_run_suite SUITE DATA_DIR THREADS RUNS OUT_FILE
#   Writes JSON lines like the peer runners' to OUT_FILE: first
#   {"engine":"flashlake","event":"load",...}, then one {"engine":"flashlake","query":...,"ms":...}
#   per query file in bench/queries/SUITE.
#
# Today the engine cannot load tables yet, so every query is reported as n/a. The planned
# interface, once `flashlake sql` can create and load tables in a warehouse directory:
#
#   warehouse=$(mktemp -d)
#   for each table of the suite:                     # same DDL the peers use
#       build/release/flashlake sql --warehouse "$warehouse" -f bench/schema/TABLE.sql
#       load DATA_DIR/TABLE.csv (stream load or INSERT ... FROM FILES), timed as "load"
#   for each query FILE, RUNS times:
#       build/release/flashlake sql --warehouse "$warehouse" --threads THREADS --timing -f FILE
#       and parse the line `Time: <ms> ms` it prints; report the median, the minimum and the
#       row count, as bench/peers/duckdb.mjs does.

flashlake_run_suite() {
    local suite=$1 data_dir=$2 threads=$3 runs=$4 out_file=$5
    local reason="the engine cannot load tables yet"
    : "$data_dir" "$threads" "$runs"  # used once the engine is wired in (see above)
    {
        printf '{"engine":"flashlake","event":"load","ms":null,"note":"not run: %s"}\n' "$reason"
        local query_file name
        for query_file in "$BENCH_DIR/queries/$suite"/*.sql; do
            name=$(basename "$query_file" .sql)
            printf '{"engine":"flashlake","query":"%s","ms":null}\n' "$name"
        done
    } >"$out_file"
}
