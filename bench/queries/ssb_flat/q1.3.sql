-- Week 6 of 1994 in the dates table (d_weeknuminyear counts 7-day blocks from January 1st).
SELECT SUM(lo_extendedprice * lo_discount) AS revenue
FROM lineorder_flat
WHERE lo_orderdate >= '1994-02-05' AND lo_orderdate <= '1994-02-11'
  AND lo_discount BETWEEN 5 AND 7
  AND lo_quantity BETWEEN 26 AND 35;
