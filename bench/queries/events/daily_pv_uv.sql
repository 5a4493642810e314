-- Page views and unique visitors per day.
SELECT dt, COUNT(*) AS pv, COUNT(DISTINCT user_id) AS uv
FROM events
GROUP BY dt
ORDER BY dt;
