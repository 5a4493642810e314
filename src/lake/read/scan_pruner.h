#pragma once

#include <vector>

#include "lake/data_file_meta.h"
#include "lake/read/data_file_reader.h"
#include "lake/table_schema.h"
#include "types/value.h"

namespace flashlake::lake {

// Judges partitions and data files against a scan's predicates (values already of the columns'
// types). Partition values are exact; file statistics are bounds, mapped to the current schema
// by field id (a column whose type changed since the file was written is not judged).
class ScanPruner {
public:
    ScanPruner(const TableSchema& schema, std::vector<FieldPredicate> predicates);

    // Whether a partition with these values (in partition-key order) may hold matching rows.
    bool PartitionMayMatch(const std::vector<Value>& partition_values) const;
    // Whether `file` may hold rows matching every predicate, by its value statistics.
    bool FileMayMatch(const DataFileMeta& file, const TableSchema& file_schema) const;
    // The same using only predicates on trimmed primary-key columns and the key statistics.
    bool FileKeysMayMatch(const DataFileMeta& file, const TableSchema& file_schema) const;

    bool has_key_predicates() const { return has_key_predicates_; }
    bool has_value_predicates() const { return !predicates_.empty(); }

private:
    bool StatsMayMatch(const std::vector<DataField>& stats_fields, const SimpleStats& stats, int64_t row_count,
                       bool keys_only) const;

    std::vector<FieldPredicate> predicates_;
    std::vector<int> partition_index_;  // per predicate: partition key position, or -1
    std::vector<bool> on_key_;          // per predicate: on a trimmed primary-key column
    bool has_key_predicates_ = false;
};

}  // namespace flashlake::lake
