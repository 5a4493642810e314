#pragma once

#include <vector>

#include "common/result.h"
#include "lake/binary_row.h"
#include "lake/data_type.h"
#include "types/value.h"

namespace flashlake::lake {

// Conversions between BinaryRows and Flashlake Values, for partition values, primary keys and
// statistics. Value types follow DataType::ToLogicalType: TIMESTAMP(p) becomes a DATETIME in
// microseconds, so TIMESTAMP(7..9) digits below the microsecond are dropped on decode (use
// BinaryRow::GetTimestamp for the exact value) and zero on encode; TIME is an INT of
// milliseconds of the day.
//
// Encoding accepts, for each field, a NULL Value (of any type), or a value of the mapped type;
// integer values may come as any integer type that fits the field, and decimals are rescaled to
// the field's scale. A mismatch or a value that does not fit is kInvalidArgument naming the
// field. Nested types (ARRAY, MAP, ROW, MULTISET) and VARIANT can be NULL but not values yet:
// kNotSupported.
Result<BinaryRow> EncodeBinaryRow(const std::vector<Value>& values, const std::vector<DataType>& types);
// Decodes every field of `row` (arity must equal types.size()). NULL fields of types without a
// Flashlake type decode as an untyped NULL.
Result<std::vector<Value>> DecodeBinaryRow(const BinaryRow& row, const std::vector<DataType>& types);

// The same with Flashlake types, mapped by DataType::FromLogicalType (DATETIME as TIMESTAMP(6)).
Result<BinaryRow> EncodeBinaryRow(const std::vector<Value>& values, const std::vector<LogicalType>& types);
Result<std::vector<Value>> DecodeBinaryRow(const BinaryRow& row, const std::vector<LogicalType>& types);

}  // namespace flashlake::lake
