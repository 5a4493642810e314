SELECT SUM(lo_revenue) AS revenue, YEAR(lo_orderdate) AS d_year, p_brand
FROM lineorder_flat
WHERE p_brand BETWEEN 'MFGR#2221' AND 'MFGR#2228'
  AND s_region = 'ASIA'
GROUP BY YEAR(lo_orderdate), p_brand
ORDER BY d_year, p_brand;
