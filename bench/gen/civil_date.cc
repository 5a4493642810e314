#include "civil_date.h"

namespace flashlake::bench {

bool IsLeapYear(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int DaysInYear(int year) {
    return IsLeapYear(year) ? 366 : 365;
}

int DaysInMonth(int year, int month) {
    static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

int32_t DaysFromCivil(int year, int month, int day) {
    int32_t days = 0;
    for (int y = 1970; y < year; ++y) days += DaysInYear(y);
    for (int m = 1; m < month; ++m) days += DaysInMonth(year, m);
    return days + day - 1;
}

CivilDate CivilFromDays(int32_t days) {
    CivilDate date{1970, 1, 1};
    while (days >= DaysInYear(date.year)) {
        days -= DaysInYear(date.year);
        ++date.year;
    }
    while (days >= DaysInMonth(date.year, date.month)) {
        days -= DaysInMonth(date.year, date.month);
        ++date.month;
    }
    date.day = days + 1;
    return date;
}

int DayOfWeek(int32_t days) {
    return (days + 4) % 7;  // 1970-01-01 was a Thursday
}

int DayOfYear(int32_t days) {
    const CivilDate date = CivilFromDays(days);
    return days - DaysFromCivil(date.year, 1, 1) + 1;
}

DateTexts::DateTexts(int32_t first_day, int32_t count) : first_day_(first_day) {
    text_.reserve(size_t(count) * kIsoLength);
    for (int32_t i = 0; i < count; ++i) {
        const CivilDate d = CivilFromDays(first_day + i);
        const char text[kIsoLength] = {char('0' + d.year / 1000),
                                       char('0' + d.year / 100 % 10),
                                       char('0' + d.year / 10 % 10),
                                       char('0' + d.year % 10),
                                       '-',
                                       char('0' + d.month / 10),
                                       char('0' + d.month % 10),
                                       '-',
                                       char('0' + d.day / 10),
                                       char('0' + d.day % 10)};
        text_.append(text, kIsoLength);
    }
}

}  // namespace flashlake::bench
