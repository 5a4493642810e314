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

cat <<MSG

Flashlake SQL shell on the warehouse $warehouse.
The sample events are in $warehouse/sample/events.csv; querying files and tables arrives with the
lake storage layer. Try, for now:

  SELECT 1+1, concat('a','b'), CAST('2024-01-01' AS DATE) + INTERVAL 1 DAY;
  SELECT channel, CAST(amount AS DECIMAL(12,2)) * 2 AS doubled
    FROM (VALUES ('app', '19.99'), ('web', '5.00')) AS t(channel, amount) WHERE amount > 6;
  EXPLAIN VERBOSE SELECT x + 1 FROM (VALUES (1), (2)) AS t(x) LIMIT 1;
  SHOW VARIABLES LIKE '%version%';

MSG
exec build/release/flashlake sql --warehouse "$warehouse" --timing
