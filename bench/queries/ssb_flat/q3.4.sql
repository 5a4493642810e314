SELECT c_city, s_city, YEAR(lo_orderdate) AS d_year, SUM(lo_revenue) AS revenue
FROM lineorder_flat
WHERE (c_city = 'UNITED KI1' OR c_city = 'UNITED KI5')
  AND (s_city = 'UNITED KI1' OR s_city = 'UNITED KI5')
  AND lo_orderdate >= '1997-12-01' AND lo_orderdate <= '1997-12-31'
GROUP BY c_city, s_city, YEAR(lo_orderdate)
ORDER BY d_year ASC, revenue DESC, c_city, s_city;
