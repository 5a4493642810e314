#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "column/chunk.h"
#include "common/result.h"
#include "format/parquet/writer_options.h"
#include "lake/data_file_meta.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::format::parquet {
class ParquetWriter;
struct FileMetaData;
}  // namespace flashlake::format::parquet

namespace flashlake::lake {

struct WriteContext;

// One Parquet data file being written into a bucket directory: created exclusively (a name
// clash is an error, never an overwrite), written chunk by chunk, and synced on Close. After
// Close the footer (with the column statistics) is available for the file's DataFileMeta.
// Discard removes the file whatever state it is in. Not thread-safe.
class DataFileWriter {
public:
    static Result<std::unique_ptr<DataFileWriter>> Open(const WriteContext& context, const std::string& directory,
                                                        std::string name,
                                                        std::vector<format::parquet::WriterColumn> columns);
    ~DataFileWriter();

    const std::string& name() const { return name_; }
    const std::string& path() const { return path_; }
    int64_t num_rows() const;
    // Bytes in the file so far: whole row groups, a row group at a time.
    uint64_t bytes_written() const;

    Status Write(const Chunk& chunk);
    Status Close();
    // After Close: the footer as written.
    const format::parquet::FileMetaData& metadata() const;

    // Closes without syncing if still open, and deletes the file (a missing file is fine).
    Status Discard(io::FileSystem* fs);

private:
    DataFileWriter() = default;

    std::string name_;
    std::string path_;
    std::unique_ptr<format::parquet::ParquetWriter> writer_;
    bool closed_ = false;
};

// The fields every new data file's metadata shares: name, size, row count, schema id, level 0,
// creation time (local wall clock), source APPEND, no extra files, stats for all columns. Keys
// and key stats are left empty (append tables keep them so; key-value writers fill them).
DataFileMeta NewDataFileMeta(const WriteContext& context, std::string name, int64_t file_size, int64_t row_count);

}  // namespace flashlake::lake
