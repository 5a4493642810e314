#pragma once

#include <optional>

#include "types/logical_type.h"

namespace flashlake {

// The type two operands are brought to before a comparison, arithmetic, CASE branch or UNION
// column, following StarRocks: integers widen, integer and DECIMAL give DECIMAL, anything with
// FLOAT/DOUBLE gives DOUBLE, a string against a number compares as DOUBLE, a string against a
// date/datetime compares as that temporal type, DATE against DATETIME gives DATETIME.
// nullopt when the two have no common type (e.g. BITMAP and INT).
std::optional<LogicalType> CommonSuperType(const LogicalType& left, const LogicalType& right);

// Whether a value of `from` may be converted to `to` without an explicit CAST (assignments in
// INSERT, function arguments).
bool CanImplicitlyCast(const LogicalType& from, const LogicalType& to);

// DECIMAL(p, s) that holds every value of an integer type exactly, e.g. INT -> DECIMAL(10,0).
LogicalType DecimalForInteger(const LogicalType& integer);

}  // namespace flashlake
