#include "types/cast.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

#include "types/date_time.h"
#include "types/decimal.h"

namespace flashlake {

namespace {

std::string_view TrimSpaces(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return text;
}

Result<Value> Fail(const Value& value, const LogicalType& target, bool strict) {
    if (!strict) return Value::Null(target);
    return Status(ErrorCode::kInvalidCast,
                  ConcatParts("cannot cast ", value.type().ToString(), " value '", value.ToString(), "' to ",
                              target.ToString()));
}

Value MakeInteger(TypeId id, int128_t value) {
    switch (id) {
        case TypeId::kTinyInt: return Value::TinyInt(static_cast<int8_t>(value));
        case TypeId::kSmallInt: return Value::SmallInt(static_cast<int16_t>(value));
        case TypeId::kInt: return Value::Int(static_cast<int32_t>(value));
        case TypeId::kBigInt: return Value::BigInt(static_cast<int64_t>(value));
        default: return Value::LargeInt(value);
    }
}

Result<Value> CastToInteger(const Value& value, const LogicalType& target, bool strict) {
    const LogicalType& source = value.type();
    int128_t result;
    if (source.IsInteger() || source.id() == TypeId::kBoolean) {
        result = value.GetInt128();
    } else if (source.id() == TypeId::kDecimal) {
        // StarRocks truncates toward zero when casting DECIMAL to an integer.
        result = value.GetInt128() / decimal::PowerOfTen(source.scale());
    } else if (source.IsFloating()) {
        double number = value.GetDouble();
        if (!std::isfinite(number) || std::fabs(number) >= 1.7e38) return Fail(value, target, strict);
        result = static_cast<int128_t>(number);
    } else if (source.IsString()) {
        auto parsed = ParseLargeInteger(value.GetString());
        if (!parsed) {
            // '12.7' casts to 12 as in StarRocks: parse as a number, then truncate.
            auto floating = ParseFloating(value.GetString());
            if (!floating || std::fabs(*floating) >= 1.7e38) return Fail(value, target, strict);
            parsed = static_cast<int128_t>(*floating);
        }
        result = *parsed;
    } else if (source.id() == TypeId::kDate) {
        date_time::CivilDate d = date_time::CivilFromDays(static_cast<int32_t>(value.GetInt64()));
        result = d.year * 10000 + d.month * 100 + d.day;
    } else if (source.id() == TypeId::kDateTime) {
        date_time::CivilDateTime t = date_time::CivilFromDateTime(value.GetInt64());
        result = (static_cast<int128_t>(t.date.year) * 10000 + t.date.month * 100 + t.date.day) * 1000000 +
                 t.hour * 10000 + t.minute * 100 + t.second;
    } else {
        return Fail(value, target, strict);
    }
    if (!IntegerFitsType(result, target.id())) return Fail(value, target, strict);
    return MakeInteger(target.id(), result);
}

Result<Value> CastToDecimal(const Value& value, const LogicalType& target, bool strict) {
    const LogicalType& source = value.type();
    Result<int128_t> result = Status::Internal("unset");
    if (source.IsInteger() || source.id() == TypeId::kBoolean) {
        result = decimal::Rescale(value.GetInt128(), 0, target.scale(), target.precision());
    } else if (source.id() == TypeId::kDecimal) {
        result = decimal::Rescale(value.GetInt128(), source.scale(), target.scale(), target.precision());
    } else if (source.IsFloating()) {
        result = decimal::FromDouble(value.GetDouble(), target.precision(), target.scale());
    } else if (source.IsString()) {
        result = decimal::Parse(value.GetString(), target.precision(), target.scale());
    } else {
        return Fail(value, target, strict);
    }
    if (!result.ok()) return strict ? Result<Value>(result.status()) : Value::Null(target);
    return Value::Decimal(*result, target.precision(), target.scale());
}

Result<Value> CastToFloating(const Value& value, const LogicalType& target, bool strict) {
    const LogicalType& source = value.type();
    double number;
    if (source.IsNumeric() || source.id() == TypeId::kBoolean) {
        number = value.GetDouble();
    } else if (source.IsString()) {
        auto parsed = ParseFloating(value.GetString());
        if (!parsed) return Fail(value, target, strict);
        number = *parsed;
    } else {
        return Fail(value, target, strict);
    }
    return target.id() == TypeId::kFloat ? Value::Float(static_cast<float>(number)) : Value::Double(number);
}

Result<Value> CastToTemporal(const Value& value, const LogicalType& target, bool strict) {
    const LogicalType& source = value.type();
    bool to_date = target.id() == TypeId::kDate;
    if (source.id() == TypeId::kDate) {
        return to_date ? value : Value::DateTime(date_time::DateToDateTime(static_cast<int32_t>(value.GetInt64())));
    }
    if (source.id() == TypeId::kDateTime) {
        return to_date ? Value::Date(date_time::DateTimeToDate(value.GetInt64())) : value;
    }
    if (source.IsString()) {
        if (to_date) {
            auto days = date_time::ParseDate(value.GetString());
            if (!days.ok()) return strict ? Result<Value>(days.status()) : Value::Null(target);
            return Value::Date(*days);
        }
        auto micros = date_time::ParseDateTime(value.GetString());
        if (!micros.ok()) return strict ? Result<Value>(micros.status()) : Value::Null(target);
        return Value::DateTime(*micros);
    }
    if (source.IsInteger()) {
        // 20240105 -> 2024-01-05, as MySQL and StarRocks read integer dates.
        auto text = value.ToString();
        auto parsed = to_date ? date_time::ParseDate(text) : Result<int32_t>(Status::InvalidArgument(""));
        if (to_date && parsed.ok()) return Value::Date(*parsed);
        if (!to_date) {
            auto micros = date_time::ParseDateTime(text);
            if (micros.ok()) return Value::DateTime(*micros);
        }
    }
    return Fail(value, target, strict);
}

}  // namespace

bool IntegerFitsType(int128_t value, TypeId type) {
    switch (type) {
        case TypeId::kBoolean: return value == 0 || value == 1;
        case TypeId::kTinyInt: return value >= INT8_MIN && value <= INT8_MAX;
        case TypeId::kSmallInt: return value >= INT16_MIN && value <= INT16_MAX;
        case TypeId::kInt: return value >= INT32_MIN && value <= INT32_MAX;
        case TypeId::kBigInt: return value >= INT64_MIN && value <= INT64_MAX;
        default: return true;
    }
}

std::optional<int64_t> ParseInteger(std::string_view text) {
    text = TrimSpaces(text);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    int64_t value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

std::optional<int128_t> ParseLargeInteger(std::string_view text) {
    text = TrimSpaces(text);
    bool negative = false;
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    if (text.empty() || text.size() > 39) return std::nullopt;
    int128_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        if (__builtin_mul_overflow(value, 10, &value) || __builtin_add_overflow(value, c - '0', &value)) {
            return std::nullopt;
        }
    }
    return negative ? -value : value;
}

std::optional<double> ParseFloating(std::string_view text) {
    text = TrimSpaces(text);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    double value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

std::optional<bool> ParseBoolean(std::string_view text) {
    text = TrimSpaces(text);
    if (text == "1" || text == "true" || text == "TRUE" || text == "True") return true;
    if (text == "0" || text == "false" || text == "FALSE" || text == "False") return false;
    if (auto number = ParseFloating(text)) return *number != 0;
    return std::nullopt;
}

Result<Value> CastValue(const Value& value, const LogicalType& target, bool strict) {
    if (value.is_null()) return Value::Null(target);
    const LogicalType& source = value.type();
    if (source == target && target.id() != TypeId::kDecimal) return value;
    switch (target.id()) {
        case TypeId::kNull: return Value::Null(target);
        case TypeId::kBoolean: {
            if (source.IsString()) {
                auto parsed = ParseBoolean(value.GetString());
                if (!parsed) return Fail(value, target, strict);
                return Value::Boolean(*parsed);
            }
            if (source.IsNumeric() || source.id() == TypeId::kBoolean) return Value::Boolean(value.GetDouble() != 0);
            return Fail(value, target, strict);
        }
        case TypeId::kTinyInt:
        case TypeId::kSmallInt:
        case TypeId::kInt:
        case TypeId::kBigInt:
        case TypeId::kLargeInt: return CastToInteger(value, target, strict);
        case TypeId::kFloat:
        case TypeId::kDouble: return CastToFloating(value, target, strict);
        case TypeId::kDecimal: return CastToDecimal(value, target, strict);
        case TypeId::kDate:
        case TypeId::kDateTime: return CastToTemporal(value, target, strict);
        case TypeId::kVarchar: return Value::Varchar(value.ToString());
        case TypeId::kVarbinary:
        case TypeId::kJson:
            if (source.IsBinaryBacked()) return Value::Binary(target, value.GetString());
            return Fail(value, target, strict);
        case TypeId::kBitmap:
        case TypeId::kHll:
        case TypeId::kArray: return Fail(value, target, strict);
    }
    return Fail(value, target, strict);
}

}  // namespace flashlake
