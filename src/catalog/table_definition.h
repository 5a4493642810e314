#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "types/logical_type.h"

namespace flashlake::catalog {

// How rows with equal keys combine, as StarRocks' table models name it.
enum class TableModel {
    kDuplicate,  // DUPLICATE KEY or no key: an append table, every row kept
    kPrimary,    // PRIMARY KEY / UNIQUE KEY: the latest row per key wins
    kAggregate,  // AGGREGATE KEY: value columns combine with their aggregate (SUM, MAX, ...)
};

// How an AGGREGATE KEY table combines a value column.
enum class ColumnAggregation { kNone, kSum, kMin, kMax, kReplace, kReplaceIfNotNull, kBitmapUnion, kHllUnion };

struct ColumnDefinition {
    std::string name;
    LogicalType type;
    bool nullable = true;
    ColumnAggregation aggregation = ColumnAggregation::kNone;
    std::string comment;
};

// One PARTITION BY item: a column, or date_trunc('<unit>', column), which becomes a generated
// partition column (lake/generated_partition.h).
struct PartitionKeyDefinition {
    std::string column;
    std::string trunc_unit;  // as written; empty: partition by the column itself
};

// A table as CREATE TABLE describes it, before it becomes a lake (Paimon) schema.
struct TableDefinition {
    std::vector<ColumnDefinition> columns;
    TableModel model = TableModel::kDuplicate;
    std::vector<std::string> key_columns;            // PRIMARY/AGGREGATE/UNIQUE/DUPLICATE KEY columns
    std::vector<PartitionKeyDefinition> partitions;  // PARTITION BY
    std::vector<std::string> bucket_columns;         // DISTRIBUTED BY HASH(...)
    int32_t buckets = 0;                             // 0: the default for the model
    std::vector<std::pair<std::string, std::string>> properties;
    std::string comment;
};

}  // namespace flashlake::catalog
