#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace flashlake {

// The SQL types Flashlake knows. BITMAP, HLL and JSON are stored as binary today (serialized
// Roaring bitmaps, HLL sketches, JSON text) and ARRAY carries its element type; later issues give
// them their own operations without changing how columns hold them.
enum class TypeId : uint8_t {
    kNull,  // the type of a bare NULL literal; casts implicitly to any type
    kBoolean,
    kTinyInt,
    kSmallInt,
    kInt,
    kBigInt,
    kLargeInt,  // 128-bit integer
    kFloat,
    kDouble,
    kDecimal,   // DECIMAL(p, s), p <= 38
    kDate,      // days since 1970-01-01
    kDateTime,  // microseconds since 1970-01-01 00:00:00, no time zone
    kVarchar,
    kVarbinary,
    kBitmap,
    kHll,
    kJson,
    kArray,
};

// How a column of a type stores one value in memory.
enum class PhysicalType : uint8_t {
    kBool,    // uint8_t, 0 or 1
    kInt8,
    kInt16,
    kInt32,
    kInt64,
    kInt128,
    kFloat,
    kDouble,
    kString,  // StringView into a string heap
    kList,    // reserved for ARRAY (offsets + child column); not yet implemented
};

constexpr int kMaxDecimalPrecision = 38;
constexpr int kMaxDecimal64Precision = 18;
constexpr int kDefaultVarcharLength = 65533;  // StarRocks' default VARCHAR length

class LogicalType {
public:
    LogicalType() : id_(TypeId::kNull) {}
    explicit LogicalType(TypeId id) : id_(id) {}

    static LogicalType Null() { return LogicalType(TypeId::kNull); }
    static LogicalType Boolean() { return LogicalType(TypeId::kBoolean); }
    static LogicalType TinyInt() { return LogicalType(TypeId::kTinyInt); }
    static LogicalType SmallInt() { return LogicalType(TypeId::kSmallInt); }
    static LogicalType Int() { return LogicalType(TypeId::kInt); }
    static LogicalType BigInt() { return LogicalType(TypeId::kBigInt); }
    static LogicalType LargeInt() { return LogicalType(TypeId::kLargeInt); }
    static LogicalType Float() { return LogicalType(TypeId::kFloat); }
    static LogicalType Double() { return LogicalType(TypeId::kDouble); }
    static LogicalType Decimal(int precision, int scale);
    static LogicalType Date() { return LogicalType(TypeId::kDate); }
    static LogicalType DateTime() { return LogicalType(TypeId::kDateTime); }
    static LogicalType Varchar(int length = kDefaultVarcharLength);
    static LogicalType Varbinary() { return LogicalType(TypeId::kVarbinary); }
    static LogicalType Bitmap() { return LogicalType(TypeId::kBitmap); }
    static LogicalType Hll() { return LogicalType(TypeId::kHll); }
    static LogicalType Json() { return LogicalType(TypeId::kJson); }
    static LogicalType Array(LogicalType element);

    TypeId id() const { return id_; }
    int precision() const { return precision_; }
    int scale() const { return scale_; }
    int length() const { return length_; }
    const LogicalType& element() const;  // ARRAY only

    PhysicalType physical() const;
    bool IsInteger() const;  // TINYINT .. LARGEINT
    bool IsNumeric() const;  // integers, FLOAT, DOUBLE, DECIMAL
    bool IsFloating() const { return id_ == TypeId::kFloat || id_ == TypeId::kDouble; }
    bool IsString() const { return id_ == TypeId::kVarchar; }
    bool IsTemporal() const { return id_ == TypeId::kDate || id_ == TypeId::kDateTime; }
    bool IsBinaryBacked() const;  // stored as StringView: VARCHAR, VARBINARY, BITMAP, HLL, JSON

    // SQL spelling as SHOW CREATE TABLE and DESCRIBE print it, e.g. "DECIMAL(12,2)".
    std::string ToString() const;

    bool operator==(const LogicalType& other) const;
    bool operator!=(const LogicalType& other) const { return !(*this == other); }

private:
    TypeId id_;
    uint8_t precision_ = 0;
    uint8_t scale_ = 0;
    int32_t length_ = 0;
    std::shared_ptr<const LogicalType> element_;
};

// Bytes one value of a fixed-width physical type occupies (StringView for kString).
size_t PhysicalTypeSize(PhysicalType type);

}  // namespace flashlake
