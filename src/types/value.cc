#include "types/value.h"

#include <charconv>

#include <cmath>
#include <cstdio>

#include "types/date_time.h"
#include "types/decimal.h"

namespace flashlake {

namespace {

// Shortest text that reads back to the same value (10 for 10.0, 0.1, 1e+20), as MySQL clients
// print DOUBLE and FLOAT.
std::string FormatFloating(double value, bool single) {
    if (std::isnan(value)) return "nan";
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    char buffer[64];
    auto result = single ? std::to_chars(buffer, buffer + sizeof(buffer), static_cast<float>(value))
                         : std::to_chars(buffer, buffer + sizeof(buffer), value);
    return std::string(buffer, result.ptr);
}

template <typename T>
int Order(T a, T b) {
    return a < b ? -1 : (b < a ? 1 : 0);
}

}  // namespace

Value Value::Null(LogicalType type) {
    Value value;
    value.type_ = std::move(type);
    return value;
}

Value Value::Integer(LogicalType type, int64_t integer) {
    Value value;
    value.type_ = std::move(type);
    value.is_null_ = false;
    value.integer_ = integer;
    value.large_ = integer;
    value.double_ = static_cast<double>(integer);
    return value;
}

Value Value::Boolean(bool flag) { return Integer(LogicalType::Boolean(), flag ? 1 : 0); }

Value Value::LargeInt(int128_t integer) {
    Value value = Integer(LogicalType::LargeInt(), static_cast<int64_t>(integer));
    value.large_ = integer;
    value.double_ = static_cast<double>(integer);
    return value;
}

Value Value::Float(float number) {
    Value value = Double(number);
    value.type_ = LogicalType::Float();
    return value;
}

Value Value::Double(double number) {
    Value value;
    value.type_ = LogicalType::Double();
    value.is_null_ = false;
    value.double_ = number;
    return value;
}

Value Value::Decimal(int128_t unscaled, int precision, int scale) {
    Value value = LargeInt(unscaled);
    value.type_ = LogicalType::Decimal(precision, scale);
    value.double_ = decimal::ToDouble(unscaled, scale);
    return value;
}

Value Value::Varchar(std::string text) {
    Value value;
    value.type_ = LogicalType::Varchar();
    value.is_null_ = false;
    value.string_ = std::move(text);
    return value;
}

Value Value::Binary(LogicalType type, std::string bytes) {
    Value value = Varchar(std::move(bytes));
    value.type_ = std::move(type);
    return value;
}

std::string Value::ToString() const {
    if (is_null_) return "NULL";
    switch (type_.id()) {
        case TypeId::kNull: return "NULL";
        case TypeId::kBoolean:
        case TypeId::kTinyInt:
        case TypeId::kSmallInt:
        case TypeId::kInt:
        case TypeId::kBigInt: return std::to_string(integer_);
        case TypeId::kLargeInt: return Int128ToString(large_);
        case TypeId::kFloat: return FormatFloating(double_, true);
        case TypeId::kDouble: return FormatFloating(double_, false);
        case TypeId::kDecimal: return decimal::Format(large_, type_.scale());
        case TypeId::kDate: return date_time::FormatDate(static_cast<int32_t>(integer_));
        case TypeId::kDateTime: return date_time::FormatDateTime(integer_);
        case TypeId::kVarchar:
        case TypeId::kVarbinary:
        case TypeId::kJson: return string_;
        case TypeId::kBitmap:
        case TypeId::kHll: return string_.empty() ? "" : "\\N";  // StarRocks prints opaque types as \N
        case TypeId::kArray: return "[]";
    }
    return "?";
}

int Value::Compare(const Value& other) const {
    if (is_null_ || other.is_null_) return Order(!is_null_, !other.is_null_);
    if (type_.id() != other.type_.id()) {
        if (type_.IsNumeric() && other.type_.IsNumeric()) return Order(double_, other.double_);
        return Order(static_cast<int>(type_.id()), static_cast<int>(other.type_.id()));
    }
    switch (type_.physical()) {
        case PhysicalType::kFloat:
        case PhysicalType::kDouble: return Order(double_, other.double_);
        case PhysicalType::kString: return Order(string_.compare(other.string_), 0);
        default: break;
    }
    if (type_.id() == TypeId::kDecimal && type_.scale() != other.type_.scale()) {
        return Order(double_, other.double_);
    }
    return Order(large_, other.large_);
}

}  // namespace flashlake
