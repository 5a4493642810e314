-- Unique visitors and page views per hour of the 11.11 sale day.
SELECT HOUR(event_time) AS hour_of_day, COUNT(DISTINCT user_id) AS uv, COUNT(*) AS pv
FROM events
WHERE dt = '2026-11-11'
GROUP BY HOUR(event_time)
ORDER BY hour_of_day;
