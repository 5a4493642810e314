-- Point lookup: one user's actions. 10005632370 is the 1000th most active user for every seed
-- (ranks map to ids independently of the seed), with a few dozen rows per million events.
SELECT event_time, event_type, item_id, shop_id, channel, device, amount
FROM events
WHERE user_id = 10005632370
ORDER BY event_time, event_type, item_id, shop_id, channel, device, amount;
