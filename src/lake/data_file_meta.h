#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "lake/binary_row.h"
#include "lake/data_type.h"
#include "lake/simple_stats.h"

namespace flashlake::lake {

// Why a data file was written: by a flush of new rows, or by a compaction.
enum class FileSource : uint8_t { kAppend = 0, kCompact = 1 };

// What a manifest says about one data file (paimon `io/DataFileMeta`, the `_FILE` record of a
// manifest entry). Fields that newer writers added are optional; they are absent in manifests
// from writers that predate them.
struct DataFileMeta {
    std::string file_name;  // relative to the bucket directory (unless external_path is set)
    int64_t file_size = 0;
    // Every row in the file, retractions (-U/-D) included.
    int64_t row_count = 0;
    // The trimmed primary key range of a primary-key table file; empty rows for append tables.
    BinaryRow min_key;
    BinaryRow max_key;
    SimpleStats key_stats;
    // Stats over the table columns, or only `value_stats_cols` when that is present.
    SimpleStats value_stats;
    int64_t min_sequence_number = 0;
    int64_t max_sequence_number = 0;
    int64_t schema_id = 0;                 // the schema the file was written with
    int32_t level = 0;                     // LSM level; 0 for fresh flushes and append tables
    std::vector<std::string> extra_files;  // e.g. a file index "<name>.index" next to the file
    // Writer-local wall clock (LocalDateTime.now()), not UTC, in milliseconds.
    std::optional<int64_t> creation_time_millis;
    std::optional<int64_t> delete_row_count;    // -U/-D rows
    std::optional<std::string> embedded_index;  // a small file index inlined in the manifest
    std::optional<FileSource> file_source;
    // Absent: value stats cover all columns; empty: no value stats; else the covered columns.
    std::optional<std::vector<std::string>> value_stats_cols;
    // The full location of a file written outside the table directory.
    std::optional<std::string> external_path;
    // Row tracking and data evolution (Paimon 1.3+).
    std::optional<int64_t> first_row_id;
    std::optional<std::vector<std::string>> write_cols;

    // Rows that add data (+I/+U): row_count minus the retractions, when those are known.
    int64_t AddRowCount() const { return row_count - delete_row_count.value_or(0); }

    bool operator==(const DataFileMeta&) const = default;
};

struct TableSchema;

// The columns `file.value_stats` covers, given the schema the file was written with: the
// `value_stats_cols` if present (dense stats), else the `write_cols` of a data-evolution file
// (which may name the system columns _ROW_ID and _SEQUENCE_NUMBER), else every field.
// kCorruption when a named column is not in the schema.
Result<std::vector<DataField>> ValueStatsFields(const TableSchema& file_schema, const DataFileMeta& file);

}  // namespace flashlake::lake
