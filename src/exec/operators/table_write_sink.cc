#include "exec/operators/table_write_sink.h"

#include "common/query_error.h"

namespace flashlake::exec {

TableWriteSink::TableWriteSink(Options options) : options_(std::move(options)) {
    if (options_.max_writers == 0) options_.max_writers = 1;
}

TableWriteSink::~TableWriteSink() = default;

lake::TableWriter* TableWriteSink::AcquireWriter() {
    std::unique_lock lock(mutex_);
    while (idle_.empty() && writers_.size() >= options_.max_writers) writer_returned_.wait(lock);
    if (!idle_.empty()) {
        lake::TableWriter* writer = idle_.back();
        idle_.pop_back();
        return writer;
    }
    auto opened = lake::TableWriter::Open(options_.fs, options_.table_path, options_.schema, options_.writer_options);
    ThrowIfError(opened.status());
    writers_.push_back(std::move(*opened));
    return writers_.back().get();
}

void TableWriteSink::ReleaseWriter(lake::TableWriter* writer) {
    {
        std::lock_guard lock(mutex_);
        idle_.push_back(writer);
    }
    writer_returned_.notify_one();
}

void TableWriteSink::Consume(ExecContext& context, Chunk chunk, ChunkOrder order) {
    if (chunk.empty()) return;
    lake::TableWriter* writer = AcquireWriter();
    Status status;
    if (options_.row_kind) {
        std::vector<uint8_t> kinds(chunk.num_rows(), *options_.row_kind);
        status = writer->Write(chunk, &kinds);
    } else {
        status = writer->Write(chunk);
    }
    ReleaseWriter(writer);
    ThrowIfError(status);
}

Result<std::vector<lake::CommitMessage>> TableWriteSink::PrepareCommit() {
    std::lock_guard lock(mutex_);
    std::vector<lake::CommitMessage> messages;
    for (auto& writer : writers_) {
        FL_ASSIGN_OR_RETURN(std::vector<lake::CommitMessage> part, writer->PrepareCommit());
        for (auto& message : part) messages.push_back(std::move(message));
    }
    return messages;
}

void TableWriteSink::MarkCommitted() {
    std::lock_guard lock(mutex_);
    for (auto& writer : writers_) writer->MarkCommitted();
}

Status TableWriteSink::Abort() {
    std::lock_guard lock(mutex_);
    Status first;
    for (auto& writer : writers_) {
        Status status = writer->Abort();
        if (first.ok() && !status.ok()) first = status;
    }
    return first;
}

int64_t TableWriteSink::rows_written() const {
    std::lock_guard lock(mutex_);
    int64_t rows = 0;
    for (const auto& writer : writers_) rows += writer->rows_written();
    return rows;
}

}  // namespace flashlake::exec
