#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "common/result.h"
#include "lake/lsm/field_aggregator.h"
#include "lake/lsm/merge_options.h"
#include "lake/read/data_file_reader.h"
#include "lake/table_schema.h"

namespace flashlake::lake {

// Everything a SplitReader needs besides its split: the schema rows are read in, the columns to
// produce, the merge engine, and the schema of every file of the plan. Built once by TableScan
// and shared (immutable) by all split readers of the plan, on any threads.
struct ReadContext {
    TableSchema schema;  // the schema rows are produced in
    // Every schema a data file of the plan was written with, by id.
    std::map<int64_t, TableSchema> file_schemas;
    // The output columns, in order.
    std::vector<DataField> projection;
    // Output chunks end with a TINYINT column of RowKind bytes (0 +I, 1 -U, 2 +U, 3 -D).
    bool include_row_kind = false;
    bool primary_key_table = false;
    std::vector<DataField> trimmed_primary_key;
    lsm::MergeOptions merge;
    std::shared_ptr<const lsm::FieldAggregatorRegistry> aggregators;
    // `deletion-vectors.enabled`.
    bool deletion_vectors = false;
    // Predicates (values of the columns' types) used to skip Parquet row groups where safe.
    std::vector<FieldPredicate> filters;
    // Where readers count pruned and read row groups; may be null.
    std::shared_ptr<ScanMetrics> metrics;

    // The schema data file `file` was written with (kCorruption if the plan lacks it).
    Result<const TableSchema*> FileSchema(int64_t schema_id) const;
    // Output column types, the row kind column included.
    std::vector<LogicalType> OutputTypes() const;
};

}  // namespace flashlake::lake
