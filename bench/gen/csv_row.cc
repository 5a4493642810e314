#include "csv_row.h"

#include <charconv>

namespace flashlake::bench {

CsvRow& CsvRow::Int(int64_t value) {
    Separate();
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof(digits), value);
    out_.append(digits, result.ptr);
    return *this;
}

CsvRow& CsvRow::Cents(int64_t cents) {
    Separate();
    if (cents < 0) {
        out_.push_back('-');
        cents = -cents;
    }
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof(digits), cents / 100);
    out_.append(digits, result.ptr);
    const char fraction[3] = {'.', char('0' + cents / 10 % 10), char('0' + cents % 10)};
    out_.append(fraction, 3);
    return *this;
}

CsvRow& CsvRow::DateTime(std::string_view iso_date, int seconds_of_day) {
    Separate();
    const int hour = seconds_of_day / 3600;
    const int minute = seconds_of_day / 60 % 60;
    const int second = seconds_of_day % 60;
    out_.append(iso_date);
    const char clock[9] = {' ', char('0' + hour / 10),   char('0' + hour % 10),
                           ':', char('0' + minute / 10), char('0' + minute % 10),
                           ':', char('0' + second / 10), char('0' + second % 10)};
    out_.append(clock, 9);
    return *this;
}

}  // namespace flashlake::bench
