COPY (SELECT * FROM events) TO '@RESULTS@/duckdb-events.parquet' (FORMAT parquet)
