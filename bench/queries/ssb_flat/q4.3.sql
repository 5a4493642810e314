SELECT YEAR(lo_orderdate) AS d_year, s_city, p_brand, SUM(lo_revenue - lo_supplycost) AS profit
FROM lineorder_flat
WHERE c_region = 'AMERICA'
  AND s_nation = 'UNITED STATES'
  AND lo_orderdate >= '1997-01-01' AND lo_orderdate <= '1998-12-31'
  AND p_category = 'MFGR#14'
GROUP BY YEAR(lo_orderdate), s_city, p_brand
ORDER BY d_year, s_city, p_brand;
