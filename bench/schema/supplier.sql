-- SSB supplier: 2,000 * SF rows.
CREATE TABLE supplier (
    s_suppkey INT NOT NULL,
    s_name VARCHAR(25) NOT NULL,
    s_address VARCHAR(40) NOT NULL,
    s_city VARCHAR(10) NOT NULL,
    s_nation VARCHAR(15) NOT NULL,
    s_region VARCHAR(12) NOT NULL,
    s_phone VARCHAR(15) NOT NULL
);
