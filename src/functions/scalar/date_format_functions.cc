// Dates as text with MySQL's % specifiers: date_format, str_to_date (str2date), from_unixtime,
// and unix_timestamp. Unix times are seconds since 1970-01-01 00:00:00 UTC (the session time
// zone is UTC). Text that does not parse gives NULL, as in StarRocks.
//
// Specifiers (date_format; str_to_date reads the same ones):
//   %Y year, 4 digits   %y year, 2 digits   %m month 01..12   %c month 1..12
//   %M month name       %b month abbrev.    %d day 01..31     %e day 1..31     %D day with suffix
//   %H hour 00..23      %k hour 0..23       %h %I hour 01..12 %l hour 1..12    %p AM/PM
//   %i minutes 00..59   %s %S seconds       %f microseconds   %T = %H:%i:%s    %r = %h:%i:%s %p
//   %W weekday name     %a weekday abbrev.  %w weekday 0=Sunday %j day of year 001..366
//   %U %u %V %v week (WEEK modes 0, 1, 2, 3)  %X %x year of %V / %v            %% a '%'
// Any other character after % stands for itself.

#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <optional>

#include "functions/function_registry.h"
#include "functions/scalar/calendar.h"
#include "functions/scalar/date_format.h"
#include "functions/scalar/row_kernel.h"
#include "functions/scalar/scalar_families.h"
#include "types/date_time.h"

namespace flashlake::functions {

namespace {

using namespace date_time;

void AppendNumber(std::string& out, int64_t value, int width) {
    char buffer[24];
    int n = std::snprintf(buffer, sizeof(buffer), "%0*lld", width, static_cast<long long>(value));
    out.append(buffer, static_cast<size_t>(n));
}

// StarRocks also takes the Java-style patterns of from_unixtime's documentation.
std::string_view TranslateJavaPattern(std::string_view format) {
    if (format == "yyyy-MM-dd HH:mm:ss") return "%Y-%m-%d %H:%i:%s";
    if (format == "yyyy-MM-dd") return "%Y-%m-%d";
    if (format == "yyyyMMdd") return "%Y%m%d";
    return format;
}

void FormatDateTime(int64_t micros, std::string_view format, std::string& out) {
    CivilDateTime t = CivilFromDateTime(micros);
    int32_t days = DateTimeToDate(micros);
    int32_t weekday = WeekdayFromDays(days);  // 0 = Monday
    int hour12 = t.hour % 12 == 0 ? 12 : t.hour % 12;
    for (size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%' || i + 1 == format.size()) {
            out.push_back(format[i]);
            continue;
        }
        char spec = format[++i];
        int32_t week_year;
        switch (spec) {
            case 'Y':
                AppendNumber(out, t.date.year, 4);
                break;
            case 'y':
                AppendNumber(out, t.date.year % 100, 2);
                break;
            case 'm':
                AppendNumber(out, t.date.month, 2);
                break;
            case 'c':
                AppendNumber(out, t.date.month, 1);
                break;
            case 'M':
                out += calendar::kMonthNames[t.date.month - 1];
                break;
            case 'b':
                out.append(calendar::kMonthNames[t.date.month - 1], 3);
                break;
            case 'd':
                AppendNumber(out, t.date.day, 2);
                break;
            case 'e':
                AppendNumber(out, t.date.day, 1);
                break;
            case 'D': {
                AppendNumber(out, t.date.day, 1);
                int d = t.date.day;
                out += (d >= 11 && d <= 13) ? "th"
                       : d % 10 == 1        ? "st"
                       : d % 10 == 2        ? "nd"
                       : d % 10 == 3        ? "rd"
                                            : "th";
                break;
            }
            case 'H':
                AppendNumber(out, t.hour, 2);
                break;
            case 'k':
                AppendNumber(out, t.hour, 1);
                break;
            case 'h':
            case 'I':
                AppendNumber(out, hour12, 2);
                break;
            case 'l':
                AppendNumber(out, hour12, 1);
                break;
            case 'p':
                out += t.hour < 12 ? "AM" : "PM";
                break;
            case 'i':
                AppendNumber(out, t.minute, 2);
                break;
            case 's':
            case 'S':
                AppendNumber(out, t.second, 2);
                break;
            case 'f':
                AppendNumber(out, t.microsecond, 6);
                break;
            case 'T':
                AppendNumber(out, t.hour, 2), out += ':', AppendNumber(out, t.minute, 2), out += ':';
                AppendNumber(out, t.second, 2);
                break;
            case 'r':
                AppendNumber(out, hour12, 2), out += ':', AppendNumber(out, t.minute, 2), out += ':';
                AppendNumber(out, t.second, 2);
                out += t.hour < 12 ? " AM" : " PM";
                break;
            case 'W':
                out += calendar::kDayNames[weekday];
                break;
            case 'a':
                out.append(calendar::kDayNames[weekday], 3);
                break;
            case 'w':
                AppendNumber(out, (weekday + 1) % 7, 1);
                break;
            case 'j':
                AppendNumber(out, calendar::DayOfYear(days), 3);
                break;
            case 'U':
                AppendNumber(out, calendar::MySqlWeek(days, 0, &week_year), 2);
                break;
            case 'u':
                AppendNumber(out, calendar::MySqlWeek(days, 1, &week_year), 2);
                break;
            case 'V':
                AppendNumber(out, calendar::MySqlWeek(days, 2, &week_year), 2);
                break;
            case 'v':
                AppendNumber(out, calendar::MySqlWeek(days, 3, &week_year), 2);
                break;
            case 'X':
                calendar::MySqlWeek(days, 2, &week_year), AppendNumber(out, week_year, 4);
                break;
            case 'x':
                calendar::MySqlWeek(days, 3, &week_year), AppendNumber(out, week_year, 4);
                break;
            default:
                out.push_back(spec);
                break;
        }
    }
}

// ---- parsing ----

class TextReader {
public:
    explicit TextReader(std::string_view text) : text_(text) {}

    bool Number(int max_digits, int64_t& value) {
        size_t start = pos_;
        value = 0;
        while (pos_ < text_.size() && pos_ - start < static_cast<size_t>(max_digits) && std::isdigit(Byte())) {
            value = value * 10 + (text_[pos_++] - '0');
        }
        return pos_ > start;
    }
    // Index of the name (full or 3-letter) at the current position, case-insensitive.
    bool Name(const char* const* names, int count, int& index) {
        for (int full = 1; full >= 0; --full) {
            for (int k = 0; k < count; ++k) {
                std::string_view name(names[k]);
                if (!full) name = name.substr(0, 3);
                if (MatchesIgnoringCase(name)) {
                    pos_ += name.size();
                    index = k;
                    return true;
                }
            }
        }
        return false;
    }
    bool Literal(char c) {
        if (pos_ < text_.size() && text_[pos_] == c) {
            ++pos_;
            return true;
        }
        // Like MySQL, any punctuation in the text matches any punctuation in the format.
        if (pos_ < text_.size() && std::ispunct(Byte()) && std::ispunct(static_cast<unsigned char>(c))) {
            ++pos_;
            return true;
        }
        return false;
    }
    void SkipSpaces() {
        while (pos_ < text_.size() && std::isspace(Byte())) ++pos_;
    }
    bool Done() const { return pos_ >= text_.size(); }

private:
    unsigned char Byte() const { return static_cast<unsigned char>(text_[pos_]); }
    bool MatchesIgnoringCase(std::string_view word) const {
        if (text_.size() - pos_ < word.size()) return false;
        for (size_t i = 0; i < word.size(); ++i) {
            if (std::tolower(static_cast<unsigned char>(text_[pos_ + i])) !=
                std::tolower(static_cast<unsigned char>(word[i]))) {
                return false;
            }
        }
        return true;
    }

    std::string_view text_;
    size_t pos_ = 0;
};

struct ParsedFields {
    int64_t year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0, micros = 0;
    int64_t day_of_year = -1;
    bool pm = false, twelve_hour = false;
};

bool ParseSpecifier(char spec, TextReader& in, ParsedFields& f) {
    int index;
    switch (spec) {
        case 'Y':
            return in.Number(4, f.year);
        case 'y':
            if (!in.Number(2, f.year)) return false;
            f.year += f.year < 70 ? 2000 : 1900;
            return true;
        case 'm':
        case 'c':
            return in.Number(2, f.month);
        case 'M':
        case 'b':
            if (!in.Name(calendar::kMonthNames, 12, index)) return false;
            f.month = index + 1;
            return true;
        case 'd':
        case 'e':
            return in.Number(2, f.day);
        case 'H':
        case 'k':
            return in.Number(2, f.hour);
        case 'h':
        case 'I':
        case 'l':
            f.twelve_hour = true;
            return in.Number(2, f.hour);
        case 'i':
            return in.Number(2, f.minute);
        case 's':
        case 'S':
            return in.Number(2, f.second);
        case 'f': {
            // Up to 6 digits, read as a fraction of a second.
            TextReader copy = in;
            int64_t value;
            size_t digits = 0;
            while (digits < 6 && copy.Number(1, value)) ++digits, f.micros = f.micros * 10 + value;
            for (size_t k = digits; k < 6; ++k) f.micros *= 10;
            in = copy;
            return digits > 0;
        }
        case 'p':
            if (in.Name(std::array<const char*, 2>{"AM", "PM"}.data(), 2, index)) {
                f.pm = index == 1;
                return true;
            }
            return false;
        case 'W':
        case 'a':
            return in.Name(calendar::kDayNames, 7, index);  // read, not used
        case 'j':
            return in.Number(3, f.day_of_year);
        case 'T':
            return in.Number(2, f.hour) && in.Literal(':') && in.Number(2, f.minute) && in.Literal(':') &&
                   in.Number(2, f.second);
        case 'r':
            f.twelve_hour = true;
            if (!(in.Number(2, f.hour) && in.Literal(':') && in.Number(2, f.minute) && in.Literal(':') &&
                  in.Number(2, f.second))) {
                return false;
            }
            in.SkipSpaces();
            return ParseSpecifier('p', in, f);
        default:
            return in.Literal(spec);
    }
}

// str_to_date: the DATETIME the text spells in `format`, or nullopt.
std::optional<int64_t> ParseWithFormat(std::string_view text, std::string_view format) {
    TextReader in(text);
    ParsedFields f;
    for (size_t i = 0; i < format.size(); ++i) {
        char c = format[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            in.SkipSpaces();
        } else if (c == '%' && i + 1 < format.size()) {
            if (!ParseSpecifier(format[++i], in, f)) return std::nullopt;
        } else if (!in.Literal(c)) {
            return std::nullopt;
        }
    }
    if (f.twelve_hour) {
        if (f.hour < 1 || f.hour > 12) return std::nullopt;
        f.hour = f.hour % 12 + (f.pm ? 12 : 0);
    }
    if (f.year < 0 || f.year > 9999 || f.hour > 23 || f.minute > 59 || f.second > 59) return std::nullopt;
    int64_t days;
    if (f.day_of_year >= 0) {
        if (f.day_of_year < 1 || f.day_of_year > calendar::DaysInYear(static_cast<int32_t>(f.year)))
            return std::nullopt;
        days = DaysFromCivil(static_cast<int32_t>(f.year), 1, 1) + f.day_of_year - 1;
    } else {
        if (!IsValidDate(static_cast<int32_t>(f.year), static_cast<int32_t>(f.month), static_cast<int32_t>(f.day))) {
            return std::nullopt;
        }
        days = DaysFromCivil(static_cast<int32_t>(f.year), static_cast<int32_t>(f.month), static_cast<int32_t>(f.day));
    }
    return days * kMicrosPerDay + f.hour * kMicrosPerHour + f.minute * kMicrosPerMinute + f.second * kMicrosPerSecond +
           f.micros;
}

bool TakesAsTemporal(const LogicalType& type) {
    return type.IsTemporal() || type.IsString() || type.id() == TypeId::kNull;
}

Result<BoundScalarFunction> BindDateFormat(const std::vector<LogicalType>& types) {
    if (types.size() != 2 || !TakesAsTemporal(types[0]) || !TakesAsString(types[1])) {
        return NoMatchingOverload("date_format", types);
    }
    ScalarKernel kernel = [](const KernelArgs& args) {
        return BuildStrings(args, [&](size_t i, std::string& out) {
            if (!AllValidAt(args, i)) return false;
            FormatDateTime(ValueAt<int64_t>(*args.columns[0], i),
                           TranslateJavaPattern(StringAt(*args.columns[1], i).view()), out);
            return true;
        });
    };
    return BoundScalarFunction{
        "date_format", {LogicalType::DateTime(), LogicalType::Varchar()}, LogicalType::Varchar(), std::move(kernel)};
}

// str_to_date gives DATETIME here; the binder narrows it to DATE when a constant format has no
// time fields, as StarRocks does.
Result<BoundScalarFunction> BindStrToDate(const std::vector<LogicalType>& types) {
    ScalarKernel kernel = [](const KernelArgs& args) {
        return BuildValues<int64_t>(args, LogicalType::DateTime(), [&](size_t i, int64_t& out) {
            if (!AllValidAt(args, i)) return false;
            auto parsed = ParseWithFormat(StringAt(*args.columns[0], i).view(),
                                          TranslateJavaPattern(StringAt(*args.columns[1], i).view()));
            if (!parsed) return false;
            out = *parsed;
            return true;
        });
    };
    return BindSignature("str_to_date", types, "SS", 2, LogicalType::DateTime(), std::move(kernel));
}

constexpr int64_t kMaxUnixSeconds = 253402300799;  // 9999-12-31 23:59:59

// from_unixtime(seconds[, format]): default format '%Y-%m-%d %H:%i:%s'; out of range is NULL.
Result<BoundScalarFunction> BindFromUnixtime(const std::vector<LogicalType>& types) {
    ScalarKernel kernel = [](const KernelArgs& args) {
        return BuildStrings(args, [&](size_t i, std::string& out) {
            if (!AllValidAt(args, i)) return false;
            int64_t seconds = ValueAt<int64_t>(*args.columns[0], i);
            if (seconds < 0 || seconds > kMaxUnixSeconds) return false;
            std::string_view format = args.columns.size() > 1
                                          ? TranslateJavaPattern(StringAt(*args.columns[1], i).view())
                                          : "%Y-%m-%d %H:%i:%s";
            FormatDateTime(seconds * kMicrosPerSecond, format, out);
            return true;
        });
    };
    return BindSignature("from_unixtime", types, "IS", 1, LogicalType::Varchar(), std::move(kernel));
}

// unix_timestamp(dt) / unix_timestamp(text, format): seconds since the epoch, 0 before it (MySQL).
// unix_timestamp() (no argument) is bound with now(), in date_time_functions.cc.
Result<BoundScalarFunction> BindUnixTimestamp(const std::vector<LogicalType>& types, const ScalarBinder& current) {
    if (types.empty()) return current(types);
    auto seconds = [](int64_t micros) -> int64_t { return micros < 0 ? 0 : micros / kMicrosPerSecond; };
    if (types.size() == 1) {
        if (!TakesAsTemporal(types[0])) return NoMatchingOverload("unix_timestamp", types);
        ScalarKernel kernel = [seconds](const KernelArgs& args) {
            return UnaryExecute<int64_t, int64_t>(*args.columns[0], args.num_rows, LogicalType::BigInt(), seconds);
        };
        return BoundScalarFunction{
            "unix_timestamp", {LogicalType::DateTime()}, LogicalType::BigInt(), std::move(kernel)};
    }
    ScalarKernel kernel = [seconds](const KernelArgs& args) {
        return BuildValues<int64_t>(args, LogicalType::BigInt(), [&](size_t i, int64_t& out) {
            if (!AllValidAt(args, i)) return false;
            auto parsed = ParseWithFormat(StringAt(*args.columns[0], i).view(),
                                          TranslateJavaPattern(StringAt(*args.columns[1], i).view()));
            if (!parsed) return false;
            out = seconds(*parsed);
            return true;
        });
    };
    return BindSignature("unix_timestamp", types, "SS", 2, LogicalType::BigInt(), std::move(kernel));
}

}  // namespace

void RegisterDateFormatFunctions(FunctionRegistry& registry) {
    registry.RegisterScalar("date_format", BindDateFormat);
    registry.RegisterScalar("str_to_date", BindStrToDate);
    registry.RegisterAlias("str2date", "str_to_date");
    registry.RegisterScalar("from_unixtime", BindFromUnixtime);
    // unix_timestamp() is the current time: a non-deterministic call fixed at bind time.
    ScalarBinder current = [](const std::vector<LogicalType>&) -> Result<BoundScalarFunction> {
        auto now = std::chrono::system_clock::now().time_since_epoch();
        int64_t seconds = std::chrono::duration_cast<std::chrono::seconds>(now).count();
        BoundScalarFunction bound{"unix_timestamp", {}, LogicalType::BigInt(), [seconds](const KernelArgs& args) {
                                      return Column::MakeConstant(Value::BigInt(seconds), args.num_rows);
                                  }};
        bound.deterministic = false;
        return bound;
    };
    registry.RegisterScalar("unix_timestamp", [current](const std::vector<LogicalType>& types) {
        return BindUnixTimestamp(types, current);
    });
}

// Whether a date format has fields finer than a day (str_to_date then gives DATETIME, else DATE).
bool DateFormatHasTime(std::string_view format) {
    format = TranslateJavaPattern(format);
    for (size_t i = 0; i + 1 < format.size(); ++i) {
        if (format[i] != '%') continue;
        char spec = format[++i];
        if (std::string_view("HkhIlipsSfTr").find(spec) != std::string_view::npos) return true;
    }
    return false;
}

}  // namespace flashlake::functions
