#pragma once

#include <string>
#include <vector>

#include "format/csv/csv_reader.h"
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
};

}  // namespace flashlake::planner
