#pragma once

#include <cstdint>
#include <string>

#include "types/int128.h"
#include "types/logical_type.h"

namespace flashlake {

// One typed SQL value, possibly NULL: literals, constant-folded results, statistics, and the
// slow row-at-a-time paths (tests, printing). Columns never store Values.
class Value {
public:
    Value() = default;  // NULL of type NULL

    static Value Null(LogicalType type);
    static Value Boolean(bool value);
    static Value TinyInt(int8_t value) { return Integer(LogicalType::TinyInt(), value); }
    static Value SmallInt(int16_t value) { return Integer(LogicalType::SmallInt(), value); }
    static Value Int(int32_t value) { return Integer(LogicalType::Int(), value); }
    static Value BigInt(int64_t value) { return Integer(LogicalType::BigInt(), value); }
    static Value LargeInt(int128_t value);
    static Value Float(float value);
    static Value Double(double value);
    static Value Decimal(int128_t unscaled, int precision, int scale);
    static Value Date(int32_t days) { return Integer(LogicalType::Date(), days); }
    static Value DateTime(int64_t micros) { return Integer(LogicalType::DateTime(), micros); }
    static Value Varchar(std::string text);
    // A value of a binary-backed type (VARBINARY, BITMAP, HLL, JSON) from its bytes.
    static Value Binary(LogicalType type, std::string bytes);

    const LogicalType& type() const { return type_; }
    bool is_null() const { return is_null_; }

    bool GetBool() const { return integer_ != 0; }
    // TINYINT..BIGINT, DATE, DATETIME, and DECIMAL(p<=18) unscaled.
    int64_t GetInt64() const { return integer_; }
    // Any integer type or DECIMAL unscaled.
    int128_t GetInt128() const { return large_; }
    double GetDouble() const { return double_; }
    float GetFloat() const { return static_cast<float>(double_); }
    const std::string& GetString() const { return string_; }

    // The text a MySQL client shows for the value; "NULL" for NULL.
    std::string ToString() const;
    // Total order within one type; NULL sorts first. Values of different types: compare by text
    // of their types (callers cast first; this only keeps the order total).
    int Compare(const Value& other) const;
    bool operator==(const Value& other) const { return Compare(other) == 0 && is_null_ == other.is_null_; }

private:
    static Value Integer(LogicalType type, int64_t value);

    LogicalType type_;
    bool is_null_ = true;
    int64_t integer_ = 0;
    int128_t large_ = 0;  // integers and decimals, widened, so that 128-bit code paths need no switch
    double double_ = 0;
    std::string string_;
};

}  // namespace flashlake
