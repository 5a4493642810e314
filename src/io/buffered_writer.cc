#include "io/buffered_writer.h"

#include "io/file_system.h"

namespace flashlake::io {

BufferedWriter::BufferedWriter(WritableFile* file, size_t buffer_size)
    : file_(file), capacity_(buffer_size == 0 ? 1 : buffer_size) {}

Status BufferedWriter::Write(std::string_view data) {
    if (!error_.ok()) return error_;
    error_ = file_->Append(data);
    return error_;
}

Status BufferedWriter::Append(std::string_view data) {
    if (!error_.ok()) return error_;
    if (buffer_.size() + data.size() <= capacity_) {
        if (buffer_.capacity() < capacity_) buffer_.reserve(capacity_);
        buffer_.append(data);
    } else {
        FL_RETURN_NOT_OK(Flush());
        if (data.size() >= capacity_) {
            FL_RETURN_NOT_OK(Write(data));
        } else {
            buffer_.append(data);
        }
    }
    bytes_appended_ += data.size();
    return Status::OK();
}

Status BufferedWriter::Flush() {
    if (!error_.ok()) return error_;
    if (buffer_.empty()) return Status::OK();
    FL_RETURN_NOT_OK(Write(buffer_));
    buffer_.clear();
    return Status::OK();
}

Status BufferedWriter::Sync() {
    FL_RETURN_NOT_OK(Flush());
    error_ = file_->Sync();
    return error_;
}

Status BufferedWriter::Close() {
    FL_RETURN_NOT_OK(Flush());
    Status status = file_->Close();
    // Either way the file is released, so every later call fails.
    error_ = status.ok() ? Status::IOError("write '" + file_->path() + "': writer is closed") : status;
    return status;
}

}  // namespace flashlake::io
