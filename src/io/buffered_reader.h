#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace flashlake::io {

class RandomAccessFile;

// Reads a byte range [begin, end) of a RandomAccessFile sequentially through a buffer, so that
// many small reads (a footer, a header, varints) cost few file reads. Reads are exact: asking for
// more bytes than remain in the range is kCorruption naming the file and offset. Not
// thread-safe; the file is not owned and must outlive the reader.
class BufferedReader {
public:
    static constexpr size_t kDefaultBufferSize = 256 << 10;

    BufferedReader(const RandomAccessFile* file, uint64_t begin, uint64_t end, size_t buffer_size = kDefaultBufferSize);

    // Copies the next `length` bytes to `out`.
    Status Read(size_t length, char* out);
    Status Read(size_t length, std::string* out);
    // Makes the next `length` bytes (at most the buffer size) available without consuming them;
    // the view stays valid until the next call on the reader.
    Status Peek(size_t length, std::string_view* out);
    Status Skip(uint64_t length);

    uint64_t position() const { return position_; }
    uint64_t remaining() const { return end_ - position_; }

private:
    Status CheckRemaining(uint64_t length) const;
    Status Fill(size_t length);  // ensures `length` bytes at position_ are buffered

    const RandomAccessFile* file_;
    uint64_t position_;
    uint64_t end_;
    size_t buffer_size_;
    std::string buffer_;
    uint64_t buffer_start_ = 0;  // file offset of buffer_[0]
};

}  // namespace flashlake::io
