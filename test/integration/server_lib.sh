# Shared by the integration tests that start `flashlake server`: source it after setting
# `flashlake` (the binary) and `work` (a scratch directory). Provides check, start_server and a
# cleanup trap that stops every server started.
pids=()
failures=0
passes=0
cleanup() {
    for pid in "${pids[@]+"${pids[@]}"}"; do kill "$pid" 2>/dev/null; done
    wait 2>/dev/null
    [[ -n "${KEEP_WORK:-}" ]] || rm -rf "$work"
}
trap cleanup EXIT

check() {  # check NAME CONDITION-EXIT-CODE
    if [[ "$2" == 0 ]]; then passes=$((passes + 1)); else echo "FAIL: $1"; failures=$((failures + 1)); fi
}

# start_server LOG ARGS...: starts a server on free ports; sets server_pid, port (MySQL) and
# http_port.
start_server() {
    local log="$1"
    shift
    "$flashlake" server --warehouse "$work/w" --mysql-port 0 --http-port 0 "$@" 2>"$log" &
    server_pid=$!
    pids+=("$server_pid")
    port=""
    http_port=""
    for _ in $(seq 1 300); do
        port=$(sed -n 's/.*MySQL protocol server listening on [^ ]*:\([0-9][0-9]*\) .*/\1/p' "$log")
        http_port=$(sed -n 's/.*HTTP server listening on [^ ]*:\([0-9][0-9]*\).*/\1/p' "$log")
        [[ -n "$port" && -n "$http_port" ]] && return 0
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "FAIL: server did not start"
    cat "$log"
    exit 1
}

# finish: prints the tally and exits non-zero on any failure.
finish() {
    echo "$passes checks passed, $failures failed"
    [[ $failures -eq 0 ]]
    exit $?
}
