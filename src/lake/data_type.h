#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "format/json/json_value.h"
#include "types/logical_type.h"

namespace flashlake::lake {

// Paimon's logical types (paimon-api `org.apache.paimon.types`), as schema files spell them.
// They carry more than Flashlake's LogicalType: TIMESTAMP precision and time-zone kind, CHAR /
// BINARY lengths, TIME, nullability, MAP/ROW/MULTISET. The BinaryRow layout depends on those
// details (a TIMESTAMP(3) is one slot, a TIMESTAMP(6) also takes var-part bytes), so the lake
// layer works with DataType and converts to LogicalType only at its edge (ToLogicalType).
enum class TypeRoot : uint8_t {
    kBoolean,
    kTinyInt,
    kSmallInt,
    kInt,
    kBigInt,
    kFloat,
    kDouble,
    kDecimal,       // precision 1..38, scale 0..precision
    kChar,          // length 1..2^31-1
    kVarchar,       // length 1..2^31-1; STRING = VARCHAR(2147483647)
    kBinary,        // length 1..2^31-1
    kVarbinary,     // BYTES = VARBINARY(2147483647)
    kDate,          // int days since 1970-01-01
    kTime,          // int milliseconds of the day; precision 0..9
    kTimestamp,     // TIMESTAMP(p) WITHOUT TIME ZONE, p 0..9
    kTimestampLtz,  // TIMESTAMP(p) WITH LOCAL TIME ZONE (an instant), p 0..9
    kArray,
    kMap,
    kMultiset,
    kRow,
    kVariant,
    kBlob,
};

struct DataField;

// One Paimon type. Immutable value type; nested children are shared.
class DataType {
public:
    static constexpr int32_t kMaxLength = 2147483647;

    DataType() : DataType(TypeRoot::kInt) {}
    explicit DataType(TypeRoot root, bool nullable = true) : root_(root), nullable_(nullable) {}

    static DataType Boolean() { return DataType(TypeRoot::kBoolean); }
    static DataType TinyInt() { return DataType(TypeRoot::kTinyInt); }
    static DataType SmallInt() { return DataType(TypeRoot::kSmallInt); }
    static DataType Int() { return DataType(TypeRoot::kInt); }
    static DataType BigInt() { return DataType(TypeRoot::kBigInt); }
    static DataType Float() { return DataType(TypeRoot::kFloat); }
    static DataType Double() { return DataType(TypeRoot::kDouble); }
    static DataType Decimal(int precision, int scale);
    static DataType Char(int32_t length) { return Sized(TypeRoot::kChar, length); }
    static DataType Varchar(int32_t length) { return Sized(TypeRoot::kVarchar, length); }
    static DataType String() { return Varchar(kMaxLength); }
    static DataType Binary(int32_t length) { return Sized(TypeRoot::kBinary, length); }
    static DataType Varbinary(int32_t length) { return Sized(TypeRoot::kVarbinary, length); }
    static DataType Bytes() { return Varbinary(kMaxLength); }
    static DataType Date() { return DataType(TypeRoot::kDate); }
    static DataType Time(int precision = 0) { return Sized(TypeRoot::kTime, precision); }
    static DataType Timestamp(int precision = 6) { return Sized(TypeRoot::kTimestamp, precision); }
    static DataType TimestampLtz(int precision = 6) { return Sized(TypeRoot::kTimestampLtz, precision); }
    static DataType Array(DataType element);
    static DataType Multiset(DataType element);
    static DataType Map(DataType key, DataType value);
    static DataType Row(std::vector<DataField> fields);

    // Parses the SQL-like spelling of schema files: "INT NOT NULL", "DECIMAL(10, 2)", "STRING",
    // "TIMESTAMP(3) WITH LOCAL TIME ZONE", and nested forms "ARRAY<INT>", "MAP<INT, STRING>",
    // "ROW<`a` INT, b STRING NOT NULL>". Keywords are case-insensitive. Errors name the text.
    static Result<DataType> Parse(std::string_view text);
    // Parses a schema file's "type" member: a string (above) or an object for nested types
    // ({"type": "ARRAY", "element": ...}, MAP key/value, MULTISET element, ROW fields).
    static Result<DataType> FromJson(const format::json::Value& json);
    // The form Paimon writes: a string for atomic types, an object for nested ones.
    format::json::Value ToJson() const;
    // SQL spelling as Paimon's asSQLString: "INT NOT NULL", "STRING", "ARRAY<INT>".
    std::string ToString() const;

    // Flashlake's type for columns of this type: integers, FLOAT, DOUBLE and DECIMAL as is,
    // CHAR/VARCHAR -> VARCHAR, BINARY/VARBINARY/BLOB -> VARBINARY, DATE -> DATE, TIME -> INT
    // (milliseconds of the day), TIMESTAMP and TIMESTAMP_LTZ -> DATETIME (microseconds; an LTZ
    // value is the UTC wall clock), ARRAY -> ARRAY. MAP, MULTISET, ROW and VARIANT have no
    // Flashlake type yet: kNotSupported.
    Result<LogicalType> ToLogicalType() const;
    // The Paimon type that stores a Flashlake column: DATETIME -> TIMESTAMP(6), VARCHAR(n) ->
    // VARCHAR(n), VARBINARY/BITMAP/HLL -> BYTES, JSON -> STRING. LARGEINT and NULL fail.
    static Result<DataType> FromLogicalType(const LogicalType& type);

    TypeRoot root() const { return root_; }
    bool nullable() const { return nullable_; }
    DataType WithNullable(bool nullable) const;

    // DECIMAL, TIME, TIMESTAMP, TIMESTAMP_LTZ.
    int32_t precision() const { return length_; }
    // DECIMAL.
    int32_t scale() const { return scale_; }
    // CHAR, VARCHAR, BINARY, VARBINARY.
    int32_t length() const { return length_; }
    // ARRAY and MULTISET element; MAP key and value.
    const DataType& element() const;
    const DataType& key() const;
    const DataType& value() const;
    // ROW fields.
    const std::vector<DataField>& fields() const;

    bool IsNested() const;
    bool IsTimestamp() const { return root_ == TypeRoot::kTimestamp || root_ == TypeRoot::kTimestampLtz; }
    bool IsStringLike() const { return root_ == TypeRoot::kChar || root_ == TypeRoot::kVarchar; }
    bool IsBinaryLike() const;

    bool operator==(const DataType& other) const;
    bool operator!=(const DataType& other) const { return !(*this == other); }

private:
    static DataType Sized(TypeRoot root, int32_t length);

    TypeRoot root_;
    bool nullable_ = true;
    int32_t length_ = 0;  // length, or precision
    int32_t scale_ = 0;
    std::shared_ptr<const std::vector<DataType>> children_;  // element, or key + value
    std::shared_ptr<const std::vector<DataField>> fields_;
};

// A named column with its Paimon field id (ids, not names or positions, identify columns across
// schema changes). The same shape is used for top-level columns and ROW fields.
struct DataField {
    int32_t id = 0;
    std::string name;
    DataType type;
    std::optional<std::string> description;

    // {"id": .., "name": .., "type": .., "description": ..?}.
    static Result<DataField> FromJson(const format::json::Value& json);
    format::json::Value ToJson() const;

    bool operator==(const DataField& other) const = default;
};

// The largest field id in `fields`, nested ROW fields included (-1 for none).
int32_t MaxFieldId(const std::vector<DataField>& fields);

}  // namespace flashlake::lake
