#pragma once

#include "column/column.h"
#include "common/result.h"
#include "lake/data_type.h"

namespace flashlake::lake {

// Schema evolution on read: converts a column read from a data file written when a field had
// type `from` into the field's current type `to`, as Paimon's CastExecutors do for the type
// changes ALTER TABLE allows. The input holds values as `from.ToLogicalType()` stores them; the
// output as `to.ToLogicalType()` does.
//
// Rules (Java semantics where Paimon uses Java casts):
//   integer <-> integer      two's complement wrap-around when narrowing
//   floating -> integer      truncation toward zero, saturating, NaN -> 0
//   numeric <-> DECIMAL      rescaled, rounding half up; NULL when it does not fit
//   numeric <-> BOOLEAN      0 is false; true is 1
//   STRING -> numeric, DECIMAL, DATE, TIME, TIMESTAMP: parsed (trimmed); invalid text is NULL
//                            (Paimon fails the read instead)
//   STRING -> BOOLEAN        t/true/y/yes/1 and f/false/n/no/0, any case; else NULL
//   any -> STRING            text: booleans true/false, floats as Java's toString, timestamps
//                            "yyyy-MM-dd HH:mm:ss[.fraction]" with at least `precision` digits;
//                            cut to the target length
//   STRING <-> BYTES         the bytes
//   DATE -> TIMESTAMP        midnight; TIMESTAMP -> DATE the day; TIMESTAMP -> TIME the time
//   TIMESTAMP -> INT/BIGINT  seconds since the epoch (floor); INT/BIGINT -> TIMESTAMP: seconds
//   TIMESTAMP(p) -> TIMESTAMP(q)  truncated to q digits; WITH LOCAL TIME ZONE is taken as UTC
// Flashlake keeps timestamps in microseconds, so digits below the microsecond are already lost.
// Other pairs are kNotSupported naming both types.
Result<ColumnPtr> CastColumn(const ColumnPtr& column, const DataType& from, const DataType& to);

// Whether CastColumn supports `from` -> `to` (equal types included).
bool CanCastColumn(const DataType& from, const DataType& to);

// Whether two Paimon types store values alike (same type apart from nullability and
// CHAR/VARCHAR/BINARY lengths), so no cast is needed.
bool SameStorage(const DataType& a, const DataType& b);

}  // namespace flashlake::lake
