-- SSB customer: 30,000 * SF rows.
CREATE TABLE customer (
    c_custkey INT NOT NULL,
    c_name VARCHAR(25) NOT NULL,
    c_address VARCHAR(40) NOT NULL,
    c_city VARCHAR(10) NOT NULL,
    c_nation VARCHAR(15) NOT NULL,
    c_region VARCHAR(12) NOT NULL,
    c_phone VARCHAR(15) NOT NULL,
    c_mktsegment VARCHAR(10) NOT NULL
);
