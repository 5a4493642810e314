#pragma once

#include <cstdint>

#include "types/date_time.h"

namespace flashlake::functions::calendar {

// Calendar facts shared by the date functions and date_format / str_to_date. Days are DATE
// values (days since 1970-01-01).

inline constexpr const char* kDayNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                            "Friday", "Saturday", "Sunday"};  // index: 0 = Monday
inline constexpr const char* kMonthNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                              "July",    "August",   "September", "October", "November", "December"};

inline int32_t DayOfYear(int32_t days) {
    date_time::CivilDate date = date_time::CivilFromDays(days);
    return days - date_time::DaysFromCivil(date.year, 1, 1) + 1;
}

inline int32_t DaysInYear(int32_t year) {
    return date_time::IsLeapYear(year) ? 366 : 365;
}

// MySQL's WEEK(date, mode), modes 0..7, and the year the week belongs to (for %X / %x / YEARWEEK).
// The mode's bits: 1 = weeks start on Monday, 2 = weeks are 1..53 (a week may belong to the
// year before), 4 = week 1 is the first week holding the first weekday (else the first week
// with more than three days in the year).
inline int32_t MySqlWeek(int32_t days, int mode, int32_t* week_year) {
    constexpr int kMondayFirst = 1, kYear = 2, kFirstWeekday = 4;
    int behaviour = mode & 7;
    if (!(behaviour & kMondayFirst)) behaviour ^= kFirstWeekday;
    bool monday_first = behaviour & kMondayFirst;
    bool year_weeks = behaviour & kYear;
    bool first_weekday = behaviour & kFirstWeekday;

    date_time::CivilDate date = date_time::CivilFromDays(days);
    int32_t year = date.year;
    int32_t first_day = date_time::DaysFromCivil(year, 1, 1);
    // Weekday of January 1st: 0 is the first day of the week.
    int32_t weekday = (date_time::WeekdayFromDays(first_day) + (monday_first ? 0 : 1)) % 7;
    auto late_start = [&](int32_t w) { return first_weekday ? w != 0 : w >= 4; };

    if (date.month == 1 && date.day <= 7 - weekday) {
        if (!year_weeks && late_start(weekday)) {
            *week_year = year;
            return 0;
        }
        year_weeks = true;
        --year;
        int32_t length = DaysInYear(year);
        first_day -= length;
        weekday = (weekday + 53 * 7 - length) % 7;
    }
    int32_t offset = late_start(weekday) ? days - (first_day + (7 - weekday)) : days - (first_day - weekday);
    if (year_weeks && offset >= 52 * 7) {
        weekday = (weekday + DaysInYear(year)) % 7;
        if (!late_start(weekday)) {
            *week_year = year + 1;
            return 1;
        }
    }
    *week_year = year;
    return offset / 7 + 1;
}

}  // namespace flashlake::functions::calendar
