-- SSB part: 200,000 * (1 + floor(log2 SF)) rows.
CREATE TABLE part (
    p_partkey INT NOT NULL,
    p_name VARCHAR(22) NOT NULL,
    p_mfgr VARCHAR(6) NOT NULL,
    p_category VARCHAR(7) NOT NULL,
    p_brand1 VARCHAR(9) NOT NULL,
    p_color VARCHAR(11) NOT NULL,
    p_type VARCHAR(25) NOT NULL,
    p_size INT NOT NULL,
    p_container VARCHAR(10) NOT NULL
);
