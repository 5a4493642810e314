#!/usr/bin/env bash
# `make demo`: generates the flash-sale sample into the warehouse and opens the SQL shell.
set -euo pipefail
cd "$(dirname "$0")/.."

warehouse="${FLASHLAKE_HOME:-./warehouse}"
sample_rows="${FLASHLAKE_DEMO_ROWS:-100000}"
mkdir -p "$warehouse/sample"
if [[ -x build/release/flashlake-gen && ! -f "$warehouse/sample/events.csv" ]]; then
    echo "Generating a flash-sale sample of $sample_rows events into $warehouse/sample/events.csv"
    build/release/flashlake-gen events --rows "$sample_rows" --seed 42 --out "$warehouse/sample" >/dev/null
fi

sample="$(cd "$warehouse/sample" && pwd)/events.csv"
cat <<MSG

Flashlake SQL shell on the warehouse $warehouse, with a flash-sale sample of $sample_rows events.
Try:

  SELECT event_time, user_id, channel, amount
    FROM FILES("path" = "$sample", "format" = "csv", "csv.skip_header" = "1")
   WHERE event_type = 'pay' AND amount > 900 LIMIT 5;

  CREATE DATABASE IF NOT EXISTS shop; USE shop;
  CREATE TABLE IF NOT EXISTS events (event_time DATETIME, dt DATE, user_id BIGINT, channel VARCHAR(32),
      event_type VARCHAR(16), amount DECIMAL(12,2)) DUPLICATE KEY(event_time) PARTITION BY (dt);
  INSERT INTO events SELECT event_time, dt, user_id, channel, event_type, amount
    FROM FILES("path" = "$sample", "format" = "csv", "csv.skip_header" = "1");
  SELECT channel, count(DISTINCT user_id) AS uv, sum(amount) AS gmv FROM events
   WHERE event_type = 'pay' GROUP BY ROLLUP(channel) ORDER BY gmv DESC;
  SELECT snapshot_id, commit_kind, total_record_count FROM events\$snapshots;
  SHOW TABLES; DESCRIBE events; SHOW PARTITIONS FROM events;

  SELECT 1+1, concat('a','b'), CAST('2024-01-01' AS DATE) + INTERVAL 1 DAY;
  EXPLAIN VERBOSE SELECT x + 1 FROM (VALUES (1), (2)) AS t(x) WHERE x > 1 LIMIT 1;

MSG
exec build/release/flashlake sql --warehouse "$warehouse" --timing
