-- SSB date dimension: 2,556 days from 1992-01-01; d_datekey is yyyymmdd.
CREATE TABLE dates (
    d_datekey INT NOT NULL,
    d_date VARCHAR(18) NOT NULL,
    d_dayofweek VARCHAR(9) NOT NULL,
    d_month VARCHAR(9) NOT NULL,
    d_year INT NOT NULL,
    d_yearmonthnum INT NOT NULL,
    d_yearmonth VARCHAR(7) NOT NULL,
    d_daynuminweek INT NOT NULL,
    d_daynuminmonth INT NOT NULL,
    d_daynuminyear INT NOT NULL,
    d_monthnuminyear INT NOT NULL,
    d_weeknuminyear INT NOT NULL,
    d_sellingseason VARCHAR(12) NOT NULL,
    d_lastdayinweekfl INT NOT NULL,
    d_lastdayinmonthfl INT NOT NULL,
    d_holidayfl INT NOT NULL,
    d_weekdayfl INT NOT NULL
);
