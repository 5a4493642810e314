-- Users reaching each funnel step, per day.
SELECT dt,
       COUNT(DISTINCT CASE WHEN event_type = 'impression' THEN user_id END) AS impression_users,
       COUNT(DISTINCT CASE WHEN event_type = 'click' THEN user_id END) AS click_users,
       COUNT(DISTINCT CASE WHEN event_type = 'add_cart' THEN user_id END) AS add_cart_users,
       COUNT(DISTINCT CASE WHEN event_type = 'order' THEN user_id END) AS order_users,
       COUNT(DISTINCT CASE WHEN event_type = 'pay' THEN user_id END) AS pay_users
FROM events
GROUP BY dt
ORDER BY dt;
