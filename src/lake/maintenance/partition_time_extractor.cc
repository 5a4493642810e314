#include "lake/maintenance/partition_time_extractor.h"

#include <algorithm>
#include <cctype>

#include "types/date_time.h"

namespace flashlake::lake {

namespace dt = date_time;

namespace {

Status Unparsable(std::string_view text, std::string_view pattern, const std::string& why) {
    return Status::InvalidArgument("partition time '" + std::string(text) + "' does not match '" +
                                   std::string(pattern) + "': " + why);
}

struct Fields {
    int64_t year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, micros = 0;
};

Result<int64_t> Combine(const Fields& f, std::string_view text, std::string_view pattern) {
    if (f.year < 0 || f.year > 9999 ||
        !dt::IsValidDate(static_cast<int32_t>(f.year), static_cast<int32_t>(f.month), static_cast<int32_t>(f.day))) {
        return Unparsable(text, pattern, "not a valid date");
    }
    if (f.hour > 23 || f.minute > 59 || f.second > 59) return Unparsable(text, pattern, "not a valid time");
    int32_t days =
        dt::DaysFromCivil(static_cast<int32_t>(f.year), static_cast<int32_t>(f.month), static_cast<int32_t>(f.day));
    return dt::DateToDateTime(days) + f.hour * dt::kMicrosPerHour + f.minute * dt::kMicrosPerMinute +
           f.second * dt::kMicrosPerSecond + f.micros;
}

// Reads between `min` and `max` digits at *pos.
bool ReadDigits(std::string_view text, size_t* pos, size_t min, size_t max, int64_t* value, size_t* count = nullptr) {
    size_t start = *pos;
    int64_t v = 0;
    while (*pos < text.size() && *pos - start < max && std::isdigit(static_cast<unsigned char>(text[*pos]))) {
        v = v * 10 + (text[*pos] - '0');
        ++*pos;
    }
    if (*pos - start < min) return false;
    *value = v;
    if (count) *count = *pos - start;
    return true;
}

int64_t FractionToMicros(int64_t digits_value, size_t digits) {
    while (digits > 6) {
        digits_value /= 10;
        --digits;
    }
    while (digits < 6) {
        digits_value *= 10;
        ++digits;
    }
    return digits_value;
}

std::string ValueText(const Value& value) {
    if (value.type().id() == TypeId::kDate) return dt::FormatDate(static_cast<int32_t>(value.GetInt64()));
    if (value.type().id() == TypeId::kDateTime) {
        int64_t micros = value.GetInt64();
        if (micros % dt::kMicrosPerDay == 0) return dt::FormatDate(dt::DateTimeToDate(micros));
        return dt::FormatDateTime(micros);
    }
    return value.ToString();
}

}  // namespace

Result<int64_t> ParseWithJavaPattern(std::string_view text, std::string_view pattern) {
    Fields f;
    size_t pos = 0;
    for (size_t i = 0; i < pattern.size();) {
        char c = pattern[i];
        if (c == '\'') {  // quoted literal; '' is a quote
            size_t end = pattern.find('\'', i + 1);
            if (end == std::string_view::npos) {
                return Status::InvalidArgument("unterminated quote in '" + std::string(pattern) + "'");
            }
            std::string_view literal = end == i + 1 ? std::string_view("'") : pattern.substr(i + 1, end - i - 1);
            if (text.substr(pos, literal.size()) != literal) {
                return Unparsable(text, pattern, "expected '" + std::string(literal) + "'");
            }
            pos += literal.size();
            i = end + 1;
            continue;
        }
        if (!std::isalpha(static_cast<unsigned char>(c))) {
            if (pos >= text.size() || text[pos] != c) {
                return Unparsable(text, pattern, std::string("expected '") + c + "'");
            }
            ++pos;
            ++i;
            continue;
        }
        size_t run = 1;
        while (i + run < pattern.size() && pattern[i + run] == c) ++run;
        size_t min = run == 1 ? 1 : run;
        size_t max = run == 1 ? 2 : run;
        int64_t value = 0;
        size_t count = 0;
        switch (c) {
            case 'y':
            case 'u':
                if (run == 1) max = 9;
                if (!ReadDigits(text, &pos, min, max, &value)) return Unparsable(text, pattern, "expected a year");
                f.year = run == 2 ? 2000 + value : value;
                break;
            case 'M':
                if (run > 2) {
                    return Status::NotSupported("month names ('" + std::string(run, 'M') + "') are not supported");
                }
                if (!ReadDigits(text, &pos, min, max, &f.month)) return Unparsable(text, pattern, "expected a month");
                break;
            case 'd':
                if (!ReadDigits(text, &pos, min, max, &f.day)) return Unparsable(text, pattern, "expected a day");
                break;
            case 'H':
                if (!ReadDigits(text, &pos, min, max, &f.hour)) return Unparsable(text, pattern, "expected an hour");
                break;
            case 'm':
                if (!ReadDigits(text, &pos, min, max, &f.minute)) return Unparsable(text, pattern, "expected minutes");
                break;
            case 's':
                if (!ReadDigits(text, &pos, min, max, &f.second)) return Unparsable(text, pattern, "expected seconds");
                break;
            case 'S':
                if (!ReadDigits(text, &pos, run, run, &value, &count)) {
                    return Unparsable(text, pattern, "expected a fraction");
                }
                f.micros = FractionToMicros(value, count);
                break;
            default:
                return Status::NotSupported("pattern letter '" + std::string(1, c) + "' in '" + std::string(pattern) +
                                            "' is not supported");
        }
        i += run;
    }
    if (pos != text.size()) return Unparsable(text, pattern, "unexpected text at the end");
    return Combine(f, text, pattern);
}

Result<int64_t> ParseDefaultPartitionTime(std::string_view text) {
    constexpr std::string_view kPattern = "yyyy-MM-dd[ HH:mm:ss]";
    Fields f;
    size_t pos = 0;
    auto expect = [&](char c) {
        if (pos >= text.size() || text[pos] != c) return false;
        ++pos;
        return true;
    };
    if (!ReadDigits(text, &pos, 1, 10, &f.year) || !expect('-') || !ReadDigits(text, &pos, 1, 2, &f.month) ||
        !expect('-') || !ReadDigits(text, &pos, 1, 2, &f.day)) {
        return Unparsable(text, kPattern, "expected a date");
    }
    if (pos < text.size()) {
        if (!expect(' ') || !ReadDigits(text, &pos, 1, 2, &f.hour) || !expect(':') ||
            !ReadDigits(text, &pos, 1, 2, &f.minute) || !expect(':') || !ReadDigits(text, &pos, 1, 2, &f.second)) {
            return Unparsable(text, kPattern, "expected a time");
        }
        if (pos < text.size()) {
            int64_t fraction = 0;
            size_t count = 0;
            if (!expect('.') || !ReadDigits(text, &pos, 1, 9, &fraction, &count)) {
                return Unparsable(text, kPattern, "expected a fraction of a second");
            }
            f.micros = FractionToMicros(fraction, count);
        }
    }
    if (pos != text.size()) return Unparsable(text, kPattern, "unexpected text at the end");
    return Combine(f, text, kPattern);
}

Result<int64_t> PartitionTimeExtractor::Extract(const std::vector<std::string>& keys,
                                                const std::vector<Value>& values) const {
    if (values.empty() || keys.size() != values.size()) {
        return Status::InvalidArgument("partition time: the table has no partition keys");
    }
    std::string text;
    if (!pattern_) {
        const Value& value = values[0];
        if (value.is_null()) return Status::InvalidArgument("partition time: the partition value is null");
        if (value.type().id() == TypeId::kDate) return dt::DateToDateTime(static_cast<int32_t>(value.GetInt64()));
        if (value.type().id() == TypeId::kDateTime) return value.GetInt64();
        text = value.ToString();
    } else {
        text = *pattern_;
        // Longer keys first, so that "$dt" does not eat the start of "$dt_hour".
        std::vector<size_t> order(keys.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(),
                         [&](size_t a, size_t b) { return keys[a].size() > keys[b].size(); });
        for (size_t i : order) {
            std::string placeholder = "$" + keys[i];
            std::string replacement = values[i].is_null() ? "null" : ValueText(values[i]);
            for (size_t at = text.find(placeholder); at != std::string::npos;
                 at = text.find(placeholder, at + replacement.size())) {
                text.replace(at, placeholder.size(), replacement);
            }
        }
    }
    if (formatter_) return ParseWithJavaPattern(text, *formatter_);
    return ParseDefaultPartitionTime(text);
}

}  // namespace flashlake::lake
