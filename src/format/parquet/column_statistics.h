#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/result.h"
#include "format/parquet/parquet_metadata.h"
#include "format/parquet/parquet_schema.h"
#include "types/value.h"

namespace flashlake::format::parquet {

// The statistics of a column chunk (or page) as Flashlake Values of the column's type. min/max
// are absent when the writer wrote none, when they cannot be trusted (legacy min/max fields of
// columns whose order is not signed, an unknown column order, NaN bounds) or when the type has no
// defined order (INT96). Truncated bounds (is_*_exact false) still bound the values: the min is
// at most the smallest value and the max at least the largest.
struct ColumnStatistics {
    std::optional<Value> min;
    std::optional<Value> max;
    std::optional<int64_t> null_count;
    std::optional<int64_t> distinct_count;
    int64_t num_values = 0;  // values in the chunk including NULLs (rows, for flat columns)
    bool min_exact = true;
    bool max_exact = true;
};

// Converts Parquet statistics. `type_defined_order` is false when the file's column_orders names
// an order this reader does not know.
ColumnStatistics ConvertStatistics(const LeafColumn& leaf, const Statistics& stats, int64_t num_values,
                                   bool type_defined_order);

// One value of the leaf's physical type, PLAIN encoded as statistics store it (byte arrays without
// a length prefix), as a Value of the leaf's Flashlake type.
Result<Value> DecodeStatisticsValue(const LeafColumn& leaf, const std::string& bytes);

// The PLAIN encoding of `value` (of the leaf's type) in the leaf's physical type, as bloom filters
// hash it; nullopt when the value has no exact physical form (wrong type, precision lost) or the
// type has no stable encoding (INT96, variable-width decimals, UUID, FLOAT16).
std::optional<std::string> EncodePhysicalValue(const LeafColumn& leaf, const Value& value);

enum class CompareOp : uint8_t {
    kEqual,
    kNotEqual,
    kLess,
    kLessEqual,
    kGreater,
    kGreaterEqual,
    kIsNull,
    kIsNotNull,
};

// A predicate "leaf op value" used to skip row groups (and pages). `value` is ignored by IS [NOT]
// NULL. A value of another type than the column's is converted only when that is exact (so 2.5
// against an INT column prunes nothing).
struct ColumnPredicate {
    int leaf = 0;
    CompareOp op = CompareOp::kEqual;
    Value value;
};

// False only when no row described by `stats` can satisfy `predicate` (SQL semantics: NULL rows
// never satisfy a comparison).
bool StatisticsMayMatch(const LeafColumn& leaf, const ColumnStatistics& stats, const ColumnPredicate& predicate);

// `value` converted exactly to the leaf's type, or nullopt.
std::optional<Value> ExactValueOfType(const LeafColumn& leaf, const Value& value);

}  // namespace flashlake::format::parquet
