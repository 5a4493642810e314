#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace flashlake::bench {

// Dates as day numbers since 1970-01-01 (the proleptic Gregorian calendar), for the years the
// benchmarks use. Conversions loop over years and months: the generators convert a few thousand
// distinct days at most and cache the text, so clarity beats speed here.

struct CivilDate {
    int year;
    int month;  // 1..12
    int day;    // 1..31
};

bool IsLeapYear(int year);
int DaysInYear(int year);
int DaysInMonth(int year, int month);

// Valid for years 1970..9999.
int32_t DaysFromCivil(int year, int month, int day);
CivilDate CivilFromDays(int32_t days);

// 0 = Sunday .. 6 = Saturday.
int DayOfWeek(int32_t days);

// 1-based day of the year.
int DayOfYear(int32_t days);

// 'YYYY-MM-DD' for every day in [first_day, first_day + count), so hot loops append dates
// without converting them.
class DateTexts {
public:
    DateTexts(int32_t first_day, int32_t count);

    // `day` must lie in the range given to the constructor.
    std::string_view Iso(int32_t day) const {
        return std::string_view(text_.data() + size_t(day - first_day_) * kIsoLength, kIsoLength);
    }

private:
    static constexpr size_t kIsoLength = 10;

    int32_t first_day_;
    std::string text_;  // count * kIsoLength characters, no separators
};

}  // namespace flashlake::bench
