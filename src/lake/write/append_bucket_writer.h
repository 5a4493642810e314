#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "format/parquet/writer_options.h"
#include "lake/write/bucket_writer.h"
#include "lake/write/data_file_writer.h"

namespace flashlake::lake {

struct WriteContext;

// Writes the rows of one bucket of an append table into Parquet files holding the table
// columns, rolled once a file reaches the target size (checked after each chunk, a row group at
// a time). Whole chunks go straight to the file; rows selected from chunks shared with other
// buckets are staged until a chunk's worth is gathered. Rows keep their arrival order and get consecutive sequence numbers from
// `first_sequence` on. Files are named "data-<uuid>-<n>.parquet" with one uuid per bucket
// writer and n counting from 0, as Paimon's DataFilePathFactory names them.
class AppendBucketWriter final : public BucketWriter {
public:
    // Compactions write their output with `source` COMPACT.
    AppendBucketWriter(const WriteContext* context, std::string directory, int64_t first_sequence,
                       FileSource source = FileSource::kAppend);
    ~AppendBucketWriter() override;

    Status Write(const Chunk& chunk, const SelectionVector* rows, const uint8_t* kinds) override;
    Status Flush() override { return Status::OK(); }
    Result<std::vector<DataFileMeta>> PrepareCommit() override;
    void MarkCommitted() override { handed_out_.clear(); }
    Status Abort() override;

private:
    Status OpenFile();
    Status CloseFile();
    Status WriteToFile(const Chunk& chunk);
    Status FlushStaging();

    const WriteContext* context_;
    std::string directory_;
    std::string uuid_;
    int64_t file_counter_ = 0;
    bool directory_created_ = false;
    std::vector<format::parquet::WriterColumn> columns_;
    int64_t next_sequence_;
    FileSource source_;
    int64_t file_first_sequence_ = 0;
    std::unique_ptr<DataFileWriter> current_;
    std::vector<ColumnPtr> staging_;  // selected rows waiting for a chunk's worth
    size_t staged_rows_ = 0;
    std::vector<DataFileMeta> pending_;
    std::vector<std::string> written_;     // files created and not yet handed out
    std::vector<std::string> handed_out_;  // files PrepareCommit returned
};

}  // namespace flashlake::lake
