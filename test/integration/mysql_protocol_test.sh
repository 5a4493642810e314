#!/usr/bin/env bash
# `flashlake serve` as MySQL clients see it: the mariadb CLI and mariadb-admin against a real
# server on a free port. Checks login (right/wrong/no password, auth switch), result text, DDL,
# COM_INIT_DB, server-side multi-statements, errors, max_connections, garbage bytes and shutdown.
set -uo pipefail
flashlake="$1"
for tool in mariadb mariadb-admin; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool not installed (scripts/install-deps.sh)"; exit 1; }
done
work=$(mktemp -d)
source "$(dirname "$0")/server_lib.sh"

start_server "$work/server.log" --root-password 's3cret'
main_pid=$server_pid
client=(mariadb --no-defaults --connect-timeout=10 -h 127.0.0.1 -P "$port" -u root)
sql() { "${client[@]}" -ps3cret -N -B "$@"; }

# Results as text, exactly.
out=$(sql -e "SELECT 1+1, 'abc', NULL, CAST('2024-01-01' AS DATE)" 2>&1)
check "exit code of a good query (got: $out)" $?
[[ "$out" == $'2\tabc\tNULL\t2024-01-01' ]]; check "select text (got: $out)" $?

# NULL travels as NULL (0xfb), not as the text 'NULL'.
out=$("${client[@]}" -ps3cret --xml -e "SELECT NULL AS a, 'NULL' AS b" 2>&1)
[[ "$out" == *'<field name="a" xsi:nil="true" />'* && "$out" == *'<field name="b">NULL</field>'* ]]
check "NULL versus 'NULL' (got: $out)" $?

# Column definitions as the client decodes them: type, collation, decimals.
out=$("${client[@]}" -ps3cret -t --column-type-info \
    -e "SELECT CAST(1 AS BIGINT) AS i, 'abc' AS s, CAST(1.5 AS DECIMAL(10,2)) AS d, CAST('2024-01-01' AS DATE) AS dt" 2>&1)
types=$(grep -E '^(Type|Collation|Decimals):' <<<"$out" | tr -s ' ' | tr '\n' ';')
[[ "$types" == "Type: LONGLONG;Collation: binary (63);Decimals: 0;Type: VAR_STRING;Collation: utf8mb4_general_ci (45);Decimals: 0;Type: NEWDECIMAL;Collation: binary (63);Decimals: 2;Type: DATE;Collation: binary (63);Decimals: 0;" ]]
check "column types (got: $types)" $?

out=$("${client[@]}" -ps3cret -B -e "SELECT 1 AS one, 'x' AS letter" 2>&1)
[[ "$out" == $'one\tletter\n1\tx' ]]; check "column names (got: $out)" $?

out=$(sql -e "SELECT @@version_comment LIMIT 1; SELECT @@max_allowed_packet" 2>&1)
[[ "$out" == $'Flashlake\n67108864' ]]; check "connect probes (got: $out)" $?

# Authentication.
err=$("${client[@]}" -pwrong -N -B -e "SELECT 1" 2>&1)
code=$?
[[ $code -ne 0 ]]; check "wrong password fails" $?
[[ "$err" == *"ERROR 1045 (28000): Access denied for user 'root'@'127.0.0.1' (using password: YES)"* ]]
check "wrong password error (got: $err)" $?

err=$("${client[@]}" -N -B -e "SELECT 1" 2>&1)
[[ "$err" == *"ERROR 1045 (28000): Access denied for user 'root'@'127.0.0.1' (using password: NO)"* ]]
check "missing password error (got: $err)" $?

err=$(mariadb --no-defaults -h 127.0.0.1 -P "$port" -u alice -ps3cret -N -B -e "SELECT 1" 2>&1)
[[ "$err" == *"ERROR 1045 (28000): Access denied for user 'alice'"* ]]; check "unknown user (got: $err)" $?

# A client starting with caching_sha2_password is switched to mysql_native_password.
out=$(sql --default-auth=caching_sha2_password -e "SELECT 'switched'" 2>&1)
[[ "$out" == "switched" ]]; check "auth switch from caching_sha2_password (got: $out)" $?

# DDL, USE (COM_INIT_DB) and connecting with a database.
out=$(sql -e "CREATE DATABASE shop; USE shop; CREATE TABLE orders (id INT, note VARCHAR(20)); SHOW TABLES" 2>&1)
[[ "$out" == "orders" ]]; check "create and show tables (got: $out)" $?
out=$(sql -D shop -e "SHOW TABLES" 2>&1)
[[ "$out" == "orders" ]]; check "connect with a database (got: $out)" $?
err=$(sql -D nowhere -e "SELECT 1" 2>&1)
[[ "$err" == *"ERROR 1049 (42000)"* ]]; check "connect with an unknown database (got: $err)" $?

# Server-side multi-statements: with '//' as the client's delimiter it sends one COM_QUERY.
out=$(printf "SELECT 1; SELECT 'two'; SELECT 3//\n" | sql --delimiter=// 2>&1)
[[ "$out" == $'1\ntwo\n3' ]]; check "multi-statement results (got: $out)" $?
# (On an error the client echoes the statement between dashed lines.)
out=$(printf "SELECT 1; SELECT nope; SELECT 3//\n" | sql --delimiter=// 2>&1)
[[ "$(head -1 <<<"$out")" == 1 ]] && grep -q '^ERROR 1054 (42S22)' <<<"$out" && ! grep -qx 3 <<<"$out"
check "multi-statement stops at an error (got: $out)" $?

# Errors carry the MySQL errno and SQLSTATE; the connection stays usable.
err=$(sql -e "SELEC 1" 2>&1)
code=$?
[[ $code -ne 0 ]] && grep -q '^ERROR 1064 (42000) at line 1: syntax error' <<<"$err"; check "syntax error (got: $err)" $?
out=$(printf "SELECT * FROM missing_table;\nSELECT 'after';\n" | sql -D shop --force 2>&1)
[[ "$out" == *"ERROR 1146 (42S02)"* && "$out" == *after ]]; check "error then next statement (got: $out)" $?

# mariadb-admin: COM_PING and COM_STATISTICS.
admin=(mariadb-admin --no-defaults -h 127.0.0.1 -P "$port" -u root -ps3cret)
out=$("${admin[@]}" ping 2>&1)
[[ "$out" == "mysqld is alive" ]]; check "mariadb-admin ping (got: $out)" $?
out=$("${admin[@]}" status 2>&1)
[[ "$out" == Uptime:* ]]; check "mariadb-admin status (got: $out)" $?

# Garbage instead of a handshake response, an oversized header and a silent disconnect: each
# connection is dropped with an error log, and the server keeps serving.
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'garbage\r\n' >&3
timeout 5 cat <&3 >/dev/null
exec 3>&-
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf '\xff\xff\xff\x01' >&3
exec 3>&-
exec 3<>"/dev/tcp/127.0.0.1/$port"
exec 3>&-
out=$(sql -e "SELECT 'still serving'" 2>&1)
[[ "$out" == "still serving" ]]; check "serves after garbage (got: $out)" $?
grep -q "dropped: .*packet out of order" "$work/server.log"; check "garbage is logged as an error" $?

# max_connections: the extra client gets ERR 1040.
start_server "$work/small.log" --max-connections 1 --root-password ''  # '': no password (else the stored one stays)
small_pid=$server_pid
exec 4<>"/dev/tcp/127.0.0.1/$port"  # holds the only slot (waits in the handshake)
sleep 0.5
err=$(mariadb --no-defaults -h 127.0.0.1 -P "$port" -u root -N -B -e "SELECT 1" 2>&1)
[[ "$err" == *"ERROR 1040 (08004)"*"Too many connections"* ]]; check "too many connections (got: $err)" $?
exec 4>&-
out=""
for _ in $(seq 1 50); do
    out=$(mariadb --no-defaults -h 127.0.0.1 -P "$port" -u root -N -B -e "SELECT 'free'" 2>&1) && break
    sleep 0.1
done
[[ "$out" == "free" ]]; check "slot is free again, empty root password (got: $out)" $?

# Graceful shutdown on SIGTERM.
kill -TERM "$small_pid"
stopped=1
for _ in $(seq 1 100); do
    if ! kill -0 "$small_pid" 2>/dev/null; then stopped=0; break; fi
    sleep 0.1
done
check "server exits on SIGTERM" $stopped
wait "$small_pid"
check "exit code 0 after SIGTERM" $?
grep -q "server stopped" "$work/small.log"; check "shutdown is logged" $?

kill -0 "$main_pid" 2>/dev/null; check "first server still running" $?

expected=28
echo "mysql_protocol_test: $passes passed, $failures failed"
if [[ $failures -ne 0 || $passes -ne $expected ]]; then
    echo "--- server log"
    cat "$work/server.log"
    exit 1
fi
