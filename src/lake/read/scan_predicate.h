#pragma once

#include <atomic>
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
    kIn,  // equal to one of `values`
};

// One conjunct "column op value" a scan may use to skip data: partitions (exactly), data files
// and Parquet row groups (by min/max statistics). A scan's predicates form a conjunction. They
// are hints: a scan never returns rows a predicate rules out by statistics, but it does return
// other rows that do not satisfy it, so the engine still filters rows itself.
// `value` is ignored by IS [NOT] NULL and IN (which uses `values`). A value that does not
// convert exactly to the column's type (2.5 against an INT column) prunes nothing.
struct ScanPredicate {
    std::string column;  // a table column, by name
    PredicateOp op = PredicateOp::kEqual;
    Value value;
    std::vector<Value> values{};  // kIn: the list (NULLs left out: they never equal anything)

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

// What pruning did during a scan, counted by the planner (files) and the file readers (row
// groups); shared by every reader of a plan, so the counters are atomic.
struct ScanMetrics {
    std::atomic<int64_t> buckets_pruned{0};  // (partition, bucket)s skipped whole
    std::atomic<int64_t> files_pruned{0};
    std::atomic<int64_t> files_read{0};
    std::atomic<int64_t> row_groups_pruned{0};
    std::atomic<int64_t> row_groups_read{0};
    std::atomic<int64_t> rows_runtime_filtered{0};  // rows the join runtime filters removed
};

// `literal` as a value of `type` when the conversion is exact (round-trips), else nullopt.
std::optional<Value> CoerceLiteral(const Value& literal, const LogicalType& type);

// Whether `value` (of the column's type) satisfies `predicate` (SQL: NULL satisfies only IS NULL).
// The predicate's value must already have the column's type (CoerceLiteral).
bool PredicateMatches(const ScanPredicate& predicate, const Value& value);

// False only when no row described by `stats` can satisfy `predicate`.
bool PredicateMayMatch(const ScanPredicate& predicate, const ColumnStats& stats);

}  // namespace flashlake::lake
