-- Week-over-week churn: users active in a week who are not active in the next one. Weeks are
-- the four full weeks from 2026-11-01; the last two days of the month are left out.
WITH weekly AS (
    SELECT DISTINCT user_id,
           CASE WHEN dt < '2026-11-08' THEN 1
                WHEN dt < '2026-11-15' THEN 2
                WHEN dt < '2026-11-22' THEN 3
                ELSE 4 END AS week
    FROM events
    WHERE dt < '2026-11-29'
)
SELECT a.week, COUNT(*) AS active_users, COUNT(*) - COUNT(b.user_id) AS churned_users
FROM weekly a
LEFT JOIN weekly b ON b.user_id = a.user_id AND b.week = a.week + 1
WHERE a.week < 4
GROUP BY a.week
ORDER BY a.week;
