#!/usr/bin/env bash
# `make demo`: generates the flash-sale sample, loads it into the lake table shop.events, and
# starts the server (MySQL protocol on 9030, HTTP stream load on 8030) with instructions to
# connect. FLASHLAKE_DEMO_SHELL=1 opens the embedded SQL shell instead of the server.
set -euo pipefail
cd "$(dirname "$0")/.."

warehouse="${FLASHLAKE_HOME:-./warehouse}"
sample_rows="${FLASHLAKE_DEMO_ROWS:-100000}"
mysql_port="${FLASHLAKE_MYSQL_PORT:-9030}"
http_port="${FLASHLAKE_HTTP_PORT:-8030}"
mkdir -p "$warehouse/sample"
if [[ -x build/release/flashlake-gen && ! -f "$warehouse/sample/events.csv" ]]; then
    echo "Generating a flash-sale sample of $sample_rows events into $warehouse/sample/events.csv"
    build/release/flashlake-gen events --rows "$sample_rows" --seed 42 --out "$warehouse/sample" >/dev/null
fi
sample="$(cd "$warehouse/sample" && pwd)/events.csv"

# The lake table, loaded once (the marker records that the INSERT committed).
if [[ ! -f "$warehouse/sample/.loaded" ]]; then
    echo "Loading the sample into shop.events"
    build/release/flashlake sql --warehouse "$warehouse" <<SQL
CREATE DATABASE IF NOT EXISTS shop;
USE shop;
CREATE TABLE IF NOT EXISTS events (event_time DATETIME, dt DATE, user_id BIGINT, item_id BIGINT, shop_id BIGINT,
    channel VARCHAR(32), event_type VARCHAR(16), city VARCHAR(32), device VARCHAR(16), amount DECIMAL(12,2))
    DUPLICATE KEY(event_time) PARTITION BY (dt);
INSERT INTO events SELECT event_time, dt, user_id, item_id, shop_id, channel, event_type, city, device, amount
  FROM FILES("path" = "$sample", "format" = "csv", "csv.skip_header" = "1");
SQL
    touch "$warehouse/sample/.loaded"
fi

if [[ "${FLASHLAKE_DEMO_SHELL:-0}" == 1 ]]; then
    echo "Flashlake SQL shell on $warehouse (try: USE shop; SELECT channel, count(DISTINCT user_id) FROM events GROUP BY channel;)"
    exec build/release/flashlake sql --warehouse "$warehouse" --timing
fi

cat <<MSG

Flashlake server on the warehouse $warehouse: the table shop.events holds the flash-sale sample ($sample).
Connect with any MySQL client (user root, no password in this demo):

  mariadb -h127.0.0.1 -P$mysql_port -uroot shop
    SELECT channel, count(DISTINCT user_id) AS uv, sum(amount) AS gmv FROM events
     WHERE event_type = 'pay' GROUP BY ROLLUP(channel) ORDER BY gmv DESC;
    SELECT snapshot_id, commit_kind, total_record_count FROM events\$snapshots;
    SHOW PARTITIONS FROM events;  SHOW LOAD FROM shop;

Stream more events over HTTP (exactly once per label; run it twice to see the retry refused):

  curl --location-trusted -u root: -H "label:demo-1" -H "column_separator:," -H "skip_header:1" \\
       -T $sample http://127.0.0.1:$http_port/api/shop/events/_stream_load

Stop the server with Ctrl-C.
MSG
exec build/release/flashlake server --warehouse "$warehouse" --mysql-port "$mysql_port" --http-port "$http_port" \
    --root-password ''
