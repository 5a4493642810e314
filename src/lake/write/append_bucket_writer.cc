#include "lake/write/append_bucket_writer.h"

#include "format/parquet/parquet_metadata.h"
#include "io/file_system.h"
#include "io/path.h"
#include "lake/commit/manifest_file_writer.h"
#include "lake/write/file_stats.h"
#include "lake/write/write_context.h"

namespace flashlake::lake {

AppendBucketWriter::AppendBucketWriter(const WriteContext* context, std::string directory, int64_t first_sequence,
                                       FileSource source)
    : context_(context),
      directory_(std::move(directory)),
      uuid_(RandomUuid()),
      next_sequence_(first_sequence),
      source_(source) {
    for (size_t i = 0; i < context->num_columns(); ++i) {
        const DataField& field = context->schema.fields[i];
        columns_.push_back({field.name, context->column_types[i], field.type.nullable()});
    }
}

AppendBucketWriter::~AppendBucketWriter() = default;

Status AppendBucketWriter::OpenFile() {
    if (!directory_created_) {
        FL_RETURN_NOT_OK(context_->fs->CreateDirectories(directory_));
        directory_created_ = true;
    }
    std::string name = context_->DataFileName(uuid_, file_counter_++);
    written_.push_back(io::JoinPath(directory_, name));
    FL_ASSIGN_OR_RETURN(current_, DataFileWriter::Open(*context_, directory_, std::move(name), columns_));
    file_first_sequence_ = next_sequence_;
    return Status::OK();
}

Status AppendBucketWriter::CloseFile() {
    std::unique_ptr<DataFileWriter> file = std::move(current_);
    FL_RETURN_NOT_OK(file->Close());
    const int64_t rows = file->num_rows();
    FL_ASSIGN_OR_RETURN(std::vector<FileColumnStats> columns,
                        ParquetColumnStats(file->metadata(), 0, static_cast<int>(columns_.size())));
    DataFileMeta meta = NewDataFileMeta(*context_, file->name(), static_cast<int64_t>(file->bytes_written()), rows);
    FL_ASSIGN_OR_RETURN(meta.value_stats, ToSimpleStats(columns, context_->schema.fields, context_->value_stats_modes));
    meta.file_source = source_;
    meta.min_sequence_number = file_first_sequence_;
    meta.max_sequence_number = file_first_sequence_ + rows - 1;
    pending_.push_back(std::move(meta));
    return Status::OK();
}

Status AppendBucketWriter::WriteToFile(const Chunk& chunk) {
    if (chunk.num_rows() == 0) return Status::OK();
    if (!current_) FL_RETURN_NOT_OK(OpenFile());
    FL_RETURN_NOT_OK(current_->Write(chunk));
    next_sequence_ += static_cast<int64_t>(chunk.num_rows());
    if (current_->bytes_written() >= static_cast<uint64_t>(context_->target_file_size)) {
        FL_RETURN_NOT_OK(CloseFile());
    }
    return Status::OK();
}

Status AppendBucketWriter::FlushStaging() {
    if (staged_rows_ == 0) return Status::OK();
    Chunk staged(std::move(staging_), staged_rows_);
    staging_.clear();
    staged_rows_ = 0;
    return WriteToFile(staged);
}

Status AppendBucketWriter::Write(const Chunk& chunk, const SelectionVector* rows, const uint8_t* kinds) {
    if (rows == nullptr) {
        FL_RETURN_NOT_OK(FlushStaging());
        return WriteToFile(chunk);
    }
    // Some rows of a chunk (a partition or bucket among several): gathered until a chunk's worth
    // is staged, so that the Parquet writer sees full chunks.
    if (rows->empty()) return Status::OK();
    if (staging_.empty()) {
        for (const auto& column : columns_) staging_.push_back(Column::MakeFlat(column.type, 0));
    }
    for (size_t c = 0; c < staging_.size(); ++c) staging_[c]->Append(*chunk.column(c), rows);
    staged_rows_ += rows->size();
    if (staged_rows_ >= kChunkSize) return FlushStaging();
    return Status::OK();
}

Result<std::vector<DataFileMeta>> AppendBucketWriter::PrepareCommit() {
    FL_RETURN_NOT_OK(FlushStaging());
    if (current_) FL_RETURN_NOT_OK(CloseFile());
    std::vector<DataFileMeta> files = std::move(pending_);
    pending_.clear();
    handed_out_.insert(handed_out_.end(), written_.begin(), written_.end());
    written_.clear();
    return files;
}

Status AppendBucketWriter::Abort() {
    Status first;
    if (current_) {
        Status status = current_->Discard(context_->fs);
        if (!status.ok() && first.ok()) first = status;
        current_.reset();
    }
    for (const auto* paths : {&written_, &handed_out_}) {
        for (const std::string& path : *paths) {
            Status status = context_->fs->DeleteFile(path);
            if (!status.ok() && status.code() != ErrorCode::kNotFound && first.ok()) first = status;
        }
    }
    written_.clear();
    handed_out_.clear();
    pending_.clear();
    staging_.clear();
    staged_rows_ = 0;
    return first;
}

}  // namespace flashlake::lake
