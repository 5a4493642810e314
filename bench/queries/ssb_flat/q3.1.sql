SELECT c_nation, s_nation, YEAR(lo_orderdate) AS d_year, SUM(lo_revenue) AS revenue
FROM lineorder_flat
WHERE c_region = 'ASIA'
  AND s_region = 'ASIA'
  AND lo_orderdate >= '1992-01-01' AND lo_orderdate <= '1997-12-31'
GROUP BY c_nation, s_nation, YEAR(lo_orderdate)
ORDER BY d_year ASC, revenue DESC, c_nation, s_nation;
