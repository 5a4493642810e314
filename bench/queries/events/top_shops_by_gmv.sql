-- The 20 shops with the highest GMV during the 11.11 sale day; shop_id breaks ties.
SELECT shop_id, SUM(amount) AS gmv, COUNT(*) AS paid_orders, COUNT(DISTINCT user_id) AS buyers
FROM events
WHERE event_type = 'pay' AND dt = '2026-11-11'
GROUP BY shop_id
ORDER BY gmv DESC, shop_id
LIMIT 20;
