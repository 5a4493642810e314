#include "lake/write/key_value_bucket_writer.h"

#include "io/file_system.h"
#include "lake/commit/manifest_file_writer.h"
#include "lake/lsm/key_value_chunk.h"
#include "lake/write/key_value_file_writer.h"
#include "lake/write/write_buffer_merger.h"
#include "lake/write/write_context.h"

namespace flashlake::lake {

KeyValueBucketWriter::KeyValueBucketWriter(const WriteContext* context, WriteBufferMerger* merger,
                                           std::string directory, int64_t first_sequence)
    : context_(context),
      merger_(merger),
      directory_(std::move(directory)),
      uuid_(RandomUuid()),
      buffer_(context->column_types, context->key_columns),
      next_sequence_(first_sequence) {}

KeyValueBucketWriter::~KeyValueBucketWriter() = default;

Status KeyValueBucketWriter::Write(const Chunk& chunk, const SelectionVector* rows, const uint8_t* kinds) {
    if (kinds != nullptr && context_->ignore_delete) {
        SelectionVector kept;
        const size_t count = rows ? rows->size() : chunk.num_rows();
        for (size_t i = 0; i < count; ++i) {
            uint32_t row = rows ? (*rows)[i] : static_cast<uint32_t>(i);
            if (!lsm::IsRetract(static_cast<int8_t>(kinds[row]))) kept.Append(row);
        }
        buffer_.Append(chunk, &kept, kinds, &next_sequence_);
    } else {
        buffer_.Append(chunk, rows, kinds, &next_sequence_);
    }
    return Status::OK();
}

Status KeyValueBucketWriter::Flush() {
    if (buffer_.empty()) return Status::OK();
    FL_ASSIGN_OR_RETURN(std::vector<SortedRun> runs, merger_->Merge(buffer_));
    for (const SortedRun& run : runs) {
        KeyValueFileWriter files(context_, directory_, uuid_, &file_counter_, 0, FileSource::kAppend);
        Status status = files.Write(run.columns, run.rows.data(), run.sequence.data(), run.kinds.data(), run.size());
        Result<std::vector<DataFileMeta>> done =
            status.ok() ? files.Finish() : Result<std::vector<DataFileMeta>>(status);
        written_.insert(written_.end(), files.paths().begin(), files.paths().end());
        if (!done.ok()) {
            (void)files.Discard();
            return done.status();
        }
        pending_.insert(pending_.end(), done->begin(), done->end());
    }
    buffer_.Clear();
    return Status::OK();
}

Result<std::vector<DataFileMeta>> KeyValueBucketWriter::PrepareCommit() {
    FL_RETURN_NOT_OK(Flush());
    std::vector<DataFileMeta> files = std::move(pending_);
    pending_.clear();
    handed_out_.insert(handed_out_.end(), written_.begin(), written_.end());
    written_.clear();
    return files;
}

Status KeyValueBucketWriter::Abort() {
    Status first;
    for (const auto* paths : {&written_, &handed_out_}) {
        for (const std::string& path : *paths) {
            Status status = context_->fs->DeleteFile(path);
            if (!status.ok() && status.code() != ErrorCode::kNotFound && first.ok()) first = status;
        }
    }
    written_.clear();
    handed_out_.clear();
    pending_.clear();
    buffer_.Clear();
    return first;
}

}  // namespace flashlake::lake
