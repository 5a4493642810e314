#include "types/date_time.h"

#include <cctype>
#include <cstdio>

namespace flashlake::date_time {

namespace {

Status BadValue(std::string_view kind, std::string_view text) {
    return Status(ErrorCode::kInvalidValue, ConcatParts("invalid ", kind, " value '", text, "'"));
}

// Reads 1..max_digits decimal digits at `pos`.
bool ReadNumber(std::string_view text, size_t& pos, int max_digits, int32_t& out) {
    size_t start = pos;
    out = 0;
    while (pos < text.size() && pos - start < static_cast<size_t>(max_digits) &&
           std::isdigit(static_cast<unsigned char>(text[pos]))) {
        out = out * 10 + (text[pos] - '0');
        ++pos;
    }
    return pos > start;
}

std::string_view TrimSpaces(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return text;
}

// Parses the date part; leaves `pos` after it.
bool ParseDatePart(std::string_view text, size_t& pos, CivilDate& date) {
    // Compact form: exactly 8 digits, optionally followed by the time.
    if (text.size() >= 8 && text.find_first_not_of("0123456789") >= 8) {
        auto digit = [&](size_t i) { return text[i] - '0'; };
        date.year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
        date.month = digit(4) * 10 + digit(5);
        date.day = digit(6) * 10 + digit(7);
        pos = 8;
        return IsValidDate(date.year, date.month, date.day);
    }
    if (!ReadNumber(text, pos, 4, date.year) || pos >= text.size() || (text[pos] != '-' && text[pos] != '/')) {
        return false;
    }
    char separator = text[pos++];
    if (!ReadNumber(text, pos, 2, date.month) || pos >= text.size() || text[pos] != separator) return false;
    ++pos;
    if (!ReadNumber(text, pos, 2, date.day)) return false;
    return IsValidDate(date.year, date.month, date.day);
}

}  // namespace

bool IsLeapYear(int32_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int32_t DaysInMonth(int32_t year, int32_t month) {
    static constexpr int32_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

bool IsValidDate(int32_t year, int32_t month, int32_t day) {
    return year >= 0 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
}

// Days from 1970-01-01, counting in 400-year eras of 146097 days, with years starting in March so
// that the leap day falls at the end of a year.
int32_t DaysFromCivil(int32_t year, int32_t month, int32_t day) {
    year -= month <= 2;
    const int32_t era = (year >= 0 ? year : year - 399) / 400;
    const int32_t year_of_era = year - era * 400;
    const int32_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int32_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

CivilDate CivilFromDays(int32_t days) {
    days += 719468;
    const int32_t era = (days >= 0 ? days : days - 146096) / 146097;
    const int32_t day_of_era = days - era * 146097;
    const int32_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const int32_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const int32_t month_index = (5 * day_of_year + 2) / 153;  // 0 = March
    const int32_t day = day_of_year - (153 * month_index + 2) / 5 + 1;
    const int32_t month = month_index < 10 ? month_index + 3 : month_index - 9;
    return CivilDate{year_of_era + era * 400 + (month <= 2), month, day};
}

int32_t WeekdayFromDays(int32_t days) {
    // 1970-01-01 was a Thursday (3 when Monday is 0).
    int32_t weekday = (days + 3) % 7;
    return weekday < 0 ? weekday + 7 : weekday;
}

Result<int32_t> ParseDate(std::string_view text) {
    std::string_view trimmed = TrimSpaces(text);
    size_t pos = 0;
    CivilDate date{};
    if (!ParseDatePart(trimmed, pos, date)) return BadValue("DATE", text);
    if (pos != trimmed.size()) {
        // A datetime string is accepted as a date when its time part is well formed.
        auto datetime = ParseDateTime(trimmed);
        if (!datetime.ok()) return BadValue("DATE", text);
        return DateTimeToDate(*datetime);
    }
    return DaysFromCivil(date.year, date.month, date.day);
}

Result<int64_t> ParseDateTime(std::string_view text) {
    std::string_view trimmed = TrimSpaces(text);
    size_t pos = 0;
    CivilDate date{};
    if (!ParseDatePart(trimmed, pos, date)) return BadValue("DATETIME", text);
    int32_t hour = 0, minute = 0, second = 0, micros = 0;
    if (pos < trimmed.size()) {
        if (trimmed[pos] != ' ' && trimmed[pos] != 'T') return BadValue("DATETIME", text);
        while (pos < trimmed.size() && (trimmed[pos] == ' ' || trimmed[pos] == 'T')) ++pos;
        if (!ReadNumber(trimmed, pos, 2, hour)) return BadValue("DATETIME", text);
        if (pos < trimmed.size() && trimmed[pos] == ':') {
            ++pos;
            if (!ReadNumber(trimmed, pos, 2, minute)) return BadValue("DATETIME", text);
            if (pos < trimmed.size() && trimmed[pos] == ':') {
                ++pos;
                if (!ReadNumber(trimmed, pos, 2, second)) return BadValue("DATETIME", text);
            }
        }
        if (pos < trimmed.size() && trimmed[pos] == '.') {
            ++pos;
            int digits = 0;
            while (pos < trimmed.size() && std::isdigit(static_cast<unsigned char>(trimmed[pos]))) {
                if (digits < 6) micros = micros * 10 + (trimmed[pos] - '0');
                ++digits;
                ++pos;
            }
            if (digits == 0) return BadValue("DATETIME", text);
            for (; digits < 6; ++digits) micros *= 10;
        }
        if (pos != trimmed.size() || hour > 23 || minute > 59 || second > 59) return BadValue("DATETIME", text);
    }
    return DateToDateTime(DaysFromCivil(date.year, date.month, date.day)) + hour * kMicrosPerHour +
           minute * kMicrosPerMinute + second * kMicrosPerSecond + micros;
}

std::string FormatDate(int32_t days) {
    CivilDate date = CivilFromDays(days);
    char buffer[32];
    std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02d", date.year, date.month, date.day);
    return buffer;
}

CivilDateTime CivilFromDateTime(int64_t micros) {
    int32_t days = DateTimeToDate(micros);
    int64_t in_day = micros - DateToDateTime(days);
    return CivilDateTime{CivilFromDays(days), static_cast<int32_t>(in_day / kMicrosPerHour),
                         static_cast<int32_t>(in_day / kMicrosPerMinute % 60),
                         static_cast<int32_t>(in_day / kMicrosPerSecond % 60),
                         static_cast<int32_t>(in_day % kMicrosPerSecond)};
}

std::string FormatDateTime(int64_t micros) {
    CivilDateTime t = CivilFromDateTime(micros);
    char buffer[48];
    int n = std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02d %02d:%02d:%02d", t.date.year, t.date.month,
                          t.date.day, t.hour, t.minute, t.second);
    if (t.microsecond != 0) std::snprintf(buffer + n, sizeof(buffer) - n, ".%06d", t.microsecond);
    return buffer;
}

int32_t AddMonthsToDate(int32_t days, int64_t months) {
    CivilDate date = CivilFromDays(days);
    int64_t month_index = static_cast<int64_t>(date.year) * 12 + (date.month - 1) + months;
    int32_t year = static_cast<int32_t>(month_index >= 0 ? month_index / 12 : (month_index - 11) / 12);
    int32_t month = static_cast<int32_t>(month_index - static_cast<int64_t>(year) * 12) + 1;
    int32_t day = std::min(date.day, DaysInMonth(year, month));
    return DaysFromCivil(year, month, day);
}

int64_t AddMonthsToDateTime(int64_t micros, int64_t months) {
    int32_t days = DateTimeToDate(micros);
    int64_t in_day = micros - DateToDateTime(days);
    return DateToDateTime(AddMonthsToDate(days, months)) + in_day;
}

}  // namespace flashlake::date_time
