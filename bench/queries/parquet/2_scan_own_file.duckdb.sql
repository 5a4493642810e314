SELECT count(*) AS n, min(event_time) AS t0, max(event_time) AS t1, min(dt) AS d0, max(dt) AS d1,
       sum(user_id) AS users, sum(item_id) AS items, sum(shop_id) AS shops, min(channel) AS c0, max(channel) AS c1,
       min(event_type) AS e0, max(event_type) AS e1, min(city) AS city0, max(city) AS city1, min(device) AS dev0,
       max(device) AS dev1, sum(amount) AS amount
FROM read_parquet('@RESULTS@/duckdb-events.parquet')
