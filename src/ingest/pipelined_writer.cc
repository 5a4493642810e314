#include "ingest/pipelined_writer.h"

#include "lake/write/table_writer.h"

namespace flashlake::ingest {

PipelinedWriter::PipelinedWriter(lake::TableWriter* writer, size_t max_queued)
    : writer_(writer), max_queued_(max_queued), thread_([this] { Run(); }) {}

PipelinedWriter::~PipelinedWriter() { (void)Finish(); }

Status PipelinedWriter::Write(std::unique_ptr<Item> item) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return queue_.size() < max_queued_ || !failed_.ok(); });
    if (!failed_.ok()) return failed_;
    queue_.push_back(std::move(item));
    changed_.notify_all();
    return Status::OK();
}

Status PipelinedWriter::Finish() {
    {
        std::lock_guard lock(mutex_);
        closing_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
    std::lock_guard lock(mutex_);
    return failed_;
}

void PipelinedWriter::Run() {
    std::unique_lock lock(mutex_);
    while (true) {
        changed_.wait(lock, [&] { return !queue_.empty() || closing_; });
        if (queue_.empty()) return;  // closing, everything written
        std::unique_ptr<Item> item = std::move(queue_.front());
        queue_.pop_front();
        changed_.notify_all();  // room for the producer
        if (!failed_.ok()) continue;  // after an error, drop the rest
        lock.unlock();
        Status written = writer_->Write(item->mapped.rows);
        item.reset();
        lock.lock();
        if (!written.ok()) {
            failed_ = written;
            changed_.notify_all();
        }
    }
}

}  // namespace flashlake::ingest
