INSERT OVERWRITE events_parquet SELECT * FROM events
