SELECT YEAR(lo_orderdate) AS d_year, s_nation, p_category, SUM(lo_revenue - lo_supplycost) AS profit
FROM lineorder_flat
WHERE c_region = 'AMERICA'
  AND s_region = 'AMERICA'
  AND lo_orderdate >= '1997-01-01' AND lo_orderdate <= '1998-12-31'
  AND (p_mfgr = 'MFGR#1' OR p_mfgr = 'MFGR#2')
GROUP BY YEAR(lo_orderdate), s_nation, p_category
ORDER BY d_year, s_nation, p_category;
