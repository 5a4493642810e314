#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "types/value.h"

namespace flashlake::lake {

enum class PredicateOp : uint8_t {
    kEqual,
    kNotEqual,
    kLess,
    kLessEqual,
    kGreater,
    kGreaterEqual,
    kIsNull,
    kIsNotNull,
};

// One conjunct "column op value" a scan may use to skip data: partitions (exactly), data files
// and Parquet row groups (by min/max statistics). A scan's predicates form a conjunction. They
// are hints: a scan never returns rows a predicate rules out by statistics, but it does return
// other rows that do not satisfy it, so the engine still filters rows itself.
// `value` is ignored by IS [NOT] NULL. A value that does not convert exactly to the column's
// type (2.5 against an INT column) prunes nothing.
struct ScanPredicate {
    std::string column;  // a table column, by name
    PredicateOp op = PredicateOp::kEqual;
    Value value;

    std::string ToString() const;
};

// What a file or row group's statistics say about one column. Min/max may be truncated bounds
// (strings); absent when unknown or when every value is NULL.
struct ColumnStats {
    std::optional<Value> min;
    std::optional<Value> max;
    std::optional<int64_t> null_count;
    int64_t row_count = 0;
};

// `literal` as a value of `type` when the conversion is exact (round-trips), else nullopt.
std::optional<Value> CoerceLiteral(const Value& literal, const LogicalType& type);

// Whether `value` (of the column's type) satisfies `predicate` (SQL: NULL satisfies only IS NULL).
// The predicate's value must already have the column's type (CoerceLiteral).
bool PredicateMatches(const ScanPredicate& predicate, const Value& value);

// False only when no row described by `stats` can satisfy `predicate`.
bool PredicateMayMatch(const ScanPredicate& predicate, const ColumnStats& stats);

}  // namespace flashlake::lake
