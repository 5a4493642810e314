#include "types/date_time.h"

#include <gtest/gtest.h>

namespace flashlake {
namespace {

using namespace date_time;

TEST(DateTimeTest, CivilRoundTripOverCenturies) {
    for (int32_t days = DaysFromCivil(1, 1, 1); days <= DaysFromCivil(9999, 12, 31); days += 37) {
        CivilDate date = CivilFromDays(days);
        ASSERT_EQ(DaysFromCivil(date.year, date.month, date.day), days);
        ASSERT_TRUE(IsValidDate(date.year, date.month, date.day));
    }
    EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
    EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
    EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
    EXPECT_EQ(WeekdayFromDays(DaysFromCivil(2024, 1, 1)), 0);  // a Monday
}

TEST(DateTimeTest, ParseAndFormat) {
    EXPECT_EQ(FormatDate(ParseDate("2024-02-29").value()), "2024-02-29");
    EXPECT_EQ(FormatDate(ParseDate("20240105").value()), "2024-01-05");
    EXPECT_EQ(FormatDate(ParseDate("2024-1-5").value()), "2024-01-05");
    EXPECT_EQ(FormatDate(ParseDate("2024-01-05 23:59:59").value()), "2024-01-05");
    EXPECT_FALSE(ParseDate("2023-02-29").ok());
    EXPECT_FALSE(ParseDate("2024-13-01").ok());
    EXPECT_FALSE(ParseDate("hello").ok());
    EXPECT_EQ(FormatDateTime(ParseDateTime("2024-01-05 10:20:30").value()), "2024-01-05 10:20:30");
    EXPECT_EQ(FormatDateTime(ParseDateTime("2024-01-05T10:20:30.5").value()), "2024-01-05 10:20:30.500000");
    EXPECT_EQ(FormatDateTime(ParseDateTime("2024-01-05").value()), "2024-01-05 00:00:00");
    EXPECT_EQ(FormatDateTime(ParseDateTime("1969-12-31 23:59:59").value()), "1969-12-31 23:59:59");
    EXPECT_FALSE(ParseDateTime("2024-01-05 25:00:00").ok());
    EXPECT_FALSE(ParseDateTime("2024-01-05 10:20:30 x").ok());
}

TEST(DateTimeTest, MonthArithmeticClamps) {
    EXPECT_EQ(FormatDate(AddMonthsToDate(ParseDate("2024-01-31").value(), 1)), "2024-02-29");
    EXPECT_EQ(FormatDate(AddMonthsToDate(ParseDate("2023-01-31").value(), 1)), "2023-02-28");
    EXPECT_EQ(FormatDate(AddMonthsToDate(ParseDate("2024-03-15").value(), -14)), "2023-01-15");
    EXPECT_EQ(FormatDate(AddMonthsToDate(ParseDate("2024-12-01").value(), 1)), "2025-01-01");
    EXPECT_EQ(FormatDateTime(AddMonthsToDateTime(ParseDateTime("2024-01-31 12:00:00").value(), 12)),
              "2025-01-31 12:00:00");
    EXPECT_EQ(DateTimeToDate(-1), -1);  // floors before the epoch
}

}  // namespace
}  // namespace flashlake
