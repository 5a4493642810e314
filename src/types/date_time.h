#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace flashlake {

// DATE is days since 1970-01-01 (proleptic Gregorian); DATETIME is microseconds since
// 1970-01-01 00:00:00 with no time zone, as StarRocks' DATETIME. Valid years are 0000..9999.
namespace date_time {

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kMicrosPerMinute = 60 * kMicrosPerSecond;
constexpr int64_t kMicrosPerHour = 60 * kMicrosPerMinute;
constexpr int64_t kMicrosPerDay = 24 * kMicrosPerHour;

struct CivilDate {
    int32_t year;
    int32_t month;  // 1..12
    int32_t day;    // 1..31
};

struct CivilDateTime {
    CivilDate date;
    int32_t hour, minute, second, microsecond;
};

int32_t DaysFromCivil(int32_t year, int32_t month, int32_t day);
CivilDate CivilFromDays(int32_t days);
bool IsValidDate(int32_t year, int32_t month, int32_t day);
int32_t DaysInMonth(int32_t year, int32_t month);
bool IsLeapYear(int32_t year);

// 0 = Monday .. 6 = Sunday.
int32_t WeekdayFromDays(int32_t days);

// "2024-01-05", "2024-1-5", "20240105"; a DATETIME string is accepted and truncated.
Result<int32_t> ParseDate(std::string_view text);
// "2024-01-05 10:20:30[.123456]", "2024-01-05T10:20:30", or a date alone (midnight).
Result<int64_t> ParseDateTime(std::string_view text);

std::string FormatDate(int32_t days);
// "2024-01-05 10:20:30", with ".ffffff" only when the microseconds are not zero.
std::string FormatDateTime(int64_t micros);

inline int32_t DateTimeToDate(int64_t micros) {
    int64_t days = micros / kMicrosPerDay;
    if (micros % kMicrosPerDay < 0) --days;  // floor for times before 1970
    return static_cast<int32_t>(days);
}
inline int64_t DateToDateTime(int32_t days) { return static_cast<int64_t>(days) * kMicrosPerDay; }
CivilDateTime CivilFromDateTime(int64_t micros);

// Adds whole months, clamping the day to the target month's length (Jan 31 + 1 month = Feb 29/28).
int32_t AddMonthsToDate(int32_t days, int64_t months);
int64_t AddMonthsToDateTime(int64_t micros, int64_t months);

}  // namespace date_time
}  // namespace flashlake
