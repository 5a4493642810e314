#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace flashlake::bench {

// Appends one CSV row to a string, field by field: `CsvRow(out).Int(7).Text("a").End();`.
// No quoting: the generators only emit values without commas, quotes or line breaks, which
// keeps every reader (ours, DuckDB's, ClickHouse's) on its fast path. Numbers are formatted
// with std::to_chars and by hand, never through printf and the locale.
class CsvRow {
public:
    explicit CsvRow(std::string& out) : out_(out) {}

    CsvRow& Int(int64_t value);

    // A DECIMAL(p,2) given in hundredths: 12345 -> "123.45", -5 -> "-0.05".
    CsvRow& Cents(int64_t cents);

    // Text that the caller guarantees is comma- and newline-free.
    CsvRow& Text(std::string_view text) {
        Separate();
        out_.append(text);
        return *this;
    }

    // 'YYYY-MM-DD HH:MM:SS' from an ISO date text and the seconds since midnight.
    CsvRow& DateTime(std::string_view iso_date, int seconds_of_day);

    void End() { out_.push_back('\n'); }

private:
    void Separate() {
        if (!first_) out_.push_back(',');
        first_ = false;
    }

    std::string& out_;
    bool first_ = true;
};

}  // namespace flashlake::bench
