-- Paid orders, paying users and gross merchandise value per day.
SELECT dt, COUNT(*) AS paid_orders, COUNT(DISTINCT user_id) AS paying_users, SUM(amount) AS gmv
FROM events
WHERE event_type = 'pay'
GROUP BY dt
ORDER BY dt;
