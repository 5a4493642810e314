#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace flashlake::io {

class WritableFile;

// Collects small appends into one large buffer so the file sees few, large writes. Appends at
// least as large as the buffer go straight to the file after the buffered bytes.
//
// Errors are sticky: after a failed write the writer refuses everything (returning the first
// error), because the file's length is no longer known and later bytes would land at the wrong
// place. Not thread-safe; the file is not owned and must outlive the writer.
class BufferedWriter {
public:
    static constexpr size_t kDefaultBufferSize = 1 << 20;

    explicit BufferedWriter(WritableFile* file, size_t buffer_size = kDefaultBufferSize);
    BufferedWriter(const BufferedWriter&) = delete;
    BufferedWriter& operator=(const BufferedWriter&) = delete;

    Status Append(std::string_view data);
    // Writes the buffered bytes to the file.
    Status Flush();
    // Flushes and syncs the file.
    Status Sync();
    // Flushes and closes the file.
    Status Close();

    // Bytes accepted by Append so far (buffered or written).
    uint64_t bytes_appended() const { return bytes_appended_; }

private:
    Status Write(std::string_view data);

    WritableFile* file_;
    std::string buffer_;
    size_t capacity_;
    uint64_t bytes_appended_ = 0;
    Status error_;  // the first failure, returned by every call after it
};

}  // namespace flashlake::io
