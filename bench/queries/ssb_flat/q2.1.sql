SELECT SUM(lo_revenue) AS revenue, YEAR(lo_orderdate) AS d_year, p_brand
FROM lineorder_flat
WHERE p_category = 'MFGR#12'
  AND s_region = 'AMERICA'
GROUP BY YEAR(lo_orderdate), p_brand
ORDER BY d_year, p_brand;
