-- Events and users per funnel step and channel over the month.
SELECT channel, event_type, COUNT(*) AS events, COUNT(DISTINCT user_id) AS users
FROM events
GROUP BY channel, event_type
ORDER BY channel, event_type;
