#include "types/logical_type.h"

#include "types/string_view.h"
#include "common/check.h"

namespace flashlake {

LogicalType LogicalType::Decimal(int precision, int scale) {
    FL_CHECK(precision >= 1 && precision <= kMaxDecimalPrecision && scale >= 0 && scale <= precision,
             "bad DECIMAL(", precision, ",", scale, ")");
    LogicalType type(TypeId::kDecimal);
    type.precision_ = static_cast<uint8_t>(precision);
    type.scale_ = static_cast<uint8_t>(scale);
    return type;
}

LogicalType LogicalType::Varchar(int length) {
    LogicalType type(TypeId::kVarchar);
    type.length_ = length;
    return type;
}

LogicalType LogicalType::Array(LogicalType element) {
    LogicalType type(TypeId::kArray);
    type.element_ = std::make_shared<const LogicalType>(std::move(element));
    return type;
}

const LogicalType& LogicalType::element() const {
    FL_CHECK(id_ == TypeId::kArray && element_, "element() of non-ARRAY type ", ToString());
    return *element_;
}

PhysicalType LogicalType::physical() const {
    switch (id_) {
        case TypeId::kNull:
        case TypeId::kBoolean: return PhysicalType::kBool;
        case TypeId::kTinyInt: return PhysicalType::kInt8;
        case TypeId::kSmallInt: return PhysicalType::kInt16;
        case TypeId::kInt:
        case TypeId::kDate: return PhysicalType::kInt32;
        case TypeId::kBigInt:
        case TypeId::kDateTime: return PhysicalType::kInt64;
        case TypeId::kLargeInt: return PhysicalType::kInt128;
        case TypeId::kFloat: return PhysicalType::kFloat;
        case TypeId::kDouble: return PhysicalType::kDouble;
        case TypeId::kDecimal: return precision_ <= kMaxDecimal64Precision ? PhysicalType::kInt64 : PhysicalType::kInt128;
        case TypeId::kVarchar:
        case TypeId::kVarbinary:
        case TypeId::kBitmap:
        case TypeId::kHll:
        case TypeId::kJson: return PhysicalType::kString;
        case TypeId::kArray: return PhysicalType::kList;
    }
    FL_CHECK(false, "unknown TypeId ", static_cast<int>(id_));
    return PhysicalType::kBool;
}

bool LogicalType::IsInteger() const { return id_ >= TypeId::kTinyInt && id_ <= TypeId::kLargeInt; }

bool LogicalType::IsNumeric() const { return IsInteger() || IsFloating() || id_ == TypeId::kDecimal; }

bool LogicalType::IsBinaryBacked() const { return physical() == PhysicalType::kString; }

std::string LogicalType::ToString() const {
    switch (id_) {
        case TypeId::kNull: return "NULL";
        case TypeId::kBoolean: return "BOOLEAN";
        case TypeId::kTinyInt: return "TINYINT";
        case TypeId::kSmallInt: return "SMALLINT";
        case TypeId::kInt: return "INT";
        case TypeId::kBigInt: return "BIGINT";
        case TypeId::kLargeInt: return "LARGEINT";
        case TypeId::kFloat: return "FLOAT";
        case TypeId::kDouble: return "DOUBLE";
        case TypeId::kDecimal: return "DECIMAL(" + std::to_string(precision_) + "," + std::to_string(scale_) + ")";
        case TypeId::kDate: return "DATE";
        case TypeId::kDateTime: return "DATETIME";
        case TypeId::kVarchar: return "VARCHAR(" + std::to_string(length_) + ")";
        case TypeId::kVarbinary: return "VARBINARY";
        case TypeId::kBitmap: return "BITMAP";
        case TypeId::kHll: return "HLL";
        case TypeId::kJson: return "JSON";
        case TypeId::kArray: return "ARRAY<" + element().ToString() + ">";
    }
    return "UNKNOWN";
}

bool LogicalType::operator==(const LogicalType& other) const {
    if (id_ != other.id_) return false;
    switch (id_) {
        case TypeId::kDecimal: return precision_ == other.precision_ && scale_ == other.scale_;
        case TypeId::kArray: return element() == other.element();
        default: return true;  // VARCHAR lengths do not make values incomparable
    }
}

size_t PhysicalTypeSize(PhysicalType type) {
    switch (type) {
        case PhysicalType::kBool:
        case PhysicalType::kInt8: return 1;
        case PhysicalType::kInt16: return 2;
        case PhysicalType::kInt32:
        case PhysicalType::kFloat: return 4;
        case PhysicalType::kInt64:
        case PhysicalType::kDouble: return 8;
        case PhysicalType::kInt128: return 16;
        case PhysicalType::kString: return sizeof(StringView);
        case PhysicalType::kList: return 8;
    }
    return 0;
}

}  // namespace flashlake
