#include "io/buffered_reader.h"

#include <algorithm>
#include <cstring>

#include "io/file_system.h"

namespace flashlake::io {

BufferedReader::BufferedReader(const RandomAccessFile* file, uint64_t begin, uint64_t end, size_t buffer_size)
    : file_(file), position_(begin), end_(std::max(begin, end)), buffer_size_(std::max<size_t>(buffer_size, 16)) {}

Status BufferedReader::CheckRemaining(uint64_t length) const {
    if (length <= remaining()) return Status::OK();
    return Status::Corruption("read '" + file_->path() + "': " + std::to_string(length) + " bytes at offset " +
                              std::to_string(position_) + " go past the end of the range (" +
                              std::to_string(remaining()) + " bytes left)");
}

Status BufferedReader::Fill(size_t length) {
    uint64_t buffered_end = buffer_start_ + buffer_.size();
    if (position_ >= buffer_start_ && position_ + length <= buffered_end) return Status::OK();
    size_t size = static_cast<size_t>(std::min<uint64_t>(std::max(buffer_size_, length), remaining()));
    FL_RETURN_NOT_OK(file_->ReadAt(position_, size, &buffer_));
    buffer_start_ = position_;
    return Status::OK();
}

Status BufferedReader::Read(size_t length, char* out) {
    FL_RETURN_NOT_OK(CheckRemaining(length));
    // First whatever the buffer already holds at the current position.
    uint64_t buffered_end = buffer_start_ + buffer_.size();
    if (position_ >= buffer_start_ && position_ < buffered_end) {
        size_t available = static_cast<size_t>(std::min<uint64_t>(buffered_end - position_, length));
        std::memcpy(out, buffer_.data() + (position_ - buffer_start_), available);
        out += available;
        length -= available;
        position_ += available;
    }
    if (length == 0) return Status::OK();
    if (length >= buffer_size_) {
        FL_RETURN_NOT_OK(file_->ReadAt(position_, length, out));
    } else {
        FL_RETURN_NOT_OK(Fill(length));
        std::memcpy(out, buffer_.data() + (position_ - buffer_start_), length);
    }
    position_ += length;
    return Status::OK();
}

Status BufferedReader::Read(size_t length, std::string* out) {
    FL_RETURN_NOT_OK(CheckRemaining(length));
    out->resize(length);
    return Read(length, out->data());
}

Status BufferedReader::Peek(size_t length, std::string_view* out) {
    FL_RETURN_NOT_OK(CheckRemaining(length));
    if (length > buffer_size_) {
        return Status::InvalidArgument("peek of " + std::to_string(length) + " bytes exceeds the buffer size");
    }
    FL_RETURN_NOT_OK(Fill(length));
    *out = std::string_view(buffer_).substr(static_cast<size_t>(position_ - buffer_start_), length);
    return Status::OK();
}

Status BufferedReader::Skip(uint64_t length) {
    FL_RETURN_NOT_OK(CheckRemaining(length));
    position_ += length;
    return Status::OK();
}

}  // namespace flashlake::io
