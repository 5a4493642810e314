#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "column/column.h"
#include "common/result.h"
#include "format/parquet/writer_options.h"
#include "lake/data_file_meta.h"
#include "types/value.h"

namespace flashlake::lake {

class DataFileWriter;
struct WriteContext;

// Writes the rows of one sorted run of a primary-key bucket (in key order, each key once) into
// data files of one LSM level, rolled at the target file size: a flush writes level 0 with
// source APPEND, a compaction its output level with source COMPACT.
//
// Files hold, in this order (KeyValue.createKeyValueFields): `_KEY_<k>` for each trimmed
// primary-key column, `_SEQUENCE_NUMBER` BIGINT, `_VALUE_KIND` TINYINT (RowKind byte), then every
// table column. Their DataFileMeta has the file's first and last key as min/max key, key stats
// in full (string keys tracked while writing, since Parquet bounds of long strings are cut),
// value stats over the table columns (the table's stats modes), the sequence range and the
// number of -U/-D rows. Files are named with `uuid` and the shared `*file_counter`.
class KeyValueFileWriter {
public:
    KeyValueFileWriter(const WriteContext* context, std::string directory, std::string uuid, int64_t* file_counter,
                       int32_t level, FileSource source);
    ~KeyValueFileWriter();

    // Appends rows[0, count) of the table `columns` (flat), whose sequence numbers and kinds are
    // sequence[0, count) and kinds[0, count). Rows must continue the key order.
    Status Write(const std::vector<ColumnPtr>& columns, const uint32_t* rows, const int64_t* sequence,
                 const int8_t* kinds, size_t count);
    // Closes the file being written; returns the files completed since the last call.
    Result<std::vector<DataFileMeta>> Finish();
    // Every file this writer created, the one being written included.
    const std::vector<std::string>& paths() const { return paths_; }
    // Closes the file being written without syncing and deletes every file created.
    Status Discard();

private:
    Status StartFile();
    Status FinishFile();
    void TrackKeys(const std::vector<ColumnPtr>& gathered, size_t count);

    const WriteContext* context_;
    std::string directory_;
    std::string uuid_;
    int64_t* file_counter_;
    int32_t level_;
    FileSource source_;
    bool directory_created_ = false;
    std::vector<format::parquet::WriterColumn> columns_;

    // The file being written.
    std::unique_ptr<DataFileWriter> file_;
    std::vector<Value> first_key_;
    std::vector<Value> last_key_;
    std::vector<std::optional<Value>> key_min_;  // string key columns only
    std::vector<std::optional<Value>> key_max_;
    int64_t min_sequence_ = 0;
    int64_t max_sequence_ = 0;
    int64_t retractions_ = 0;

    std::vector<DataFileMeta> done_;
    std::vector<std::string> paths_;
};

}  // namespace flashlake::lake
