#pragma once

#include <memory>
#include <string>
#include <vector>

#include "column/chunk.h"
#include "common/result.h"
#include "lake/data_file_meta.h"
#include "lake/read/deletion_vector.h"
#include "lake/read/scan_predicate.h"
#include "lake/table_schema.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::format::parquet {
class ParquetReader;
class RowGroupReader;
}  // namespace flashlake::format::parquet

namespace flashlake::lake {

// A predicate on a table column, its value already of the column's type.
struct FieldPredicate {
    DataField field;
    ScanPredicate predicate;
};

// What to read from each data file of a split, in table terms.
struct DataFileReadSpec {
    // Table columns to produce, in this order.
    std::vector<DataField> fields;
    // Also produce _SEQUENCE_NUMBER (BIGINT) and _VALUE_KIND (TINYINT, a RowKind byte) after
    // `fields` (primary-key tables).
    bool system_columns = false;
    // Row groups whose statistics rule out one of these are skipped.
    std::vector<FieldPredicate> row_group_filters;
    // Dictionary-encoded string columns stay dictionary columns.
    bool keep_dictionary = true;
    // Decoded columns come from and go to the process's column cache (queries; compaction, which
    // reads each file once, leaves the cache to them).
    bool use_cache = true;
    // Counts read and pruned row groups when set.
    ScanMetrics* metrics = nullptr;
    // Read only the row groups g with g % row_group_shards == row_group_shard.
    int32_t row_group_shard = 0;
    int32_t row_group_shards = 1;
};

// Reads one Parquet data file as chunks of table columns (schema evolution on read, Paimon
// §4.4): each requested field is found in the file by its field id in the schema the file was
// written with, read under that schema's name, and cast to the current type if it changed
// (column_cast.h); fields added after the file was written read as NULL; dropped fields are
// never read. Rows deleted by the file's deletion vector are left out. Chunks have at most
// kChunkSize rows and are never empty.
//
// Only Parquet files are supported (kNotSupported for ORC, Avro, blob files), as are only
// atomic columns (kNotSupported when a nested column is requested).
class DataFileReader {
public:
    static Result<std::unique_ptr<DataFileReader>> Open(io::FileSystem* fs, const std::string& path,
                                                        const DataFileMeta& file, const TableSchema& file_schema,
                                                        const DataFileReadSpec& spec,
                                                        std::shared_ptr<const DeletionVector> deletion_vector);
    ~DataFileReader();

    Result<bool> Next(Chunk* chunk);

    const DataFileMeta& file() const { return file_; }
    const std::string& path() const { return path_; }

private:
    // How one output column is made from the file.
    struct ColumnPlan {
        int leaf_slot = -1;             // position among the leaves read, or -1 for a NULL column
        LogicalType type;               // the output type
        DataType file_type;             // the field's type when the file was written
        DataType table_type;            // the field's current type
        bool time_from_micros = false;  // a TIME leaf read as microseconds, stored as INT millis
        bool cast = false;              // file_type -> table_type needs CastColumn
    };

    DataFileReader() = default;
    // Where each output column comes from.
    Status Plan(const TableSchema& file_schema, const DataFileReadSpec& spec);
    Status PlanRowGroups(const TableSchema& file_schema, const DataFileReadSpec& spec);
    Result<ColumnPtr> MakeColumn(const ColumnPlan& plan, const Chunk& leaves, size_t rows) const;

    std::string path_;
    DataFileMeta file_;
    std::unique_ptr<format::parquet::ParquetReader> reader_;
    std::shared_ptr<const DeletionVector> deletion_vector_;
    std::vector<int> leaves_;  // leaf indexes read, in slot order
    std::vector<ColumnPlan> columns_;
    std::vector<int> row_groups_;           // to read, ascending
    std::vector<int64_t> row_group_start_;  // first file row of every row group
    size_t next_row_group_ = 0;
    std::unique_ptr<format::parquet::RowGroupReader> group_;
    int64_t group_row_ = 0;  // file row of the group reader's next row
    SelectionVector selection_;
};

}  // namespace flashlake::lake
