#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "format/parquet/writer_options.h"
#include "lake/generated_partition.h"
#include "lake/table_schema.h"
#include "lake/write/file_stats.h"
#include "types/logical_type.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::lake {

struct TableWriterOptions;

// What every writer of one table shares, derived once from the schema and options when the
// TableWriter opens: column types, the key/partition/bucket layout, the Parquet settings and
// the file naming. Immutable after Make.
//
// Table options win over the TableWriterOptions defaults, as Paimon's do: `target-file-size`,
// `file.compression`, `file.compression.zstd-level`, `data-file.prefix`,
// `file.suffix.include.compression`, `metadata.stats-mode` / `fields.<f>.stats-mode`,
// `ignore-delete`. The write buffer is sized in rows by TableWriterOptions only
// (`write-buffer-size` is a byte budget of Paimon's JVM writer and is ignored).
struct WriteContext {
    io::FileSystem* fs = nullptr;
    std::string table_path;
    TableSchema schema;

    std::vector<LogicalType> column_types;  // per table field, as chunks carry them
    bool primary_key_table = false;
    // `bucket`: > 0 fixed; -1 unaware (append tables only).
    int32_t num_buckets = -1;
    bool mod_bucket_function = false;  // `bucket-function.type = mod`
    std::vector<int> partition_columns;
    std::vector<DataType> partition_types;
    std::vector<int> bucket_key_columns;
    std::vector<DataType> bucket_key_types;
    // Primary-key tables: the trimmed primary key (primary key minus partition keys).
    std::vector<int> key_columns;
    std::vector<DataField> key_fields;

    // Generated partition columns (PARTITION BY date_trunc): the writer computes column `column`
    // from column `source` of every chunk, whatever the chunk holds there.
    struct GeneratedColumn {
        int column;
        int source;
        TruncUnit unit;
    };
    std::vector<GeneratedColumn> generated_columns;

    // `ignore-delete` (and the engine-specific spellings): -U/-D rows are dropped on write.
    bool ignore_delete = false;

    int64_t target_file_size = int64_t{128} << 20;
    size_t write_buffer_rows = size_t{1} << 20;
    format::parquet::WriterOptions parquet;
    std::string file_prefix = "data-";
    std::string file_suffix = ".parquet";

    // Statistics modes of the table columns (value stats).
    std::vector<StatsMode> value_stats_modes;

    // Checks that the table is one this writer can write (kNotSupported naming the reason:
    // dynamic or postpone buckets for primary-key tables, non-Parquet formats, changelog
    // producers, data evolution, column types without a Parquet form) and derives the above.
    static Result<WriteContext> Make(io::FileSystem* fs, std::string table_path, TableSchema schema,
                                     const TableWriterOptions& options);

    size_t num_columns() const { return column_types.size(); }
    // "data-<uuid>-<n>.parquet".
    std::string DataFileName(const std::string& uuid, int64_t counter) const;
};

// Paimon's LocalDateTime.now() as DataFileMeta keeps it: the local wall clock, in milliseconds,
// as if it were UTC.
int64_t LocalWallClockMillis();

}  // namespace flashlake::lake
