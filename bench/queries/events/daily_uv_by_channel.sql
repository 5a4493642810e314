-- Unique visitors per channel per day.
SELECT dt, channel, COUNT(DISTINCT user_id) AS uv
FROM events
GROUP BY dt, channel
ORDER BY dt, channel;
