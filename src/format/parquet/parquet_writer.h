#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "column/chunk.h"
#include "common/result.h"
#include "format/parquet/column_chunk_writer.h"
#include "format/parquet/parquet_metadata.h"
#include "format/parquet/writer_options.h"
#include "io/file_system.h"

namespace flashlake::format::parquet {

// Writes chunks of a fixed schema into a Parquet file: one flat column per schema column, row
// groups cut by rows or bytes, data pages v1, dictionary encoding where it pays, ZSTD by default,
// chunk and page statistics, column and offset indexes, optional bloom filters. See
// docs/formats/parquet.md for the exact layout and the logical types written.
//
// Column chunks are encoded in memory and written when their row group closes, so a file never
// holds a partial row group; a writer that failed (a NULL in a NOT NULL column, an I/O error)
// refuses further calls. Not thread-safe.
class ParquetWriter {
public:
    static Result<std::unique_ptr<ParquetWriter>> Open(std::unique_ptr<io::WritableFile> file,
                                                       std::vector<WriterColumn> columns,
                                                       const WriterOptions& options = {});

    // Appends the rows of `chunk`, whose columns match the schema in order and physical type.
    Status Write(const Chunk& chunk);
    // Closes the open row group early (the next rows start a new one).
    Status FlushRowGroup();
    // Writes the last row group, page indexes and footer, then closes (and optionally syncs) the
    // file. A file is only a valid Parquet file after Close succeeded.
    Status Close();

    int64_t num_rows() const { return num_rows_; }
    uint64_t bytes_written() const { return position_; }
    // The footer as written (complete after Close).
    const FileMetaData& metadata() const { return metadata_; }

private:
    ParquetWriter(std::unique_ptr<io::WritableFile> file, std::vector<WriterColumn> columns, WriterOptions options)
        : file_(std::move(file)), columns_(std::move(columns)), options_(std::move(options)) {}
    Status Append(std::string_view bytes);
    Status Fail(Status status);
    Status WriteRows(const Chunk& chunk, size_t offset, size_t count);
    Status WritePageIndexes();
    void BuildSchema();

    std::unique_ptr<io::WritableFile> file_;
    std::vector<WriterColumn> columns_;
    WriterOptions options_;
    std::vector<std::unique_ptr<ColumnChunkWriter>> writers_;
    std::vector<PhysicalLayout> layouts_;

    FileMetaData metadata_;
    // Page indexes of every row group and column, written together before the footer.
    std::vector<std::vector<std::optional<ColumnIndex>>> column_indexes_;
    std::vector<std::vector<OffsetIndex>> offset_indexes_;

    uint64_t position_ = 0;
    int64_t num_rows_ = 0;
    int64_t group_rows_ = 0;
    Status failed_;
    bool closed_ = false;
};

}  // namespace flashlake::format::parquet
