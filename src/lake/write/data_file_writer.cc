#include "lake/write/data_file_writer.h"

#include "format/parquet/parquet_writer.h"
#include "io/file_system.h"
#include "io/path.h"
#include "lake/write/write_context.h"

namespace flashlake::lake {

Result<std::unique_ptr<DataFileWriter>> DataFileWriter::Open(const WriteContext& context, const std::string& directory,
                                                             std::string name,
                                                             std::vector<format::parquet::WriterColumn> columns) {
    std::unique_ptr<DataFileWriter> writer(new DataFileWriter());
    writer->path_ = io::JoinPath(directory, name);
    writer->name_ = std::move(name);
    FL_ASSIGN_OR_RETURN(std::unique_ptr<io::WritableFile> file,
                        context.fs->OpenForWrite(writer->path_, io::WriteMode::kCreateNew));
    Result<std::unique_ptr<format::parquet::ParquetWriter>> parquet =
        format::parquet::ParquetWriter::Open(std::move(file), std::move(columns), context.parquet);
    if (!parquet.ok()) {
        (void)context.fs->DeleteFile(writer->path_);
        return parquet.status();
    }
    writer->writer_ = std::move(parquet).value();
    return writer;
}

DataFileWriter::~DataFileWriter() = default;

int64_t DataFileWriter::num_rows() const {
    return writer_->num_rows();
}

uint64_t DataFileWriter::bytes_written() const {
    return writer_->bytes_written();
}

Status DataFileWriter::Write(const Chunk& chunk) {
    Status status = writer_->Write(chunk);
    return status.ok() ? status : status.WithContext(path_);
}

Status DataFileWriter::Close() {
    Status status = writer_->Close();
    if (!status.ok()) return status.WithContext(path_);
    closed_ = true;
    return Status::OK();
}

const format::parquet::FileMetaData& DataFileWriter::metadata() const {
    return writer_->metadata();
}

Status DataFileWriter::Discard(io::FileSystem* fs) {
    // Destroying an unclosed Parquet writer closes its file without syncing.
    writer_.reset();
    Status status = fs->DeleteFile(path_);
    if (status.code() == ErrorCode::kNotFound) return Status::OK();
    return status;
}

DataFileMeta NewDataFileMeta(const WriteContext& context, std::string name, int64_t file_size, int64_t row_count) {
    DataFileMeta meta;
    meta.file_name = std::move(name);
    meta.file_size = file_size;
    meta.row_count = row_count;
    // Paimon's append files carry empty key rows and empty key stats with an empty null-count array.
    meta.key_stats.null_counts = std::vector<std::optional<int64_t>>{};
    meta.schema_id = context.schema.id;
    meta.level = 0;
    meta.creation_time_millis = LocalWallClockMillis();
    meta.delete_row_count = 0;
    meta.file_source = FileSource::kAppend;
    return meta;
}

}  // namespace flashlake::lake
