#!/usr/bin/env bash
# Node's mysql2 driver (npm) against `flashlake server` started from a config file: prepared
# statements with parameters of every type, inserts and selects through the binary protocol,
# the text protocol, connect-time probes and errors (test/integration/node/mysql2_test.mjs).
set -uo pipefail
flashlake="$1"
here="$(cd "$(dirname "$0")" && pwd)"
for tool in node npm; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool not installed (scripts/install-deps.sh)"; exit 1; }
done
work=$(mktemp -d)
source "$here/server_lib.sh"

# The driver comes from the committed lockfile; an existing install is reused.
if [[ ! -d "$here/node/node_modules/mysql2" ]]; then
    (cd "$here/node" && npm ci --no-audit --no-fund >"$work/npm.log" 2>&1) || {
        echo "FAIL: npm ci in test/integration/node"
        cat "$work/npm.log"
        exit 1
    }
fi

cat >"$work/flashlake.conf" <<CONF
# flashlake.conf for this test; the flags given to start_server (ports, warehouse) override it.
root_password = "pw with spaces"
max-prepared-statements = 64   # the limit test/integration/node/mysql2_test.mjs expects
mysql_port = 1   # overridden by --mysql-port 0
CONF
start_server "$work/server.log" --config "$work/flashlake.conf"

node "$here/node/mysql2_test.mjs" "$port" "pw with spaces"
check "mysql2 checks" $?
kill -0 "$server_pid" 2>/dev/null; check "server still running" $?
! grep -qE "AddressSanitizer|runtime error" "$work/server.log"; check "no sanitizer reports" $?
finish
