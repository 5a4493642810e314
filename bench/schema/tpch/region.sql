-- TPC-H region: 5 rows.
CREATE TABLE region (
    r_regionkey INT NOT NULL,
    r_name VARCHAR(25) NOT NULL,
    r_comment VARCHAR(152) NOT NULL
);
