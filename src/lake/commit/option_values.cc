#include "lake/commit/option_values.h"

#include <cctype>
#include <charconv>
#include <limits>
#include <string>

#include "common/ascii.h"
#include "lake/table_schema.h"

namespace flashlake::lake {

namespace {

std::string_view Trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return text;
}

// Splits "<digits><space?><unit>" into the number and the lower-cased unit.
Result<std::pair<int64_t, std::string>> SplitNumberAndUnit(std::string_view text, std::string_view what) {
    std::string_view trimmed = Trim(text);
    size_t digits = 0;
    while (digits < trimmed.size() && std::isdigit(static_cast<unsigned char>(trimmed[digits]))) ++digits;
    if (digits == 0) {
        return Status::InvalidArgument("bad " + std::string(what) + " '" + std::string(text) + "': expected a number");
    }
    int64_t number = 0;
    auto [end, ec] = std::from_chars(trimmed.data(), trimmed.data() + digits, number);
    if (ec != std::errc()) {
        return Status::InvalidArgument("bad " + std::string(what) + " '" + std::string(text) + "': number too large");
    }
    return std::make_pair(number, AsciiLower(Trim(trimmed.substr(digits))));
}

Result<int64_t> Multiply(int64_t number, int64_t unit, std::string_view text, std::string_view what) {
    if (unit != 0 && number > std::numeric_limits<int64_t>::max() / unit) {
        return Status::InvalidArgument("bad " + std::string(what) + " '" + std::string(text) + "': too large");
    }
    return number * unit;
}

template <typename Parse>
Result<int64_t> ReadOption(const TableSchema& schema, std::string_view key, int64_t fallback, Parse parse) {
    std::optional<std::string> text = schema.Option(key);
    if (!text) return fallback;
    auto value = parse(*text);
    if (!value.ok()) return value.status().WithContext("table option '" + std::string(key) + "'");
    return value;
}

}  // namespace

Result<int64_t> ParseMemorySize(std::string_view text) {
    FL_ASSIGN_OR_RETURN(auto parts, SplitNumberAndUnit(text, "memory size"));
    const std::string& unit = parts.second;
    int64_t scale = 0;
    if (unit.empty() || unit == "b" || unit == "bytes") {
        scale = 1;
    } else if (unit == "k" || unit == "kb" || unit == "kibibytes") {
        scale = int64_t{1} << 10;
    } else if (unit == "m" || unit == "mb" || unit == "mebibytes") {
        scale = int64_t{1} << 20;
    } else if (unit == "g" || unit == "gb" || unit == "gibibytes") {
        scale = int64_t{1} << 30;
    } else if (unit == "t" || unit == "tb" || unit == "tebibytes") {
        scale = int64_t{1} << 40;
    } else {
        return Status::InvalidArgument("bad memory size '" + std::string(text) + "': unknown unit '" + unit + "'");
    }
    return Multiply(parts.first, scale, text, "memory size");
}

Result<int64_t> ParseDurationMillis(std::string_view text) {
    FL_ASSIGN_OR_RETURN(auto parts, SplitNumberAndUnit(text, "duration"));
    const std::string& unit = parts.second;
    auto is = [&unit](std::initializer_list<std::string_view> names) {
        for (std::string_view name : names) {
            if (unit == name) return true;
        }
        return false;
    };
    if (is({"ns", "nano", "nanos", "nanosecond", "nanoseconds"})) return parts.first / 1000000;
    if (is({"us", "micro", "micros", "microsecond", "microseconds"})) return parts.first / 1000;
    int64_t scale = 0;
    if (unit.empty() || is({"ms", "milli", "millis", "millisecond", "milliseconds"})) {
        scale = 1;
    } else if (is({"s", "sec", "secs", "second", "seconds"})) {
        scale = 1000;
    } else if (is({"m", "min", "minute", "minutes"})) {
        scale = 60 * 1000;
    } else if (is({"h", "hour", "hours"})) {
        scale = 3600 * 1000;
    } else if (is({"d", "day", "days"})) {
        scale = 24 * 3600 * 1000;
    } else {
        return Status::InvalidArgument("bad duration '" + std::string(text) + "': unknown unit '" + unit + "'");
    }
    return Multiply(parts.first, scale, text, "duration");
}

Result<int64_t> IntOption(const TableSchema& schema, std::string_view key, int64_t fallback) {
    return ReadOption(schema, key, fallback, [](const std::string& text) -> Result<int64_t> {
        std::string_view trimmed = Trim(text);
        int64_t value = 0;
        auto [end, ec] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), value);
        if (ec != std::errc() || end != trimmed.data() + trimmed.size() || trimmed.empty()) {
            return Status::InvalidArgument("'" + text + "' is not an integer");
        }
        return value;
    });
}

Result<int64_t> MemorySizeOption(const TableSchema& schema, std::string_view key, int64_t fallback) {
    return ReadOption(schema, key, fallback, [](const std::string& text) { return ParseMemorySize(text); });
}

Result<int64_t> DurationOption(const TableSchema& schema, std::string_view key, int64_t fallback) {
    return ReadOption(schema, key, fallback, [](const std::string& text) { return ParseDurationMillis(text); });
}

Result<std::optional<int64_t>> OptionalDurationOption(const TableSchema& schema, std::string_view key) {
    if (!schema.Option(key)) return std::optional<int64_t>();
    FL_ASSIGN_OR_RETURN(int64_t millis, DurationOption(schema, key, 0));
    return std::optional<int64_t>(millis);
}

Result<bool> BoolOption(const TableSchema& schema, std::string_view key, bool fallback) {
    std::optional<std::string> text = schema.Option(key);
    if (!text) return fallback;
    std::string lower = AsciiLower(Trim(*text));
    if (lower == "true") return true;
    if (lower == "false") return false;
    return Status::InvalidArgument("table option '" + std::string(key) + "': '" + *text + "' is not true or false");
}

}  // namespace flashlake::lake
