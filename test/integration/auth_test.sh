#!/usr/bin/env bash
# Users, roles and privileges as clients see them: the mariadb CLI and curl against a real
# `flashlake serve`. Checks the generated root password, logins (1045), SELECT-only users (1142,
# 1044), GRANT/REVOKE taking effect on the next statement, roles, persistence across a restart,
# stream load refused without INSERT (403), caching_sha2_password logins (fast path, RSA key
# exchange, TLS), TLS and require_secure_transport.
set -uo pipefail
flashlake="$1"
for tool in mariadb curl; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool not installed (scripts/install-deps.sh)"; exit 1; }
done
work=$(mktemp -d)
source "$(dirname "$0")/server_lib.sh"
stop_server() {
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null
}
as() {  # as USER PASSWORD ARGS...: mariadb as USER
    local user="$1" password="$2"
    shift 2
    mariadb --no-defaults --connect-timeout=10 -h 127.0.0.1 -P "$port" -u "$user" "-p$password" -N -B "$@"
}

# ---- first start without a password: one is generated, printed once, and stored hashed ----
start_server "$work/first.log"
root_pw=$(sed -n 's/.*generated password for user root: \([0-9a-f]*\)$/\1/p' "$work/first.log")
[[ ${#root_pw} -ge 16 ]]; check "generated root password printed (log: $(cat "$work/first.log"))" $?
out=$(as root "$root_pw" -e "SELECT 1" 2>&1)
[[ "$out" == 1 ]]; check "root logs in with the generated password (got: $out)" $?
! grep -q "$root_pw" "$work/w/_flashlake/users.json"; check "users.json does not hold the password" $?
stop_server
start_server "$work/second.log"
! grep -q "generated password" "$work/second.log"; check "second start prints no password" $?
out=$(as root "$root_pw" -e "SELECT 1" 2>&1)
[[ "$out" == 1 ]]; check "generated password still valid after restart (got: $out)" $?

# ---- a user with SELECT on db.t only ----
out=$(as root "$root_pw" -e "
CREATE DATABASE db; CREATE DATABASE other;
CREATE TABLE db.t (k INT NOT NULL, v VARCHAR(10)) DUPLICATE KEY(k);
CREATE TABLE db.t2 (k INT NOT NULL) DUPLICATE KEY(k);
CREATE TABLE other.o (k INT NOT NULL) DUPLICATE KEY(k);
INSERT INTO db.t VALUES (1, 'a'), (2, 'b'); INSERT INTO other.o VALUES (7);
CREATE USER 'ann'@'%' IDENTIFIED BY 'ann-pw';
GRANT SELECT ON db.t TO 'ann'@'%'" 2>&1)
check "root sets up tables and user ann (got: $out)" $?

err=$(as ann wrong -e "SELECT 1" 2>&1)
[[ "$err" == *"ERROR 1045 (28000): Access denied for user 'ann'@'127.0.0.1' (using password: YES)"* ]]
check "wrong password is 1045 (got: $err)" $?
err=$(as nobody x -e "SELECT 1" 2>&1)
[[ "$err" == *"ERROR 1045 (28000)"* ]]; check "unknown user is 1045 (got: $err)" $?

out=$(as ann ann-pw -e "SELECT k, v FROM db.t ORDER BY k" 2>&1)
[[ "$out" == $'1\ta\n2\tb' ]]; check "granted SELECT works (got: $out)" $?
err=$(as ann ann-pw -e "INSERT INTO db.t VALUES (3, 'c')" 2>&1)
[[ "$err" == *"ERROR 1142 (42000)"*"INSERT command denied to user 'ann'@'127.0.0.1' for table 't'"* ]]
check "INSERT without the privilege is 1142 (got: $err)" $?
err=$(as ann ann-pw -e "SELECT * FROM db.t2" 2>&1)
[[ "$err" == *"ERROR 1142 (42000)"*"SELECT command denied to user 'ann'@'127.0.0.1' for table 't2'"* ]]
check "other table of the same database is 1142 (got: $err)" $?
err=$(as ann ann-pw -e "SELECT * FROM other.o" 2>&1)
[[ "$err" == *"ERROR 1044 (42000)"*"Access denied for user 'ann'@'127.0.0.1' to database 'other'"* ]]
check "other database is 1044 (got: $err)" $?
err=$(as ann ann-pw -e "SELECT * FROM db.t WHERE k IN (SELECT k FROM other.o)" 2>&1)
[[ "$err" == *"ERROR 1044"* ]]; check "a subquery's table is checked too (got: $err)" $?
err=$(as ann ann-pw -e "USE other" 2>&1)
[[ "$err" == *"ERROR 1044"* ]]; check "USE of a database without privileges is 1044 (got: $err)" $?
err=$(as ann ann-pw -e "CREATE USER eve IDENTIFIED BY 'x'" 2>&1)
[[ "$err" == *"ERROR 1044"*"CREATE USER needs ALL PRIVILEGES ON *.*"* ]]
check "CREATE USER needs an admin (got: $err)" $?
err=$(as ann ann-pw -e "GRANT INSERT ON db.t TO ann" 2>&1)
[[ "$err" == *"ERROR 1044"*"GRANT needs ALL PRIVILEGES"* ]]; check "GRANT needs an admin (got: $err)" $?
err=$(as ann ann-pw -e "DROP TABLE db.t" 2>&1)
[[ "$err" == *"ERROR 1142 (42000)"*"DROP command denied to user 'ann'@'127.0.0.1' for table 't'"* ]]
check "DROP TABLE without DROP is 1142 (got: $err)" $?
err=$(as ann ann-pw -e "SELECT * FROM FILES('path' = '/etc/passwd', 'format' = 'csv')" 2>&1)
[[ "$err" == *"ERROR 1044"*"FILES()"* ]]; check "FILES() needs an admin (got: $err)" $?
out=$(as ann ann-pw -e "SHOW GRANTS" 2>&1)
[[ "$out" == "GRANT SELECT ON \`db\`.\`t\` TO 'ann'@'%'" ]]; check "SHOW GRANTS (got: $out)" $?
row_count=$(as root "$root_pw" -e "SELECT count(*) FROM db.t" 2>&1)
[[ "$row_count" == 2 ]]; check "the denied INSERT wrote nothing (got: $row_count)" $?
# Listings show only what ann holds privileges on: db (not other), t (not t2).
out=$(as ann ann-pw -e "SHOW DATABASES" 2>&1)
[[ "$out" == $'db\ninformation_schema' ]]; check "SHOW DATABASES lists only granted databases (got: $out)" $?
out=$(as ann ann-pw -e "SHOW TABLES FROM db" 2>&1)
[[ "$out" == "t" ]]; check "SHOW TABLES lists only granted tables (got: $out)" $?
out=$(as ann ann-pw -e "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.tables ORDER BY 1, 2; SELECT count(*) FROM information_schema.columns WHERE TABLE_SCHEMA = 'other'" 2>&1)
[[ "$out" == $'db\tt\n0' ]]; check "information_schema lists only granted tables (got: $out)" $?
out=$(as root "$root_pw" -e "SELECT count(*) FROM information_schema.tables WHERE TABLE_SCHEMA IN ('db', 'other')" 2>&1)
[[ "$out" == 3 ]]; check "root sees every table in information_schema (got: $out)" $?

# ---- GRANT and REVOKE take effect for the next statement, in the same connection ----
fifo="$work/ann.fifo"
mkfifo "$fifo"
as ann ann-pw --force -n <"$fifo" >"$work/ann.out" 2>&1 &
ann_pid=$!
exec 3>"$fifo"
say() { echo "$1" >&3; sleep 0.5; }
say "INSERT INTO db.t VALUES (10, 'x');"
as root "$root_pw" -e "GRANT INSERT ON db.* TO ann" 2>&1
say "INSERT INTO db.t VALUES (11, 'y');"
exec 3>&-
wait "$ann_pid"
session_out=$(cat "$work/ann.out")
[[ "$session_out" == *"ERROR 1142"* ]]; check "before the GRANT: denied (got: $session_out)" $?
out=$(as root "$root_pw" -e "SELECT count(*) FROM db.t WHERE k = 11" 2>&1)
[[ "$out" == 1 ]]; check "after the GRANT, same connection: the INSERT went in (got: $out / $session_out)" $?

as root "$root_pw" -e "REVOKE SELECT ON db.t FROM ann" 2>&1
err=$(as ann ann-pw -e "SELECT * FROM db.t" 2>&1)
[[ "$err" == *"ERROR 1142 (42000)"*"SELECT command denied"* ]]; check "REVOKE takes effect (got: $err)" $?

# ---- roles ----
out=$(as root "$root_pw" -e "CREATE ROLE reader; GRANT SELECT ON other.* TO ROLE reader; GRANT SELECT ON db.* TO ROLE reader; GRANT reader TO ann" 2>&1)
check "roles set up (got: $out)" $?
out=$(as ann ann-pw -e "SELECT k FROM other.o" 2>&1)
[[ "$out" == 7 ]]; check "privilege through a role (got: $out)" $?
out=$(as root "$root_pw" -e "SHOW GRANTS FOR ann" 2>&1)
[[ "$out" == *"GRANT INSERT ON \`db\`.* TO 'ann'@'%'"* && "$out" == *"GRANT 'reader' TO 'ann'@'%'"* ]]
check "SHOW GRANTS FOR (got: $out)" $?

# ---- everything survives a restart; an explicit --root-password replaces root's ----
stop_server
start_server "$work/third.log" --root-password 'new-root'
out=$(as root new-root -e "SELECT 1" 2>&1)
[[ "$out" == 1 ]]; check "--root-password replaces the stored one (got: $out)" $?
err=$(as root "$root_pw" -e "SELECT 1" 2>&1)
[[ "$err" == *"ERROR 1045"* ]]; check "the old root password no longer works (got: $err)" $?
out=$(as ann ann-pw -e "SELECT k FROM other.o; SELECT count(*) FROM db.t" 2>&1)
[[ "$out" == $'7\n3' ]]; check "user, role and grants persisted (got: $out)" $?
err=$(as ann ann-pw -e "DELETE FROM db.t WHERE k = 1" 2>&1)
[[ "$err" == *"ERROR 1142 (42000)"*"DELETE command denied"* ]]; check "DELETE still denied (got: $err)" $?

# ---- caching_sha2_password: after a restart the server does not know the fast-path hash and asks
# for full authentication. Without TLS the client fetches the server's RSA public key and sends
# its password encrypted. mariadb without --skip-ssl takes a plain connection for a secure one and
# sends its password in the clear, which is refused as MySQL does. Then the fast path answers ----
err=$(as ann wrong --skip-ssl --default-auth=caching_sha2_password -e "SELECT 2" 2>&1)
[[ "$err" == *"ERROR 1045"* ]]; check "caching_sha2 RSA full auth, wrong password (got: $err)" $?
err=$(as ann ann-pw --default-auth=caching_sha2_password -e "SELECT 2" 2>&1)
[[ "$err" == *"ERROR 1045"* ]] && grep -q "not encrypted with the server's RSA key" "$work/third.log"
check "a clear password without TLS is refused and logged (got: $err)" $?
out=$(as ann ann-pw --skip-ssl --default-auth=caching_sha2_password -e "SELECT 2" 2>&1)
[[ "$out" == 2 ]]; check "caching_sha2 full auth with the RSA key exchange (got: $out)" $?
out=$(as ann ann-pw --default-auth=caching_sha2_password -e "SELECT 2" 2>&1)
[[ "$out" == 2 ]]; check "then the fast path answers (got: $out)" $?
as root new-root -e "ALTER USER ann IDENTIFIED BY 'ann-pw2'" 2>&1
out=$(as ann ann-pw2 --default-auth=caching_sha2_password -e "SELECT 3" 2>&1)
[[ "$out" == 3 ]]; check "caching_sha2 fast path (got: $out)" $?
err=$(as ann ann-pw --default-auth=caching_sha2_password -e "SELECT 3" 2>&1)
[[ "$err" == *"ERROR 1045"* ]]; check "caching_sha2 fast path with the old password fails (got: $err)" $?
out=$(as ann ann-pw2 -e "ALTER USER 'ann'@'%' IDENTIFIED BY 'ann-pw'; SELECT 1" 2>&1)
[[ "$out" == 1 ]]; check "a user may change its own password (got: $out)" $?

# ---- stream load: the password, then INSERT on the table ----
base="http://127.0.0.1:$http_port"
printf '20\n21\n' >"$work/rows.csv"
code=$(curl -sS -o "$work/resp" -w '%{http_code}' -u ann:ann-pw -H "label:ann1" -T "$work/rows.csv" "$base/api/other/o/_stream_load")
[[ "$code" == 403 ]]; check "stream load without INSERT is 403 (got: $code $(cat "$work/resp"))" $?
grep -q "INSERT command denied to user 'ann'" "$work/resp"; check "403 says what was denied ($(cat "$work/resp"))" $?
code=$(curl -sS -o "$work/resp" -w '%{http_code}' -u ann:wrong -T "$work/rows.csv" "$base/api/db/t2/_stream_load")
[[ "$code" == 401 ]]; check "stream load with a wrong password is 401 (got: $code)" $?
printf '20,z\n21,z\n' >"$work/rows.csv"
code=$(curl -sS -o "$work/resp" -w '%{http_code}' -u ann:ann-pw -H "label:ann2" -H "column_separator:," -T "$work/rows.csv" "$base/api/db/t/_stream_load")
[[ "$code" == 200 ]] && grep -q '"Status" : "Success"' "$work/resp"
check "stream load with INSERT succeeds (got: $code $(cat "$work/resp"))" $?
out=$(as root new-root -e "SELECT count(*) FROM db.t WHERE k >= 20; SELECT count(*) FROM other.o" 2>&1)
[[ "$out" == $'2\n1' ]]; check "only the allowed load wrote rows (got: $out)" $?

# ---- DROP USER ends logins ----
as root new-root -e "DROP USER ann" 2>&1
err=$(as ann ann-pw -e "SELECT 1" 2>&1)
[[ "$err" == *"ERROR 1045"* ]]; check "dropped user cannot log in (got: $err)" $?

# ---- TLS: a self-signed certificate; the client switches to TLS after the SSLRequest ----
if command -v openssl >/dev/null; then
    openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 1 \
        -keyout "$work/key.pem" -out "$work/cert.pem" >/dev/null 2>&1
    check "openssl made a certificate" $?
    stop_server
    start_server "$work/tls.log" --ssl-cert "$work/cert.pem" --ssl-key "$work/key.pem"
    as root new-root -e "CREATE USER tina IDENTIFIED BY 'tina-pw'; GRANT SELECT ON db.* TO tina" 2>&1
    out=$(as root new-root --ssl --ssl-verify-server-cert=0 -e "status" 2>&1)
    [[ "$out" == *"Cipher in use is TLS"* ]]; check "mariadb --ssl uses TLS (got: $out)" $?
    out=$(as root new-root --skip-ssl -e "status" 2>&1)
    [[ "$out" == *"SSL:"*"Not in use"* ]]; check "--skip-ssl stays plain (got: $out)" $?
    out=$(as root new-root --ssl --ssl-verify-server-cert=0 -e "SELECT count(*) FROM db.t" 2>&1)
    [[ "$out" == 5 ]]; check "queries over TLS (got: $out)" $?
    # After a restart the fast-path hash is unknown: over TLS caching_sha2 does full
    # authentication with the clear password, and learns it; then the fast path works without TLS.
    stop_server
    start_server "$work/tls2.log" --ssl-cert "$work/cert.pem" --ssl-key "$work/key.pem"
    err=$(as tina wrong --ssl --ssl-verify-server-cert=0 --default-auth=caching_sha2_password -e "SELECT 1" 2>&1)
    [[ "$err" == *"ERROR 1045"* ]]; check "caching_sha2 full auth, wrong password (got: $err)" $?
    out=$(as tina tina-pw --ssl --ssl-verify-server-cert=0 --default-auth=caching_sha2_password -e "SELECT count(*) FROM db.t" 2>&1)
    [[ "$out" == 5 ]]; check "caching_sha2 full auth over TLS (got: $out)" $?
    out=$(as tina tina-pw --skip-ssl --default-auth=caching_sha2_password -e "SELECT 4" 2>&1)
    [[ "$out" == 4 ]]; check "caching_sha2 fast path after full auth (got: $out)" $?
    err=$(as tina tina-pw --ssl --ssl-verify-server-cert=0 -e "INSERT INTO db.t VALUES (99, 'x')" 2>&1)
    [[ "$err" == *"ERROR 1142"* ]]; check "privileges apply over TLS (got: $err)" $?
    bad=$("$flashlake" serve --warehouse "$work/w2" --mysql-port 0 --http-port 0 --root-password '' \
        --ssl-cert "$work/nope.pem" --ssl-key "$work/key.pem" 2>&1)
    [[ "$bad" == *"ssl-cert"*"nope.pem"* ]]; check "a missing certificate is a clear start error (got: $bad)" $?
    # ---- require_secure_transport: clients without TLS get error 3159 ----
    stop_server
    start_server "$work/tls3.log" --ssl-cert "$work/cert.pem" --ssl-key "$work/key.pem" --require-secure-transport 1
    err=$(as root new-root --skip-ssl -e "SELECT 1" 2>&1)
    [[ "$err" == *"ERROR 3159"*"insecure transport"* ]]; check "require_secure_transport refuses plain clients (got: $err)" $?
    out=$(as root new-root --ssl --ssl-verify-server-cert=0 -e "SELECT 5" 2>&1)
    [[ "$out" == 5 ]]; check "require_secure_transport lets TLS clients in (got: $out)" $?
    bad=$("$flashlake" serve --warehouse "$work/w2" --mysql-port 0 --http-port 0 --root-password '' \
        --require-secure-transport 1 2>&1)
    [[ "$bad" == *"require-secure-transport needs TLS"* ]]; check "require_secure_transport without a certificate is a start error (got: $bad)" $?
else
    echo "FAIL: openssl not installed (scripts/install-deps.sh)"
    failures=$((failures + 1))
fi

stop_server
echo "auth: $passes passed, $failures failed"
[[ $failures == 0 ]]
