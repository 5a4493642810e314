-- Point lookup: the day-by-day numbers of one item, 100406450, the most popular (the sale's
-- headline deal) for every seed.
SELECT dt, COUNT(*) AS events,
       COUNT(DISTINCT user_id) AS users,
       SUM(CASE WHEN event_type = 'pay' THEN 1 ELSE 0 END) AS paid_orders,
       SUM(CASE WHEN event_type = 'pay' THEN amount ELSE 0 END) AS gmv
FROM events
WHERE item_id = 100406450
GROUP BY dt
ORDER BY dt;
