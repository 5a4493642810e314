SELECT YEAR(lo_orderdate) AS d_year, c_nation, SUM(lo_revenue - lo_supplycost) AS profit
FROM lineorder_flat
WHERE c_region = 'AMERICA'
  AND s_region = 'AMERICA'
  AND (p_mfgr = 'MFGR#1' OR p_mfgr = 'MFGR#2')
GROUP BY YEAR(lo_orderdate), c_nation
ORDER BY d_year, c_nation;
