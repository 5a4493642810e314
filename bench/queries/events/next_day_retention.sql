-- Users active on a day and, of those, users active again the next day.
WITH daily AS (
    SELECT DISTINCT dt, user_id FROM events
)
SELECT a.dt, COUNT(*) AS active_users, COUNT(b.user_id) AS retained_users
FROM daily a
LEFT JOIN daily b ON b.user_id = a.user_id AND b.dt = CAST(a.dt + INTERVAL 1 DAY AS DATE)
WHERE a.dt < '2026-11-30'
GROUP BY a.dt
ORDER BY a.dt;
