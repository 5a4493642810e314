#include "types/type_coercion.h"

#include <algorithm>

namespace flashlake {

namespace {

int IntegerRank(TypeId id) { return static_cast<int>(id) - static_cast<int>(TypeId::kTinyInt); }

LogicalType WiderDecimal(const LogicalType& a, const LogicalType& b) {
    int scale = std::max(a.scale(), b.scale());
    int integer_digits = std::max(a.precision() - a.scale(), b.precision() - b.scale());
    int precision = std::min(kMaxDecimalPrecision, integer_digits + scale);
    return LogicalType::Decimal(precision, std::min(scale, precision));
}

}  // namespace

LogicalType DecimalForInteger(const LogicalType& integer) {
    switch (integer.id()) {
        case TypeId::kBoolean: return LogicalType::Decimal(1, 0);
        case TypeId::kTinyInt: return LogicalType::Decimal(3, 0);
        case TypeId::kSmallInt: return LogicalType::Decimal(5, 0);
        case TypeId::kInt: return LogicalType::Decimal(10, 0);
        case TypeId::kBigInt: return LogicalType::Decimal(18, 0);  // 19 digits would not fit int64 storage
        default: return LogicalType::Decimal(38, 0);
    }
}

std::optional<LogicalType> CommonSuperType(const LogicalType& left, const LogicalType& right) {
    if (left == right) {
        if (left.id() == TypeId::kVarchar) return LogicalType::Varchar(std::max(left.length(), right.length()));
        return left;
    }
    if (left.id() == TypeId::kNull) return right;
    if (right.id() == TypeId::kNull) return left;
    TypeId a = left.id(), b = right.id();
    bool left_int = left.IsInteger() || a == TypeId::kBoolean;
    bool right_int = right.IsInteger() || b == TypeId::kBoolean;
    if (left_int && right_int) {
        if (a == TypeId::kBoolean) return right;
        if (b == TypeId::kBoolean) return left;
        return IntegerRank(a) >= IntegerRank(b) ? left : right;
    }
    if (left.IsFloating() || right.IsFloating()) {
        if ((left.IsNumeric() || left_int || left.IsString()) && (right.IsNumeric() || right_int || right.IsString())) {
            return LogicalType::Double();
        }
        return std::nullopt;
    }
    if (a == TypeId::kDecimal || b == TypeId::kDecimal) {
        const LogicalType& dec = a == TypeId::kDecimal ? left : right;
        const LogicalType& other = a == TypeId::kDecimal ? right : left;
        if (other.id() == TypeId::kDecimal) return WiderDecimal(dec, other);
        if (other.IsInteger() || other.id() == TypeId::kBoolean) return WiderDecimal(dec, DecimalForInteger(other));
        if (other.IsString()) return LogicalType::Double();
        return std::nullopt;
    }
    if (left.IsTemporal() && right.IsTemporal()) return LogicalType::DateTime();
    if (left.IsTemporal() && right.IsString()) return left;
    if (right.IsTemporal() && left.IsString()) return right;
    if ((left_int && right.IsString()) || (right_int && left.IsString())) return LogicalType::Double();
    if (left.IsBinaryBacked() && right.IsBinaryBacked() && (left.IsString() || right.IsString())) {
        return LogicalType::Varchar();
    }
    return std::nullopt;
}

bool CanImplicitlyCast(const LogicalType& from, const LogicalType& to) {
    if (from == to || from.id() == TypeId::kNull) return true;
    if (to.id() == TypeId::kVarchar) return from.id() != TypeId::kBitmap && from.id() != TypeId::kHll;
    if (from.IsString()) return to.IsNumeric() || to.IsTemporal() || to.id() == TypeId::kBoolean ||
                                to.id() == TypeId::kJson || to.id() == TypeId::kVarbinary;
    if ((from.IsNumeric() || from.id() == TypeId::kBoolean) && (to.IsNumeric() || to.id() == TypeId::kBoolean)) {
        return true;
    }
    if (from.IsTemporal() && to.IsTemporal()) return true;
    return false;
}

}  // namespace flashlake
