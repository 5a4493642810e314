#pragma once

#include <string>
#include <vector>

#include "format/csv/csv_reader.h"
#include "lake/read/scan_predicate.h"
#include "types/logical_type.h"

namespace flashlake::planner {

enum class FileFormat { kParquet, kCsv };

// What a scan of files (the FILES() table function) reads: the files the path pattern matched
// at bind time, their format and options, and the schema every file is read with.
struct FileScanSpec {
    FileFormat format = FileFormat::kParquet;
    std::vector<std::string> paths;
    std::vector<std::string> names;
    std::vector<LogicalType> types;
    format::csv::CsvOptions csv;
    // Parquet: the leaf index of each output column in the file schema, per file (files may order
    // columns differently; they are matched by name).
    std::vector<std::vector<int>> parquet_leaves;
    // Parquet: conjuncts of the filter above the scan, by output column name, that skip row
    // groups by their statistics and bloom filters (hints: the filter stays). predicate_pushdown.
    std::vector<lake::ScanPredicate> predicates;
    // Row groups read and pruned while the scan ran (EXPLAIN ANALYZE).
    std::shared_ptr<lake::ScanMetrics> metrics = std::make_shared<lake::ScanMetrics>();
};

}  // namespace flashlake::planner
