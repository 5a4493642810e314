#include "lake/read/scan_pruner.h"

#include <algorithm>

#include "lake/binary_row_converter.h"
#include "lake/read/column_cast.h"

namespace flashlake::lake {

ScanPruner::ScanPruner(const TableSchema& schema, std::vector<FieldPredicate> predicates)
    : predicates_(std::move(predicates)) {
    std::vector<std::string> trimmed = schema.TrimmedPrimaryKeys();
    for (const FieldPredicate& predicate : predicates_) {
        auto partition = std::find(schema.partition_keys.begin(), schema.partition_keys.end(), predicate.field.name);
        partition_index_.push_back(partition == schema.partition_keys.end()
                                       ? -1
                                       : static_cast<int>(partition - schema.partition_keys.begin()));
        bool key = std::find(trimmed.begin(), trimmed.end(), predicate.field.name) != trimmed.end();
        on_key_.push_back(key);
        has_key_predicates_ = has_key_predicates_ || key;
    }
}

bool ScanPruner::PartitionMayMatch(const std::vector<Value>& partition_values) const {
    for (size_t i = 0; i < predicates_.size(); ++i) {
        int position = partition_index_[i];
        if (position < 0 || static_cast<size_t>(position) >= partition_values.size()) continue;
        if (!PredicateMatches(predicates_[i].predicate, partition_values[position])) return false;
    }
    return true;
}

bool ScanPruner::StatsMayMatch(const std::vector<DataField>& stats_fields, const SimpleStats& stats, int64_t row_count,
                               bool keys_only) const {
    if (stats.min_values.arity() != static_cast<int32_t>(stats_fields.size()) ||
        stats.max_values.arity() != static_cast<int32_t>(stats_fields.size())) {
        return true;
    }
    std::vector<DataType> types;
    for (const DataField& field : stats_fields) types.push_back(field.type);
    auto min = DecodeBinaryRow(stats.min_values, types);
    auto max = DecodeBinaryRow(stats.max_values, types);
    if (!min.ok() || !max.ok()) return true;
    for (size_t i = 0; i < predicates_.size(); ++i) {
        if (keys_only && !on_key_[i]) continue;
        const FieldPredicate& predicate = predicates_[i];
        for (size_t p = 0; p < stats_fields.size(); ++p) {
            if (stats_fields[p].id != predicate.field.id) continue;
            if (!SameStorage(stats_fields[p].type, predicate.field.type)) break;
            ColumnStats column;
            if (!(*min)[p].is_null()) column.min = (*min)[p];
            if (!(*max)[p].is_null()) column.max = (*max)[p];
            if (stats.null_counts && p < stats.null_counts->size()) column.null_count = (*stats.null_counts)[p];
            column.row_count = row_count;
            // Without min/max, a known null count still decides IS [NOT] NULL and all-NULL files.
            if (!PredicateMayMatch(predicate.predicate, column)) return false;
            break;
        }
    }
    return true;
}

bool ScanPruner::FileMayMatch(const DataFileMeta& file, const TableSchema& file_schema) const {
    if (predicates_.empty()) return true;
    auto fields = ValueStatsFields(file_schema, file);
    if (!fields.ok()) return true;
    return StatsMayMatch(*fields, file.value_stats, file.row_count, /*keys_only=*/false);
}

bool ScanPruner::FileKeysMayMatch(const DataFileMeta& file, const TableSchema& file_schema) const {
    if (!has_key_predicates_) return true;
    auto fields = file_schema.FieldsNamed(file_schema.TrimmedPrimaryKeys());
    if (!fields.ok()) return true;
    return StatsMayMatch(*fields, file.key_stats, file.row_count, /*keys_only=*/true);
}

}  // namespace flashlake::lake
