-- SSB fact table: about 6,000,000 * SF rows; lo_orderdate and lo_commitdate are d_datekey values.
CREATE TABLE lineorder (
    lo_orderkey INT NOT NULL,
    lo_linenumber INT NOT NULL,
    lo_custkey INT NOT NULL,
    lo_partkey INT NOT NULL,
    lo_suppkey INT NOT NULL,
    lo_orderdate INT NOT NULL,
    lo_orderpriority VARCHAR(15) NOT NULL,
    lo_shippriority INT NOT NULL,
    lo_quantity INT NOT NULL,
    lo_extendedprice INT NOT NULL,
    lo_ordtotalprice INT NOT NULL,
    lo_discount INT NOT NULL,
    lo_revenue INT NOT NULL,
    lo_supplycost INT NOT NULL,
    lo_tax INT NOT NULL,
    lo_commitdate INT NOT NULL,
    lo_shipmode VARCHAR(10) NOT NULL
);
