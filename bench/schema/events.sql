-- Flash-sale clickstream: one row per user action (flashlake-gen events).
CREATE TABLE events (
    event_time DATETIME NOT NULL,
    dt DATE NOT NULL,
    user_id BIGINT NOT NULL,
    item_id BIGINT NOT NULL,
    shop_id INT NOT NULL,
    channel VARCHAR(32) NOT NULL,
    event_type VARCHAR(16) NOT NULL,
    city VARCHAR(32) NOT NULL,
    device VARCHAR(16) NOT NULL,
    amount DECIMAL(12, 2) NOT NULL
);
